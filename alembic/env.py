"""Alembic environment: run the revisions on the connection or URL sims hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection, Engine

from sims.db import create_engine
from sims.migrate import METADATA
from sims.server import resolve_database_url

config = context.config


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if isinstance(connectable, Connection):
        run_migrations(connectable)
        return
    engine = connectable if isinstance(connectable, Engine) else None
    if engine is None:
        engine = create_engine(config.attributes.get("url") or resolve_database_url())
    try:
        with engine.connect() as connection:
            run_migrations(connection)
            connection.commit()
    finally:
        if connectable is None:
            engine.dispose()


run_migrations_online()
