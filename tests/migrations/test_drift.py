"""Drift and forward engineering: `db diff` shows how a live database differs from the
snapshot, object by object; `db clone` builds a second database from the migrations and
proves it identical to the first, or shows where the first drifted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from sims import cli, drift, migrate, roles
from sims.db import (
    SESSION_SQL_MODE,
    create_engine,
    drop_database,
    execute_verbatim,
    with_database,
)
from sims.errors import SimsError
from tests.migrations.conftest import dump


def url_text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def edited_snapshot(snapshot: str) -> str:
    """The snapshot with one object gone, one invented and one changed."""
    snapshot = re.sub(r"-- view: stock_position\n.*?;\n", "", snapshot, flags=re.DOTALL)
    snapshot += "\n-- table: legacy_bin\nCREATE TABLE `legacy_bin` (`id` int(11));\n"
    return snapshot.replace("COMMENT 'Stock-keeping unit", "COMMENT 'SKU", 1)


def test_a_database_that_matches_its_snapshot_shows_no_differences(
    database_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    snapshot = tmp_path / "schema.sql"
    snapshot.write_text(clean_dump, encoding="utf-8")
    report = drift.diff_database(database_url, snapshot)
    assert report.differences == [] and report.notes == []


def test_diff_names_missing_extra_and_changed_objects_with_a_unified_diff(
    database_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    snapshot = tmp_path / "schema.sql"
    snapshot.write_text(edited_snapshot(clean_dump), encoding="utf-8")
    differences = drift.diff_database(database_url, snapshot).differences
    summary = [(d.status, d.kind, d.name) for d in differences]
    assert summary == [
        ("missing", "table", "legacy_bin"),
        ("changed", "table", "product"),
        ("extra", "view", "stock_position"),
    ]
    changed = differences[1].diff
    assert "--- schema.sql (table product)" in changed and "+++ database (table product)" in changed
    assert "-  `sku` varchar(40) NOT NULL COMMENT 'SKU" in changed


def test_a_routine_made_under_another_sql_mode_and_an_event_are_differences(
    database_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    """A routine keeps the sql_mode it was created under (without strict mode it truncates
    where ours refuse), and an event runs statements of its own: both are schema."""
    snapshot = tmp_path / "schema.sql"
    snapshot.write_text(clean_dump, encoding="utf-8")
    engine = create_engine(database_url)
    with engine.connect() as conn:
        body = conn.exec_driver_sql("SHOW CREATE FUNCTION normal_quantile").one()[2]

    def recreate_function(sql_mode: str) -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SET SESSION sql_mode = '{sql_mode}'")
            conn.exec_driver_sql("DROP FUNCTION normal_quantile")
            execute_verbatim(conn, body)

    try:
        recreate_function("")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE EVENT ev_wipe ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM stock_alert"
            )
        differences = drift.diff_database(database_url, snapshot).differences
        assert {(d.status, d.kind, d.name) for d in differences} == {
            ("changed", "function", "normal_quantile"),
            ("extra", "event", "ev_wipe"),
        }
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP EVENT IF EXISTS ev_wipe")
        recreate_function(SESSION_SQL_MODE)
        engine.dispose()
    assert drift.diff_database(database_url, snapshot).differences == []


def test_db_diff_on_the_runner_prints_the_differences_and_fails(
    database_url: URL,
    clean_dump: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    snapshot = tmp_path / "schema.sql"
    snapshot.write_text(edited_snapshot(clean_dump), encoding="utf-8")
    argv = ["db", "diff", "--url", url_text(database_url), "--snapshot", str(snapshot)]
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert "missing  table legacy_bin" in captured.out
    assert "changed  table product" in captured.out and "@@" in captured.out
    assert "3 difference(s) from schema.sql" in captured.err


def test_clone_builds_an_identical_database_from_the_migrations(
    server_url: URL, database_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"{database_url.database}_clone"
    try:
        assert cli.main(["db", "clone", "--url", url_text(database_url), "--to", name]) == 0
        out = capsys.readouterr().out
        assert f"to {with_database(server_url, name)}" in out
        assert "identical: same dump for both" in out and "tables" in out
        assert dump(with_database(server_url, name)) == dump(database_url)
    finally:
        drop_database(server_url, name)
        roles.drop_database_roles(server_url, name)


def test_clone_shows_where_the_source_drifted_from_its_migrations(
    server_url: URL, scratch_url: URL
) -> None:
    migrate.upgrade(scratch_url, "0001")
    engine = create_engine(scratch_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE product ADD COLUMN hand_added INT NULL")
    engine.dispose()
    name = f"{scratch_url.database}_clone"
    try:
        report = drift.clone_database(scratch_url, name)
    finally:
        drop_database(server_url, name)
    assert report.revisions == ("0001",)
    [difference] = report.differences
    assert (difference.status, difference.kind, difference.name) == ("changed", "table", "product")
    assert "-  `hand_added` int(11) DEFAULT NULL" in difference.diff


def left_behind(url: URL, name: str) -> tuple[bool, list[bool]]:
    """Whether database `name` exists on the server of `url`, and each of its roles."""
    engine = create_engine(with_database(url, None))
    try:
        with engine.connect() as conn:
            exists = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s", (name,)
            ).scalar_one()
            role_flags = [roles.role_exists(conn, r) for r in roles.role_names(name).values()]
    finally:
        engine.dispose()
    return bool(exists), role_flags


def test_a_clone_whose_migration_fails_is_dropped_with_its_roles(
    database_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"sims_test_clone_fails_{database_url.database[-8:]}"
    upgrade = migrate.upgrade

    def fails_after_the_roles(url: URL, target: str = "head") -> None:
        upgrade(url, "0006")  # the revision that creates the database's roles
        raise SimsError("revision 0007 failed")

    monkeypatch.setattr(migrate, "upgrade", fails_after_the_roles)
    with pytest.raises(SimsError, match="revision 0007 failed"):
        drift.clone_database(database_url, name)
    assert left_behind(database_url, name) == (False, [False, False, False])


def test_clone_refuses_a_name_whose_roles_exist_and_leaves_them_alone(database_url: URL) -> None:
    name = f"sims_test_clone_roles_{database_url.database[-8:]}"
    analyst = roles.role_name(name, "analyst")
    engine = create_engine(with_database(database_url, None))
    try:
        with engine.begin() as conn:
            execute_verbatim(conn, f"CREATE ROLE {roles.quote(analyst)}")
        with pytest.raises(SimsError, match=f"roles of a database {name} already exist"):
            drift.clone_database(database_url, name)
        with engine.connect() as conn:
            assert roles.role_exists(conn, analyst)
    finally:
        with engine.begin() as conn:
            execute_verbatim(conn, f"DROP ROLE IF EXISTS {roles.quote(analyst)}")
        engine.dispose()


def test_clone_refuses_an_existing_database(database_url: URL, scratch_url: URL) -> None:
    with pytest.raises(SimsError, match="already exists"):
        drift.clone_database(database_url, scratch_url.database)


def test_an_empty_database_lacks_every_object_of_the_snapshot(
    scratch_url: URL, clean_dump: str, tmp_path: Path
) -> None:
    snapshot = tmp_path / "schema.sql"
    snapshot.write_text(clean_dump, encoding="utf-8")
    differences = drift.diff_database(scratch_url, snapshot).differences
    assert {d.status for d in differences} == {"missing"}
    assert len(differences) == len(drift.split_dump(clean_dump)) > 50


def test_clone_refuses_a_database_without_migrations_and_creates_nothing(
    scratch_url: URL,
) -> None:
    name = f"sims_test_clone_empty_{scratch_url.database[-8:]}"
    with pytest.raises(SimsError, match=f"database {scratch_url.database} has no migration"):
        drift.clone_database(scratch_url, name)
    assert left_behind(scratch_url, name) == (False, [False, False, False])


def test_a_body_the_server_hides_from_the_account_is_refused_by_name(database_url: URL) -> None:
    """Not the definer, without SELECT on mysql.proc: SHOW CREATE gives no body."""
    user = f"u{database_url.database[-8:]}_ndef"
    root = create_engine(with_database(database_url, None))
    try:
        with root.begin() as conn:
            execute_verbatim(conn, f"CREATE USER '{user}'@'%' IDENTIFIED BY 'Hidden-pw1'")
            execute_verbatim(conn, f"GRANT ALL ON `{database_url.database}`.* TO '{user}'@'%'")
        outsider = database_url.set(username=user, password="Hidden-pw1")
        with pytest.raises(SimsError, match=r"cannot read the body of (procedure|function) \w+"):
            drift.live_dump(outsider)
    finally:
        with root.begin() as conn:
            execute_verbatim(conn, f"DROP USER IF EXISTS '{user}'@'%'")
        root.dispose()
