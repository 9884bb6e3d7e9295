"""Half-applied revisions: MySQL and MariaDB commit DDL at once, so a revision that fails
halfway stays half applied. The failure says which statements ran and which did not; the
journal keeps it; migrate refuses until `db repair` has returned the database to its last
complete revision, after which migrating again gives the schema of a clean migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from sims import cli, journal, migrate, migration_session
from sims.db import create_engine
from sims.errors import SimsError
from tests.migrations.conftest import dump

BROKEN = "CREATE TABLE product (product_id BIGINT UNSIGNED NOT NULL, PRIMARY KEY (nope))"


def table_names(url: URL) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        names = set(
            conn.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
            ).scalars()
        )
    engine.dispose()
    return names - {"alembic_version", *journal.TOOLING_TABLES}


def fail_halfway(source_tree: Path, url: URL) -> tuple[Path, str, str]:
    """Migrate with the fifth table of revision 0001 broken; returns the file, its good
    text, and the failure message."""
    product = source_tree / "sql/ddl/tables/product.sql"
    good = product.read_text(encoding="utf-8")
    product.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(migration_session.MigrationFailed) as failed:
        migrate.upgrade(url, "0002")
    return product, good, str(failed.value)


def test_a_revision_failing_halfway_reports_which_statements_ran_and_which_did_not(
    source_tree: Path, scratch_url: URL
) -> None:
    _, _, message = fail_halfway(source_tree, scratch_url)
    first_line = message.splitlines()[0]
    assert "revision 0001 is half-applied" in first_line
    assert "step 5 (sql/ddl/tables/product.sql)" in first_line
    assert "statements ran: 1-4; not run: 5-16" in first_line
    assert "    4 ran      sql/ddl/tables/warehouse.sql" in message
    assert "    5 FAILED   sql/ddl/tables/product.sql: database error 1072" in message
    assert "    6 not run  sql/ddl/tables/product_supplier.sql" in message
    assert "db repair" in message
    assert table_names(scratch_url) == {"category", "supplier", "customer", "warehouse"}


def test_migrate_and_validate_refuse_a_half_applied_database(
    source_tree: Path, scratch_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    product, good, _ = fail_halfway(source_tree, scratch_url)
    product.write_text(good, encoding="utf-8")  # the cause is fixed; the state is not
    with pytest.raises(SimsError, match="revision 0001 is half-applied"):
        migrate.upgrade(scratch_url, "0002")
    [problem] = migration_session.validate(scratch_url).problems
    assert "revision 0001 is half-applied" in problem
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    assert cli.main(["db", "validate"]) == 1


def test_repair_undoes_what_ran_and_migrating_again_gives_the_clean_schema(
    source_tree: Path,
    scratch_url: URL,
    new_database: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    product, good, _ = fail_halfway(source_tree, scratch_url)
    product.write_text(good, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    assert cli.main(["db", "repair"]) == 0
    assert "revision 0001: undid its interrupted upgrade; the database is at base" in (
        capsys.readouterr().out
    )
    assert table_names(scratch_url) == set()
    assert migration_session.validate(scratch_url).records == {}
    assert migrate.upgrade(scratch_url, "0002").revisions == ["0001", "0002"]
    reference = new_database()
    migrate.upgrade(reference, "0002")
    assert dump(scratch_url) == dump(reference)
    assert migration_session.validate(scratch_url).problems == []


def test_repair_redoes_what_an_interrupted_downgrade_removed(
    scratch_url: URL, new_database: object
) -> None:
    migrate.upgrade(scratch_url, "0001")
    engine = create_engine(scratch_url)
    with engine.begin() as conn:  # a DBA's own table that keeps product from being dropped
        conn.exec_driver_sql(
            "CREATE TABLE local_note (product_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, "
            "CONSTRAINT fk_local_note__product FOREIGN KEY (product_id) "
            "REFERENCES product (product_id))"
        )
    with pytest.raises(migration_session.MigrationFailed, match="reverting it failed"):
        migrate.downgrade(scratch_url, "base")
    assert "product" in table_names(scratch_url) and "stock_level" not in table_names(scratch_url)
    [action] = migration_session.repair(scratch_url)
    assert action.startswith("revision 0001: redid what its interrupted downgrade had removed")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE local_note")
    engine.dispose()
    reference = new_database()
    migrate.upgrade(reference, "0001")
    assert dump(scratch_url) == dump(reference)
    assert migration_session.validate(scratch_url).problems == []
    assert migrate.downgrade(scratch_url, "base").revisions == ["0001"]
