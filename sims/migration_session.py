"""One migrator's session on a database: the lock, the journal, validation before anything
runs, per-statement progress while revisions run, and `repair` afterwards.

alembic/env.py opens a session around every online upgrade and downgrade; `validate`,
`repair` and `db status` use the same pieces. The session keeps two connections of its
own in autocommit mode, apart from the one Alembic migrates on: one holds the lock, the
other writes the journal, so every progress record is durable at once whatever the
migration's DDL commits or rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext, RevisionStep
from alembic.script import Script, ScriptDirectory
from sqlalchemy.engine import URL, Connection, Engine

from sims import journal, migrate
from sims.db import create_engine, describe_error
from sims.errors import SimsError
from sims.journal import DONE, DOWNGRADE, FAILED, REPAIRING, RUNNING, SKIPPED, UPGRADE
from sims.migration_lock import DEFAULT_WAIT_SECONDS, MigrationLock

# Errors that mean "already so" when repair replays a revision on a partial state: the
# object to drop is not there, or the object to create already is.
ALREADY_SO = {
    1050,  # table already exists
    1051,  # unknown table (DROP TABLE)
    1060,  # duplicate column name
    1061,  # duplicate key name
    1091,  # can't drop field or key: it does not exist
    1146,  # table doesn't exist
    1304,  # procedure or function already exists
    1305,  # procedure or function does not exist
    1359,  # trigger already exists
    1360,  # trigger does not exist
    1396,  # CREATE/DROP ROLE or USER failed: it exists / it does not
    1826,  # duplicate foreign key constraint name
    3822,  # duplicate check constraint name (MySQL)
}


class MigrationFailed(SimsError):
    """A revision stopped halfway; the message says what ran and what did not."""


def error_number(exc: BaseException) -> int | None:
    args = getattr(getattr(exc, "orig", None), "args", ())
    return args[0] if args and isinstance(args[0], int) else None


def unfinished_message(conn: Connection, script: ScriptDirectory, revision: str) -> str:
    """The journal's account of a half-applied revision."""
    report = journal.inspect(conn, script)
    for record in report.unfinished:
        if record.revision == revision:
            return journal.describe_unfinished(record, report)
    return f"revision {revision} stopped"


class RevisionRunner:
    """The executor of an online session: runs each statement of the revision under way
    on the migration's connection and records how it went."""

    def __init__(self, session: MigrationSession) -> None:
        self.session = session
        self.database: str | None = session.database
        self.script: Script | None = None
        self.direction = UPGRADE
        self.step_no = 0
        self.tolerant = False

    def start(self, script: Script, direction: str, state: str = RUNNING) -> None:
        function = script.module.upgrade if direction == UPGRADE else script.module.downgrade
        try:
            planned = journal.numbered(migrate.plan(function, self.database))
        except Exception:  # a revision that reads the database cannot be planned: record as run
            planned = []
        self.session.journal.begin(script, direction, planned, state)
        self.script, self.direction, self.step_no = script, direction, 0
        self.tolerant = state == REPAIRING

    def run(self, statement: migrate.Statement) -> None:
        self.session.lock.check()
        if self.script is None:
            migrate.execute_now(statement)
            return
        self.step_no += 1
        record = self.session.journal.step
        revision = self.script.revision
        try:
            migrate.execute_now(statement)
        except sa.exc.DBAPIError as exc:
            message = describe_error(exc)
            if self.tolerant and error_number(exc) in ALREADY_SO:
                record(revision, self.direction, self.step_no, statement, SKIPPED, message)
                return
            record(revision, self.direction, self.step_no, statement, FAILED, message)
            self.session.journal.failed(
                revision, f"step {self.step_no} ({statement.label}): {message}"
            )
            self.script = None
            raise MigrationFailed(self.session.unfinished(revision)) from exc
        record(revision, self.direction, self.step_no, statement, DONE)

    def finish(self) -> None:
        """The revision under way completed."""
        if self.script is None:
            return
        revision = self.script.revision
        if self.direction == UPGRADE:
            self.session.journal.applied(revision, UPGRADE, self.step_no)
        else:
            self.session.journal.forget(revision)
        self.session.run.revisions.append(revision)
        self.script = None

    def abort(self, exc: BaseException) -> None:
        """The revision under way stopped on something other than a statement (a Python
        error in the revision, an interrupt): record it as failed."""
        if self.script is None:
            return
        revision = self.script.revision
        self.session.journal.failed(revision, f"{type(exc).__name__}: {exc}"[:1000])
        self.script = None


def track_steps(context: MigrationContext, runner: RevisionRunner | object) -> None:
    """Tell `runner` when each revision of Alembic's run starts and completes.

    Alembic has a hook after each step (on_version_apply) but none before, so the step
    sequence is wrapped: a step starts when Alembic asks for it, and the previous one is
    complete then, its version-table update committed.
    """
    steps: Callable[..., Iterator] = context._migrations_fn  # Alembic 1.20, pinned

    def tracked(heads: tuple[str, ...], ctx: MigrationContext) -> Iterator:
        for step in steps(heads, ctx):
            runner.finish()
            if isinstance(step, RevisionStep):
                runner.start(step.revision, UPGRADE if step.is_upgrade else DOWNGRADE)
            yield step
        runner.finish()

    context._migrations_fn = tracked


@dataclass
class MigrationSession:
    """Lock and journal of one database for one migrator; use as a context manager."""

    url: str | URL
    script: ScriptDirectory
    wait_seconds: float = DEFAULT_WAIT_SECONDS
    run: migrate.MigrationRun | None = None

    def __enter__(self) -> MigrationSession:
        self.run = self.run or migrate.MigrationRun()
        self.engine: Engine = create_engine(self.url)
        self.lock_conn = self._autocommit()
        self.journal_conn = self._autocommit()
        try:
            self.database: str = self.journal_conn.exec_driver_sql("SELECT DATABASE()").scalar_one()
            journal.ensure_tables(self.journal_conn)
            self.journal = journal.Journal(self.journal_conn)
            self.lock = MigrationLock(self.lock_conn, self.database, self.wait_seconds)
            self.lock.acquire()
        except BaseException:
            self.lock_conn.close()
            self.journal_conn.close()
            self.engine.dispose()
            raise
        self.run.notes += self.lock.notes
        self.runner = RevisionRunner(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.lock.release()
        finally:
            self.lock_conn.close()
            self.journal_conn.close()
            self.engine.dispose()

    def _autocommit(self) -> Connection:
        return self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def report(self) -> journal.JournalReport:
        return journal.inspect(self.journal_conn, self.script)

    def unfinished(self, revision: str) -> str:
        return unfinished_message(self.journal_conn, self.script, revision)

    def preflight(self) -> None:
        """Refuse to migrate a database whose journal shows a problem; start keeping the
        checksums of revisions applied before the journal existed."""
        report = self.report()
        if report.problems:
            raise SimsError(
                f"refusing to migrate database {self.database}:\n" + "\n".join(report.problems)
            )
        if report.unrecorded:
            for revision in report.unrecorded:
                self.journal.adopt(self.script.get_revision(revision), self.database)
            self.run.notes.append(
                "recorded the checksums of revisions applied before sims kept them: "
                + ", ".join(report.unrecorded)
            )

    # --- repair -------------------------------------------------------------------------

    def repair(self, accept_changes: bool = False) -> list[str]:
        """Return to the last complete revision; drop stale records; with
        `accept_changes`, record today's checksums for changed files. Says what it did."""
        report = self.report()
        actions: list[str] = []
        for record in report.unfinished:
            actions.append(self._repair_revision(record, report))
        for record in report.stale:
            self.journal.forget(record.revision)
            actions.append(f"revision {record.revision}: dropped the stale journal record")
        adopt = list(report.unrecorded)
        if accept_changes:
            adopt += sorted({revision for revision, _ in report.changed})
        elif report.changed:
            actions.append(
                "files of applied revisions changed (see `runner.py db validate`); "
                "left as they are: `--accept-changes` records today's checksums"
            )
        for revision in adopt:
            self.journal.adopt(self.script.get_revision(revision), self.database)
            actions.append(f"revision {revision}: recorded the checksums of today's files")
        return actions or ["nothing to repair: the journal and the schema agree"]

    def _repair_revision(
        self, record: journal.RevisionRecord, report: journal.JournalReport
    ) -> str:
        revision = record.revision
        script = self.script.get_revision(revision)
        listed = revision in report.applied
        if record.direction == UPGRADE and listed:
            # Alembic records a revision only after all its statements: it did complete.
            self.journal.applied(revision, UPGRADE, len(report.steps_of(revision, UPGRADE)))
            return f"revision {revision}: its upgrade had completed; marked applied"
        if record.direction == DOWNGRADE and not listed:
            self.journal.forget(revision)
            return f"revision {revision}: its downgrade had completed; record removed"
        # Replay the opposite function, tolerating "already so", to undo what ran.
        undo = DOWNGRADE if record.direction == UPGRADE else UPGRADE
        steps = self._replay(script, undo)
        done = sum(step.state == DONE for step in steps)
        skipped = sum(step.state == SKIPPED for step in steps)
        if undo == DOWNGRADE:
            self.journal.forget(revision)
            at = script.down_revision or "base (no revision)"
            outcome = f"undid its interrupted upgrade; the database is at {at}"
        else:
            self.journal.applied(revision, UPGRADE, len(steps))
            outcome = "redid what its interrupted downgrade had removed; it is applied again"
        return (
            f"revision {revision}: {outcome} ({done} statements run, {skipped} found nothing to do)"
        )

    def _replay(self, script: Script, direction: str) -> list[journal.StepRecord]:
        function = script.module.upgrade if direction == UPGRADE else script.module.downgrade
        with self.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"target_metadata": migrate.METADATA})
            with Operations.context(context), migrate.use_executor(self.runner):
                self.runner.start(script, direction, REPAIRING)
                try:
                    function()
                except MigrationFailed:
                    raise
                except BaseException as exc:
                    self.runner.abort(exc)
                    raise
            conn.commit()
        self.runner.script = None
        return self.report().steps_of(script.revision, direction)


def validate(url: str | URL) -> journal.JournalReport:
    """The journal of the database compared with alembic_version and today's files.

    Read-only: it takes no lock. A revision a live migrator is applying right now shows as
    running; the lease says who.
    """
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return journal.inspect(conn, migrate.script_directory())
    finally:
        engine.dispose()


def repair(
    url: str | URL, accept_changes: bool = False, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> list[str]:
    """Bring the database back to its last complete revision (see MigrationSession.repair)."""
    with MigrationSession(url, migrate.script_directory(), wait_seconds) as session:
        return session.repair(accept_changes)
