"""Checksums: every applied revision file and every .sql file it ran is recorded; a file
changed after it was applied makes validate and migrate refuse, naming revision and file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from sims import cli, journal, migrate, migration_session
from sims.db import create_engine
from sims.errors import SimsError

# An object revision 0002 installs whose body no later revision has changed (so no history
# file holds it yet): what these tests edit or move.
BODY_OF_0002 = "stock_level__after_insert"


def append_comment(path: Path) -> None:
    mark = "#" if path.suffix == ".py" else "--"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{mark} edited after it was applied\n")


def test_every_applied_revision_and_sql_file_it_ran_has_a_checksum(
    source_tree: Path, scratch_url: URL
) -> None:
    migrate.upgrade(scratch_url, "0002")
    report = migration_session.validate(scratch_url)
    assert report.problems == []
    assert set(report.records) == set(report.applied)
    tables = sorted(p.name for p in (source_tree / "sql/ddl/tables").glob("*.sql"))
    recorded = sorted(
        Path(step.source_path).name
        for step in report.steps_of("0001", journal.UPGRADE)
        if step.checksum
    )
    assert [name for name in tables if name in recorded] == recorded
    assert "product.sql" in recorded and len(recorded) >= 16


def test_a_changed_sql_file_makes_validate_and_migrate_refuse_naming_revision_and_file(
    source_tree: Path, scratch_url: URL
) -> None:
    migrate.upgrade(scratch_url, "0002")
    append_comment(source_tree / "sql/ddl/tables/product.sql")
    problems = migration_session.validate(scratch_url).problems
    assert len(problems) == 1
    assert "revision 0001" in problems[0] and "sql/ddl/tables/product.sql" in problems[0]
    with pytest.raises(SimsError, match=r"revision 0001: sql/ddl/tables/product\.sql changed"):
        migrate.upgrade(scratch_url, "0002")


def test_a_changed_revision_file_is_refused(source_tree: Path, scratch_url: URL) -> None:
    migrate.upgrade(scratch_url, "0002")
    [revision_file] = (source_tree / "alembic/versions").glob("*_0002_*.py")
    append_comment(revision_file)
    [problem] = migration_session.validate(scratch_url).problems
    assert problem.startswith("revision 0002: alembic/versions/") and revision_file.name in problem


def test_validate_on_the_runner_fails_with_the_problem(
    source_tree: Path,
    scratch_url: URL,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    migrate.upgrade(scratch_url, "0002")
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    assert cli.main(["db", "validate"]) == 0
    assert "valid: " in capsys.readouterr().out
    append_comment(source_tree / f"sql/ddl/triggers/{BODY_OF_0002}.sql")
    assert cli.main(["db", "validate"]) == 1
    captured = capsys.readouterr()
    assert f"revision 0002: sql/ddl/triggers/{BODY_OF_0002}.sql changed" in captured.out
    assert "validation failed" in captured.err


def test_db_migrate_on_the_runner_refuses_and_names_the_changed_files(
    source_tree: Path,
    scratch_url: URL,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `make migrate` runs exactly this; its exit status makes make fail.
    migrate.upgrade(scratch_url, "0001")
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    append_comment(source_tree / "sql/ddl/tables/stock_level.sql")
    [revision_file] = (source_tree / "alembic/versions").glob("*_0001_*.py")
    append_comment(revision_file)
    assert cli.main(["db", "migrate"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: refusing to migrate database {scratch_url.database}:")
    assert f"revision 0001: alembic/versions/{revision_file.name} changed" in error
    assert "revision 0001: sql/ddl/tables/stock_level.sql changed" in error
    assert "new revision" in error and "db repair --accept-changes" in error
    assert [s.applied for s in migrate.revision_states(scratch_url)][:2] == [True, False]


def test_a_body_moved_unchanged_to_history_by_a_later_revision_still_validates(
    source_tree: Path, scratch_url: URL
) -> None:
    migrate.upgrade(scratch_url, "0002")
    triggers = source_tree / "sql/ddl/triggers"
    (triggers / "history").mkdir(exist_ok=True)
    body = (triggers / f"{BODY_OF_0002}.sql").read_text(encoding="utf-8")
    (triggers / "history" / f"{BODY_OF_0002}.0002.sql").write_text(body, encoding="utf-8")
    (triggers / f"{BODY_OF_0002}.sql").write_text("-- (v2)\n" + body, encoding="utf-8")
    assert migration_session.validate(scratch_url).problems == []


def test_repair_accept_changes_records_the_files_of_today(
    source_tree: Path, scratch_url: URL
) -> None:
    migrate.upgrade(scratch_url, "0002")
    append_comment(source_tree / "sql/ddl/tables/warehouse.sql")
    assert migration_session.validate(scratch_url).problems
    actions = migration_session.repair(scratch_url, accept_changes=True)
    assert any("revision 0001: recorded the checksums" in action for action in actions)
    assert migration_session.validate(scratch_url).problems == []


def test_revisions_applied_before_the_journal_existed_get_their_checksums_recorded(
    scratch_url: URL,
) -> None:
    migrate.upgrade(scratch_url, "0002")
    engine = create_engine(scratch_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE {journal.STEP_TABLE}, {journal.REVISION_TABLE}")
    engine.dispose()
    report = migration_session.validate(scratch_url)
    assert report.unrecorded == ["0001", "0002"] and report.problems == []
    run = migrate.upgrade(scratch_url, "0002")
    assert any("0001, 0002" in note for note in run.notes)
    report = migration_session.validate(scratch_url)
    assert report.unrecorded == [] and set(report.records) == set(report.applied)
    assert report.steps_of("0001", journal.UPGRADE)


@pytest.mark.parametrize(
    "command", [["migrate", "--revision", "9999"], ["rollback", "--revision", "zzz"]]
)
def test_an_unknown_revision_is_one_line_naming_it(
    scratch_url: URL, monkeypatch: pytest.MonkeyPatch, capsys, command: list[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    assert cli.main(["db", *command]) == 1
    assert (
        capsys.readouterr().err == f"error: Can't locate revision identified by '{command[-1]}'\n"
    )
