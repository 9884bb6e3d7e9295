"""The offline migration script (`make migrate-sql`): what an online migration would run,
written for the mariadb/mysql client, journal and lease included.

The script sets the session as sims' own connections do (so routines keep the same
sql_mode), creates the tooling tables, takes the migration lease (its INSERT fails, and
the client stops, while another migrator holds it), records each revision and statement
in the journal as it goes, and gives the lease back at the end. If the client stops on an
error, the journal shows which statements ran, and `runner.py db repair` works as after
an online failure; the lease is left behind and lapses after OFFLINE_LEASE_SECONDS (or
`runner.py db unlock` removes it).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import Script

from sims import journal, migrate
from sims.db import SESSION_SETUP
from sims.migration_lock import LEASE_NAME, expiry, lease_table

OFFLINE_LEASE_SECONDS = 3600


class OfflineRecorder:
    """The executor of an offline run: writes each statement, then its journal record."""

    def __init__(self, context: MigrationContext, database: str) -> None:
        self.context = context
        self.database = database
        self.holder_id = uuid.uuid4().hex
        self.script: Script | None = None
        self.step_no = 0

    def emit(self, text: str) -> None:
        self.context.impl.static_output(text)

    def emit_statement(self, construct: sa.ClauseElement) -> None:
        compiled = construct.compile(
            dialect=self.context.dialect, compile_kwargs={"literal_binds": True}
        )
        self.emit(f"{compiled};")

    def preamble(self) -> None:
        self.emit(
            f"-- sims migration script for database `{self.database}` (role names derive "
            "from it).\n"
            f"-- Run it with the client's --comments option, which keeps the comments in "
            "routine bodies:\n"
            f"--   mariadb --comments {self.database} < migrate.sql"
        )
        self.emit("SET NAMES utf8mb4;")
        self.emit(f"{SESSION_SETUP};")
        for sql in journal.tooling_statements():
            self.emit(f"{sql};")
        self.emit("-- The migration lease: this fails while another migrator holds it.")
        self.emit_statement(
            lease_table.insert().values(
                lock_name=LEASE_NAME,
                holder_id=self.holder_id,
                holder="offline script",
                server_node="offline script",
                connection_id=sa.null(),
                acquired_at=journal.NOW,
                expires_at=expiry(OFFLINE_LEASE_SECONDS),
            )
        )

    def epilogue(self) -> None:
        self.emit_statement(lease_table.delete().where(lease_table.c.holder_id == self.holder_id))

    def start(self, script: Script, direction: str) -> None:
        path = Path(script.path)
        self.emit_statement(
            journal.revision_table.insert().values(
                revision=script.revision,
                description=migrate.revision_description(script)[:200],
                script_path=migrate.relative_path(path),
                script_checksum=migrate.file_checksum(path.read_text(encoding="utf-8")),
                direction=direction,
                state=journal.RUNNING,
                run_by="offline script",
                started_at=journal.NOW,
            )
        )
        self.script, self.step_no = script, 0

    def run(self, statement: migrate.Statement) -> None:
        migrate.execute_now(statement)
        if self.script is None:
            return
        self.step_no += 1
        values = journal.Journal.step_values(
            self.script.revision, journal.UPGRADE, self.step_no, statement
        )
        values.update(state=journal.DONE, finished_at=journal.NOW)
        self.emit_statement(journal.step_table.insert().values(**values))

    def finish(self) -> None:
        if self.script is None:
            return
        self.emit_statement(
            journal.revision_table.update()
            .where(journal.revision_table.c.revision == self.script.revision)
            .values(state=journal.APPLIED, finished_at=journal.NOW)
        )
        self.script = None
