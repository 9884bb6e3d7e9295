"""A private MariaDB or MySQL server run from local binaries, its files under one directory.

The embedded default database lives in `.sims/server/`; the test harness starts a
throwaway one in a temporary directory. Both use this class.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import port_for
import pymysql

from sims.config import (
    DEFAULT_DATABASE,
    EMBEDDED_SERVER_HOME,
    configured_database_url,
)
from sims.db import ensure_database
from sims.errors import SimsError

SEARCH_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin", "/usr/bin")
SERVER_PROGRAMS = ("mariadbd", "mysqld")
INSTALL_HINT = (
    "install Debian's package mariadb-server (sudo apt-get update && "
    "sudo apt-get install -y mariadb-server), or set DATABASE_URL to use an existing server"
)


def find_program(name: str) -> str | None:
    """The program's path on PATH or in the usual server directories."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SEARCH_DIRS))


def find_server_program() -> str:
    """The mariadbd or mysqld binary to run, or a SimsError saying what to install."""
    for name in SERVER_PROGRAMS:
        if path := find_program(name):
            return path
    raise SimsError(f"no MariaDB or MySQL server binary (mariadbd, mysqld) found: {INSTALL_HINT}")


def is_mariadb(program: str) -> bool:
    """Whether the server binary is MariaDB (else Oracle MySQL), from its --version."""
    version = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    return "mariadb" in (version.stdout + version.stderr).lower()


def account_name() -> str:
    """The account this process runs as, for the server to run as too (from the user id:
    getpass would believe LOGNAME or USER)."""
    return pwd.getpwuid(os.geteuid()).pw_name


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists; a child of ours that has exited is reaped
    first, so it counts as gone rather than lingering as a zombie."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:  # not our child: nothing to reap
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class ServerStatus:
    """What `server status` reports."""

    running: bool
    pid: int | None
    port: int | None
    home: Path

    def url(self, database: str = "") -> str:
        """A DATABASE_URL for the root account of this server."""
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/{database}"


class PrivateServer:
    """One server process whose data, socket, pid, port and log files live under `home`."""

    def __init__(self, home: Path) -> None:
        self.home = home = home.resolve()  # as command lines name it, from any directory
        self.data_dir = home / "data"
        self.socket = home / "server.sock"
        self.pid_file = home / "server.pid"
        self.port_file = home / "server.port"
        self.log_file = home / "server.log"
        # Its own: at start-up a server deletes every #sql* file in its tmpdir, which in a
        # shared /tmp are the temporary tables other servers are using at that moment.
        self.tmp_dir = home / "tmp"
        self._process: subprocess.Popen | None = None

    def status(self) -> ServerStatus:
        """Running or not, with the pid and port recorded when it started."""
        pid = self._recorded_int(self.pid_file)
        running = pid is not None and self._is_this_server(pid)
        port = self._recorded_int(self.port_file) if running else None
        return ServerStatus(
            running=running, pid=pid if running else None, port=port, home=self.home
        )

    def start(self, timeout: float = 60.0, extra_options: Sequence[str] = ()) -> ServerStatus:
        """Start the server, initialising its data directory the first time; reuse a running one.
        `extra_options` go on the command line of this start only."""
        current = self.status()
        if current.running:
            return current
        program = find_server_program()
        mariadb = is_mariadb(program)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "mysql").is_dir():
            self._initialise(program, mariadb)
        port = self._select_port()
        self.port_file.write_text(str(port))
        self.pid_file.unlink(missing_ok=True)
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [program, *self._server_options(port, mariadb), *extra_options],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # outlives the command that started it
            )
        try:
            self._wait_until_ready(timeout)
        except BaseException:  # a server that never came up must not live on unseen
            self._process.kill()
            self._process.wait()
            self.pid_file.unlink(missing_ok=True)
            raise
        return self.status()

    def stop(self, timeout: float = 60.0) -> bool:
        """Shut the server down cleanly; False when it was not running."""
        current = self.status()
        if not current.running:
            return False
        os.kill(current.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self._alive(current.pid):
            if time.monotonic() > deadline:
                raise SimsError(f"server pid {current.pid} did not stop within {timeout:.0f} s")
            time.sleep(0.05)
        self.pid_file.unlink(missing_ok=True)
        self.port_file.unlink(missing_ok=True)
        return True

    def _alive(self, pid: int) -> bool:
        if self._process is not None and self._process.pid == pid:
            return self._process.poll() is None  # also reaps our own child
        return process_alive(pid)

    def _is_this_server(self, pid: int) -> bool:
        """Alive and started from this home: after a reboot or a kill -9 the recorded pid may
        name another process, which must never pass for the server, nor be stopped."""
        if not self._alive(pid):
            return False
        try:
            command_line = Path("/proc", str(pid), "cmdline").read_bytes()
        except OSError:  # gone just now, or no /proc to ask (not Linux): the pid must do
            return not Path("/proc/self").is_dir()
        return str(self.home).encode() in command_line

    def _initialise(self, program: str, mariadb: bool) -> None:
        user = account_name()
        if mariadb:
            installer = find_program("mariadb-install-db") or find_program("mysql_install_db")
            if installer is None:
                raise SimsError(f"mariadb-install-db not found: {INSTALL_HINT}")
            command = [
                installer,
                "--no-defaults",
                f"--datadir={self.data_dir}",
                "--auth-root-authentication-method=normal",
                f"--user={user}",
                "--skip-test-db",
            ]
        else:
            command = [
                program,
                "--no-defaults",
                "--initialize-insecure",
                f"--datadir={self.data_dir}",
                f"--user={user}",
            ]
        # The bootstrap server takes its tmpdir from TMPDIR: this server's own, for the same
        # reason as self.tmp_dir (two initialising at once in /tmp deleted each other's files).
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "TMPDIR": str(self.tmp_dir)},
        )
        if result.returncode != 0:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            output = (result.stderr + result.stdout).strip().splitlines()
            detail = [line for line in output if "ERROR" in line][-2:] or output[-1:]
            raise SimsError(f"initialising {self.data_dir} failed: {' '.join(detail)}")

    def _select_port(self) -> int:
        return port_for.select_random()

    def settings(self, port: int, mariadb: bool) -> dict[str, str | None]:
        """The server's options by name (None: a flag without a value)."""
        settings: dict[str, str | None] = {
            "datadir": str(self.data_dir),
            "socket": str(self.socket),
            "port": str(port),
            "bind-address": "127.0.0.1",
            "pid-file": str(self.pid_file),
            "tmpdir": str(self.tmp_dir),
            "log-error": str(self.log_file),
            "user": account_name(),
            "character-set-server": "utf8mb4",
            "collation-server": "utf8mb4_unicode_ci",
            "local-infile": "1",
            "skip-log-bin": None,
            "max-connections": "300",
            "innodb-buffer-pool-size": "512M",
            # A development server: losing the last second of commits on a crash is acceptable.
            "innodb-flush-log-at-trx-commit": "2",
        }
        if not mariadb:
            settings["mysqlx"] = "OFF"
        return settings

    def _server_options(self, port: int, mariadb: bool) -> list[str]:
        return [
            "--no-defaults",
            *(
                f"--{name}" if value is None else f"--{name}={value}"
                for name, value in self.settings(port, mariadb).items()
            ),
        ]

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise SimsError(f"the server exited at start-up: {self._log_tail()}")
            if self._accepts_connections() and self.pid_file.exists():
                return
            if time.monotonic() > deadline:
                raise SimsError(
                    f"the server did not accept connections within {timeout:.0f} s: "
                    f"{self._log_tail()}"
                )
            time.sleep(0.05)

    def _accepts_connections(self) -> bool:
        try:
            pymysql.connect(unix_socket=str(self.socket), user="root", connect_timeout=1).close()
        except pymysql.err.OperationalError:
            return False
        return True

    def _log_tail(self) -> str:
        if not self.log_file.exists():
            return "no log written"
        lines = self.log_file.read_text(errors="replace").strip().splitlines()
        errors = [line for line in lines if "ERROR" in line]
        return (errors or lines or ["empty log"])[-1] + f" (see {self.log_file})"

    @staticmethod
    def _recorded_int(path: Path) -> int | None:
        try:
            return int(path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None


def embedded_server() -> PrivateServer:
    """The project's default server, kept under .sims/server/."""
    return PrivateServer(EMBEDDED_SERVER_HOME)


def resolve_database_url() -> str:
    """DATABASE_URL when set; otherwise the embedded server's `sims` database, with the server
    started and the database created as needed."""
    if url := configured_database_url():
        return url
    url = embedded_server().start().url(DEFAULT_DATABASE)
    ensure_database(url)
    return url
