"""Alembic environment: run the revisions on the connection or URL sims hands over.

Online, every run holds the migration lock, validates the journal first (refusing a
database with a half-applied revision or changed files) and records each statement as
it runs (sims.migration_session). Offline (`--sql`, `make migrate-sql`), the same
statements are written out with the journal records and the lease (sims.offline).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import URL, Connection, Engine

from sims.config import DEFAULT_DATABASE
from sims.db import create_engine
from sims.migrate import METADATA, MigrationRun, use_executor
from sims.migration_lock import DEFAULT_WAIT_SECONDS
from sims.migration_session import MigrationSession, track_steps
from sims.offline import OfflineRecorder
from sims.server import resolve_database_url

config = context.config


def run_migrations_offline() -> None:
    context.configure(
        dialect_name="mysql",
        target_metadata=METADATA,
        transaction_per_migration=True,
        literal_binds=True,
    )
    database = str(config.attributes.get("database") or DEFAULT_DATABASE)
    recorder = OfflineRecorder(context.get_context(), database)
    recorder.preamble()
    track_steps(context.get_context(), recorder)
    with use_executor(recorder), context.begin_transaction():
        context.run_migrations()
    recorder.epilogue()


def run_migrations(connection: Connection, session: MigrationSession) -> None:
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        transaction_per_migration=True,
    )
    track_steps(context.get_context(), session.runner)
    try:
        with use_executor(session.runner), context.begin_transaction():
            context.run_migrations()
    except BaseException as exc:
        session.runner.abort(exc)
        raise


def target_url(connectable: object) -> str | URL:
    """The URL to open the session's own connections on."""
    if isinstance(connectable, Connection | Engine):
        return connectable.engine.url
    return config.attributes.get("url") or resolve_database_url()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    url = target_url(connectable)
    run = config.attributes.get("sims_run") or MigrationRun()
    wait = float(config.attributes.get("lock_wait", DEFAULT_WAIT_SECONDS))
    with MigrationSession(url, context.script, wait, run) as session:
        session.preflight()
        if isinstance(connectable, Connection):
            run_migrations(connectable, session)
            return
        engine = connectable if isinstance(connectable, Engine) else create_engine(url)
        try:
            with engine.connect() as connection:
                run_migrations(connection, session)
                connection.commit()
        finally:
            if connectable is None:
                engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
