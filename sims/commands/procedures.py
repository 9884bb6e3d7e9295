"""What the commands share to reach the database: an engine on DATABASE_URL (or the
embedded server's database), and a procedure call whose result rows are printed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Engine

from sims.commands.output import print_rows
from sims.db import create_engine
from sims.inventory import call_procedure
from sims.server import resolve_database_url


@contextmanager
def database() -> Iterator[Engine]:
    """An engine on DATABASE_URL (or the embedded server's database), disposed afterwards."""
    engine = create_engine(resolve_database_url())
    try:
        yield engine
    finally:
        engine.dispose()


def call_and_print(procedure: str, args: Sequence[Any], title: str) -> None:
    """Call the procedure (retrying deadlocks) and print its result rows as a table."""
    with database() as engine:
        rows = call_procedure(engine, procedure, args)
    print_rows(rows, title=title)
