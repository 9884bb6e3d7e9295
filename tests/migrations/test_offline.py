"""The offline script (`make migrate-sql`): piped into the real mariadb/mysql client
against an empty database, it builds the schema an online migration builds, with the
journal, so validate and repair work on it too; a script `--from` a revision upgrades a
database migrated online to the same schema."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from sims import cli, migrate, migration_session
from sims.errors import SimsError
from sims.migration_lock import expiry
from tests.client_programs import CLIENT, pipe_into_client
from tests.migrations.conftest import dump
from tests.migrations.test_lock import hold_lease, lease_holder

pytestmark = pytest.mark.skipif(CLIENT is None, reason="no mariadb or mysql client installed")


def offline_script(database: str) -> str:
    buffer = io.StringIO()
    migrate.write_offline_script(buffer, database=database)
    return buffer.getvalue()


def runner_script(tmp_path: Path, database: str, *options: str) -> str:
    """The script `make migrate-sql` writes (runner.py db migrate-sql)."""
    output = tmp_path / "migrate.sql"
    argv = ["db", "migrate-sql", "--database", database, "--output", str(output), *options]
    assert cli.main(argv) == 0
    return output.read_text(encoding="utf-8")


def test_the_script_in_the_client_builds_the_schema_of_an_online_migration(
    scratch_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    script = runner_script(tmp_path, scratch_url.database)
    assert "DELIMITER $$\n" in script and "\nDELIMITER ;" in script
    result = pipe_into_client(scratch_url, script, "--comments")
    assert result.returncode == 0, result.stderr
    assert dump(scratch_url) == clean_dump
    report = migration_session.validate(scratch_url)
    assert report.problems == [] and report.unrecorded == []
    assert list(report.records) == report.applied and report.applied
    assert lease_holder(scratch_url) is None


def test_a_script_from_a_revision_upgrades_an_online_migrated_database_to_the_same_schema(
    scratch_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    migrate.upgrade(scratch_url, "0004")
    script = runner_script(tmp_path, scratch_url.database, "--from", "0004")
    assert "sql/ddl/tables/product.sql" not in script  # 0001 is not run again
    result = pipe_into_client(scratch_url, script, "--comments")
    assert result.returncode == 0, result.stderr
    assert dump(scratch_url) == clean_dump
    report = migration_session.validate(scratch_url)
    assert report.problems == [] and report.applied == list(report.records)


def test_the_script_stops_at_once_while_another_migrator_holds_the_lease(
    scratch_url: URL,
) -> None:
    hold_lease(
        scratch_url,
        holder="busy pid 9",
        server_node="node-1:3306",
        connection_id=9,
        expires_at=expiry(600),
    )
    result = pipe_into_client(scratch_url, offline_script(scratch_url.database), "--comments")
    assert result.returncode != 0 and "Duplicate entry 'migrate'" in result.stderr
    assert migration_session.validate(scratch_url).applied == []


@pytest.mark.parametrize(
    ("start", "target"), [("0010", "0005"), ("0010", "0010"), ("0003", "base"), (None, "base")]
)
def test_a_range_that_does_not_go_forward_is_refused_and_writes_no_script(
    tmp_path: Path, start: str, target: str
) -> None:
    script = tmp_path / "migrate.sql"
    with pytest.raises(SimsError, match=f"nothing to migrate from {start or 'base'} to {target}"):
        migrate.write_offline_script(script, target, start)
    assert not script.exists()


def test_a_script_from_base_is_the_script_from_an_empty_database(tmp_path: Path) -> None:
    from_base, from_nothing = tmp_path / "base.sql", tmp_path / "none.sql"
    migrate.write_offline_script(from_base, "0003", "base")
    migrate.write_offline_script(from_nothing, "0003")
    scripts = [
        re.sub(r"'[0-9a-f]{32}'", "'<lease token>'", path.read_text(encoding="utf-8"))
        for path in (from_base, from_nothing)
    ]
    assert scripts[0] == scripts[1] and "CREATE TABLE" in scripts[0]


@pytest.mark.parametrize("database", ["x\nSELECT 1; --", "bad-name"])
def test_a_database_name_the_server_would_not_take_writes_no_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], database: str
) -> None:
    """The name goes into the script's comments and role names: a newline would make the
    rest of its line a statement."""
    output = tmp_path / "migrate.sql"
    argv = ["db", "migrate-sql", "--database", database, "--output", str(output)]
    assert cli.main(argv) == 1
    assert f"invalid database name {database!r}" in capsys.readouterr().err
    assert not output.exists()
