"""`runner.py db ...`: migrations and the schema snapshot, on DATABASE_URL or the embedded
server's `sims` database."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from sims import migrate
from sims.commands.output import out
from sims.config import SCHEMA_SNAPSHOT, mask_password
from sims.db import create_engine
from sims.schema import dump_schema
from sims.server import resolve_database_url


def print_revision_states(url: str) -> None:
    table = Table("revision", "state", "description")
    for state in migrate.revision_states(url):
        label = "current" if state.is_current else ("applied" if state.applied else "pending")
        table.add_row(state.revision, label, state.description)
    out.print(table)


def upgrade(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    migrate.upgrade(url, args.revision)
    out.print(f"migrated {mask_password(url)} to {args.revision}")
    print_revision_states(url)


def rollback(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    migrate.downgrade(url, args.revision)
    out.print(f"rolled {mask_password(url)} back to {args.revision}")
    print_revision_states(url)


def status(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    out.print(f"database: {mask_password(url)}")
    print_revision_states(url)


def schema_dump(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            text = dump_schema(conn)
    finally:
        engine.dispose()
    args.output.write_text(text, encoding="utf-8")
    out.print(f"wrote {args.output} from {mask_password(url)}")


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="migrations and schema (DATABASE_URL or embedded)")
    actions = db.add_subparsers(dest="action", required=True)
    up = actions.add_parser("migrate", help="upgrade to a revision (default: head)")
    up.add_argument("--revision", default="head")
    up.set_defaults(handler=upgrade)
    down = actions.add_parser("rollback", help="downgrade (default: one revision)")
    down.add_argument("--revision", default="-1", help="target revision, -N, or base")
    down.set_defaults(handler=rollback)
    actions.add_parser("status", help="list revisions, applied or pending").set_defaults(
        handler=status
    )
    dump = actions.add_parser("schema-dump", help="write the normalised schema snapshot")
    dump.add_argument("--output", type=Path, default=SCHEMA_SNAPSHOT)
    dump.set_defaults(handler=schema_dump)
