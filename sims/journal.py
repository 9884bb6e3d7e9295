"""The migration journal: which revisions are applied or were interrupted, each statement's
progress, and the checksums of the files that ran — kept in the database's own tooling
tables (sql/tooling/), written on a connection that commits every write at once.

MySQL and MariaDB commit DDL implicitly, so a revision that fails halfway stays half
applied; the journal is what tells it apart, and what `validate` and `repair` read.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy.engine import Connection

from sims import migrate
from sims.config import SQL_DIR
from sims.db import execute_verbatim, read_sql_file

TOOLING_DIR = SQL_DIR / "tooling"
REVISION_TABLE = "sims_migration_revision"
STEP_TABLE = "sims_migration_step"
LOCK_TABLE = "sims_migration_lock"
# In creation order (the step table refers to the revision table).
TOOLING_TABLES = (REVISION_TABLE, STEP_TABLE, LOCK_TABLE)

UPGRADE, DOWNGRADE = "upgrade", "downgrade"
RUNNING, APPLIED, FAILED, REPAIRING = "running", "applied", "failed", "repairing"
PENDING, DONE, SKIPPED = "pending", "done", "skipped"

_INTEGER_COLUMNS = {"step_no"}
_TIME_COLUMNS = {"started_at", "finished_at"}


def _columns(*names: str) -> list[sa.ColumnClause]:
    """Typed column clauses, so the offline script can render values as literals."""
    types = {name: sa.Integer() for name in _INTEGER_COLUMNS} | {
        name: sa.DateTime() for name in _TIME_COLUMNS
    }
    return [sa.column(name, types.get(name, sa.String())) for name in names]


revision_table = sa.table(
    REVISION_TABLE,
    *_columns(
        "revision", "description", "script_path", "script_checksum", "direction", "state",
        "error_message", "run_by", "started_at", "finished_at",
    ),
)  # fmt: skip
step_table = sa.table(
    STEP_TABLE,
    *_columns(
        "revision", "direction", "step_no", "statement_label", "source_path", "object_kind",
        "object_name", "body_revision", "checksum", "state", "error_message", "finished_at",
    ),
)  # fmt: skip
NOW = sa.func.utc_timestamp()


def migrator_name() -> str:
    """Who is migrating, for the journal and the lease: host and process id."""
    return f"{socket.gethostname()} pid {os.getpid()}"


def tooling_statements() -> list[str]:
    """The CREATE TABLE IF NOT EXISTS statements of the tooling tables, in order."""
    return [read_sql_file(TOOLING_DIR / f"{name}.sql") for name in TOOLING_TABLES]


def ensure_tables(conn: Connection) -> None:
    """Create the tooling tables where they are missing."""
    for sql in tooling_statements():
        execute_verbatim(conn, sql)


def tables_exist(conn: Connection) -> bool:
    found = conn.execute(
        sa.text(
            "SELECT COUNT(*) FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_name IN :names"
        ).bindparams(sa.bindparam("names", expanding=True)),
        {"names": list(TOOLING_TABLES)},
    ).scalar_one()
    return found == len(TOOLING_TABLES)


# --- reading the journal ---------------------------------------------------------------


@dataclass(frozen=True)
class RevisionRecord:
    revision: str
    description: str
    script_path: str
    script_checksum: str
    direction: str
    state: str
    error_message: str | None
    run_by: str
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class StepRecord:
    revision: str
    direction: str
    step_no: int
    statement_label: str
    source_path: str | None
    object_kind: str | None
    object_name: str | None
    body_revision: str | None
    checksum: str | None
    state: str
    error_message: str | None
    finished_at: datetime | None

    def current_file(self) -> Path | None:
        """The file this step would run today: a replaceable object's body is looked up
        again, since a later revision may have moved it to history/ unchanged."""
        if self.object_kind and self.object_name:
            obj = migrate.ReplaceableObject(self.object_kind, self.object_name)
            return obj.body_file(self.body_revision or self.revision)
        return migrate.source_path(self.source_path) if self.source_path else None


@dataclass
class JournalReport:
    """The journal compared with Alembic's version table and today's files."""

    applied: list[str]
    records: dict[str, RevisionRecord]
    steps: dict[tuple[str, str], list[StepRecord]]
    changed: list[tuple[str, str]] = field(default_factory=list)  # (revision, message)
    unfinished: list[RevisionRecord] = field(default_factory=list)
    stale: list[RevisionRecord] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def steps_of(self, revision: str, direction: str) -> list[StepRecord]:
        return self.steps.get((revision, direction), [])

    @property
    def problems(self) -> list[str]:
        """Everything that makes a migration refuse, one message each."""
        messages = [describe_unfinished(rec, self) for rec in self.unfinished]
        messages += [
            f"revision {rec.revision} is recorded as applied, but alembic_version does not "
            "list it: run `runner.py db repair` to drop the stale record"
            for rec in self.stale
        ]
        messages += [
            f"revision {rev} is applied but its revision file is missing from alembic/versions/"
            for rev in self.unknown
        ]
        return messages + [message for _, message in self.changed]


def read_records(conn: Connection) -> dict[str, RevisionRecord]:
    rows = conn.execute(sa.select(revision_table).order_by(revision_table.c.revision))
    return {row.revision: RevisionRecord(**row._mapping) for row in rows}


def read_steps(conn: Connection) -> dict[tuple[str, str], list[StepRecord]]:
    rows = conn.execute(
        sa.select(step_table).order_by(
            step_table.c.revision, step_table.c.direction, step_table.c.step_no
        )
    )
    steps: dict[tuple[str, str], list[StepRecord]] = {}
    for row in rows:
        steps.setdefault((row.revision, row.direction), []).append(StepRecord(**row._mapping))
    return steps


def current_heads(conn: Connection) -> tuple[str, ...]:
    return MigrationContext.configure(conn).get_current_heads()


def inspect(conn: Connection, script: ScriptDirectory) -> JournalReport:
    """Read the journal and compare it with alembic_version and the files of today."""
    heads = current_heads(conn)
    known = {rev.revision for rev in script.walk_revisions("base", "heads")}
    unknown = [head for head in heads if head not in known]
    applied = migrate.applied_revisions(script, [h for h in heads if h in known])
    exists = tables_exist(conn)
    report = JournalReport(
        applied=applied,
        records=read_records(conn) if exists else {},
        steps=read_steps(conn) if exists else {},
        unknown=unknown,
    )
    for revision in applied:
        record = report.records.get(revision)
        if record is None:
            report.unrecorded.append(revision)
        elif record.state == APPLIED:
            report.changed += [
                (revision, message)
                for message in changed_files(
                    record, report.steps_of(revision, UPGRADE), script.get_revision(revision)
                )
            ]
    for record in report.records.values():
        if record.state != APPLIED:
            report.unfinished.append(record)
        elif record.revision not in applied:
            report.stale.append(record)
    return report


def changed_files(record: RevisionRecord, steps: list[StepRecord], script: Script) -> list[str]:
    """One message per file of an applied revision that differs from when it ran."""
    advice = (
        "put the applied version back and make the change in a new revision "
        "(or, if the change is harmless, run `runner.py db repair --accept-changes`)"
    )
    messages = []
    path = Path(script.path)
    if migrate.file_checksum(path.read_text(encoding="utf-8")) != record.script_checksum:
        messages.append(
            f"revision {record.revision}: {migrate.relative_path(path)} changed since the "
            f"revision was applied: {advice}"
        )
    for step in steps:
        current = step.current_file()
        if step.checksum is None or current is None:
            continue
        if not current.exists():
            messages.append(
                f"revision {record.revision}: {step.statement_label}, which it ran, is missing"
            )
        elif migrate.file_checksum(current.read_text(encoding="utf-8")) != step.checksum:
            messages.append(
                f"revision {record.revision}: {migrate.relative_path(current)} changed since "
                f"the revision ran it: {advice}"
            )
    return messages


def step_ranges(steps: list[StepRecord], states: set[str]) -> str:
    """Step numbers in the given states as ranges, e.g. '1-4, 6'."""
    numbers = [step.step_no for step in steps if step.state in states]
    ranges: list[str] = []
    for number in numbers:
        if ranges and int(ranges[-1].split("-")[-1]) == number - 1:
            ranges[-1] = f"{ranges[-1].split('-')[0]}-{number}"
        else:
            ranges.append(str(number))
    return ", ".join(ranges) or "none"


def describe_steps(steps: list[StepRecord]) -> list[str]:
    """Lines saying which statements ran, which failed and which did not run."""
    lines = []
    for step in steps:
        mark = {DONE: "ran", SKIPPED: "skipped", FAILED: "FAILED", PENDING: "not run"}[step.state]
        detail = f": {step.error_message}" if step.error_message else ""
        lines.append(f"  {step.step_no:>3} {mark:<8} {step.statement_label}{detail}")
    return lines


def describe_unfinished(record: RevisionRecord, report: JournalReport) -> str:
    """A half-applied revision: what was under way, what ran and what did not."""
    steps = report.steps_of(record.revision, record.direction)
    replayed = report.steps_of(record.revision, DOWNGRADE) if record.direction == UPGRADE else []
    what = "applying" if record.direction == UPGRADE else "reverting"
    if record.state == REPAIRING:
        what = f"repairing the interrupted {record.direction} of"
    cause = f" failed: {record.error_message}" if record.error_message else " was interrupted"
    lines = [
        f"revision {record.revision} is half-applied: {what} it{cause} "
        f"(by {record.run_by}, started {record.started_at:%Y-%m-%d %H:%M:%S} UTC); "
        f"statements ran: {step_ranges(steps, {DONE, SKIPPED})}; "
        f"not run: {step_ranges(steps, {PENDING, FAILED})}",
        *describe_steps(steps),
        *(["  an earlier `db repair` got this far undoing it:"] if replayed else []),
        *describe_steps(replayed),
        "  MySQL/MariaDB commit DDL at once, so what ran stays. Fix the cause, then run "
        "`runner.py db repair` to return to the last complete revision, then migrate again.",
    ]
    return "\n".join(lines)


# --- writing the journal ---------------------------------------------------------------


class Journal:
    """Writes to the journal of one database, each committed at once."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.run_by = migrator_name()

    def begin(
        self, script: Script, direction: str, planned: list[migrate.Statement], state: str
    ) -> None:
        """A revision starts: record it (or its repair) with its planned statements."""
        path = Path(script.path)
        values = {
            "description": migrate.revision_description(script)[:200],
            "script_path": migrate.relative_path(path),
            "script_checksum": migrate.file_checksum(path.read_text(encoding="utf-8")),
            "state": state,
            "error_message": None,
            "run_by": self.run_by,
            "started_at": NOW,
            "finished_at": None,
        }
        if state != REPAIRING:
            values["direction"] = direction
        exists = self._exists(script.revision)
        if exists:
            self.conn.execute(
                revision_table.update()
                .where(revision_table.c.revision == script.revision)
                .values(**values)
            )
        else:
            self.conn.execute(
                revision_table.insert().values(
                    **{"direction": direction, **values, "revision": script.revision}
                )
            )
        self.clear_steps(script.revision, direction)
        if planned:
            self.conn.execute(
                step_table.insert(),
                [self.step_values(script.revision, direction, n, s) for n, s in planned],
            )

    def _exists(self, revision: str) -> bool:
        found = self.conn.execute(
            sa.select(revision_table.c.revision).where(revision_table.c.revision == revision)
        ).first()
        return found is not None

    @staticmethod
    def step_values(
        revision: str, direction: str, step_no: int, statement: migrate.Statement
    ) -> dict:
        obj = statement.obj
        return {
            "revision": revision,
            "direction": direction,
            "step_no": step_no,
            "statement_label": statement.label[:300],
            "source_path": migrate.relative_path(statement.source) if statement.source else None,
            "object_kind": obj.kind if obj else None,
            "object_name": obj.name if obj else None,
            "body_revision": statement.as_of if obj else None,
            "checksum": statement.checksum,
            "state": PENDING,
            "error_message": None,
            "finished_at": None,
        }

    def step(
        self,
        revision: str,
        direction: str,
        step_no: int,
        statement: migrate.Statement,
        state: str,
        error: str | None = None,
    ) -> None:
        """Record how one statement went (inserting it when the plan did not have it)."""
        values = self.step_values(revision, direction, step_no, statement)
        values.update(state=state, error_message=error and error[:1000], finished_at=NOW)
        key = (
            (step_table.c.revision == revision)
            & (step_table.c.direction == direction)
            & (step_table.c.step_no == step_no)
        )
        if self.conn.execute(step_table.update().where(key).values(**values)).rowcount == 0:
            self.conn.execute(step_table.insert().values(**values))

    def failed(self, revision: str, error: str) -> None:
        self.conn.execute(
            revision_table.update()
            .where(revision_table.c.revision == revision)
            .values(state=FAILED, error_message=error[:1000])
        )

    def applied(self, revision: str, direction: str, step_count: int) -> None:
        """The revision's upgrade finished: it is applied; its downgrade rows, and planned
        rows past the statements that actually ran, go."""
        self.conn.execute(
            step_table.delete().where(
                (step_table.c.revision == revision)
                & ((step_table.c.direction != direction) | (step_table.c.step_no > step_count))
            )
        )
        self.conn.execute(
            revision_table.update()
            .where(revision_table.c.revision == revision)
            .values(state=APPLIED, direction=UPGRADE, error_message=None, finished_at=NOW)
        )

    def forget(self, revision: str) -> None:
        """The revision is not applied (reverted, or its interrupted upgrade undone)."""
        self.clear_steps(revision)
        self.conn.execute(revision_table.delete().where(revision_table.c.revision == revision))

    def clear_steps(self, revision: str, direction: str | None = None) -> None:
        condition = step_table.c.revision == revision
        if direction is not None:
            condition &= step_table.c.direction == direction
        self.conn.execute(step_table.delete().where(condition))

    def adopt(self, script: Script, database: str) -> None:
        """Record an applied revision with the checksums of today's files: for revisions
        applied before the journal existed, and for changes a DBA accepts."""
        planned = numbered(migrate.plan(script.module.upgrade, database))
        self.begin(script, UPGRADE, planned, RUNNING)
        self.conn.execute(
            step_table.update()
            .where((step_table.c.revision == script.revision) & (step_table.c.direction == UPGRADE))
            .values(state=DONE, finished_at=NOW)
        )
        self.applied(script.revision, UPGRADE, len(planned))


def numbered(planned: list[migrate.Statement | str]) -> list[tuple[int, migrate.Statement]]:
    """Planned statements numbered from 1; SQL text from Alembic's own operations becomes a
    Statement labelled with its first line."""
    result = []
    for number, item in enumerate(planned, start=1):
        if isinstance(item, str):
            item = migrate.Statement(sql=item, label=item.splitlines()[0][:300])
        result.append((number, item))
    return result
