"""The server's command-line programs, run against a database URL: the client (mariadb or
mysql), into which the offline-script tests pipe their scripts, and the dump program
(mariadb-dump or mysqldump), with which the fixtures copy a migrated database. Each is None
when it is not installed here."""

from __future__ import annotations

import os
import shutil
import subprocess

from sqlalchemy.engine import URL

CLIENT = shutil.which("mariadb") or shutil.which("mysql")
DUMP = shutil.which("mariadb-dump") or shutil.which("mysqldump")


def _run(
    program: str, url: URL, *options: str, script: str | None = None, check: bool = False
) -> subprocess.CompletedProcess[str]:
    # --no-defaults first: no option file of this machine (a ~/.my.cnf password, say) may
    # change what the tests run.
    command = [
        program,
        "--no-defaults",
        "--default-character-set=utf8mb4",
        f"--host={url.host}",
        f"--user={url.username}",
        *options,
    ]
    if url.port:
        command.append(f"--port={url.port}")
    return subprocess.run(
        [*command, url.database],
        input=script,
        capture_output=True,
        text=True,
        env={**os.environ, "MYSQL_PWD": url.password or ""},
        check=check,
        timeout=120,
    )


def pipe_into_client(url: URL, script: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the script as a DBA would: mariadb [options] DATABASE < script."""
    assert CLIENT, "no mariadb or mysql client installed"
    return _run(CLIENT, url, *options, script=script)


def dump_database(url: URL) -> str:
    """The database's tables (with their rows), views, routines and triggers, as a script."""
    assert DUMP, "no mariadb-dump or mysqldump installed"
    options = ("--routines", "--triggers", "--skip-comments", "--single-transaction")
    return _run(DUMP, url, *options, check=True).stdout
