"""Command-line interface: each command is one call into the package, with errors shown as
one clear line (tracebacks only with --verbose)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from sims import migrate
from sims.config import SCHEMA_SNAPSHOT, mask_password
from sims.db import create_engine, describe_error
from sims.errors import SimsError
from sims.schema import dump_schema
from sims.server import embedded_server, resolve_database_url

out = Console()
err = Console(stderr=True, soft_wrap=True)


# --- server ---------------------------------------------------------------------------


def server_start(args: argparse.Namespace) -> None:
    status = embedded_server().start()
    out.print(f"embedded server running (pid {status.pid}) at {status.url()}")
    out.print(f"data directory: {status.home / 'data'}")


def server_stop(args: argparse.Namespace) -> None:
    stopped = embedded_server().stop()
    out.print("embedded server stopped" if stopped else "embedded server was not running")


def server_status(args: argparse.Namespace) -> None:
    status = embedded_server().status()
    if status.running:
        out.print(f"running (pid {status.pid}) at {status.url()}")
    else:
        out.print(f"not running (home {status.home})")


# --- db -------------------------------------------------------------------------------


def db_migrate(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    migrate.upgrade(url, args.revision)
    out.print(f"migrated {mask_password(url)} to {args.revision}")
    print_revision_states(url)


def db_rollback(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    migrate.downgrade(url, args.revision)
    out.print(f"rolled {mask_password(url)} back to {args.revision}")
    print_revision_states(url)


def db_status(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    out.print(f"database: {mask_password(url)}")
    print_revision_states(url)


def print_revision_states(url: str) -> None:
    table = Table("revision", "state", "description")
    for state in migrate.revision_states(url):
        label = "current" if state.is_current else ("applied" if state.applied else "pending")
        table.add_row(state.revision, label, state.description)
    out.print(table)


def db_schema_dump(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            text = dump_schema(conn)
    finally:
        engine.dispose()
    args.output.write_text(text, encoding="utf-8")
    out.print(f"wrote {args.output} from {mask_password(url)}")


# --- wiring ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="runner.py", description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True)

    server = commands.add_parser("server", help="the embedded MariaDB/MySQL server under .sims/")
    server_actions = server.add_subparsers(dest="action", required=True)
    for name, handler, text in (
        ("start", server_start, "start it (initialising it the first time)"),
        ("stop", server_stop, "stop it cleanly"),
        ("status", server_status, "say whether it runs, and where"),
    ):
        server_actions.add_parser(name, help=text).set_defaults(handler=handler)

    db = commands.add_parser("db", help="migrations and schema (DATABASE_URL or embedded)")
    db_actions = db.add_subparsers(dest="action", required=True)
    up = db_actions.add_parser("migrate", help="upgrade to a revision (default: head)")
    up.add_argument("--revision", default="head")
    up.set_defaults(handler=db_migrate)
    down = db_actions.add_parser("rollback", help="downgrade (default: one revision)")
    down.add_argument("--revision", default="-1", help="target revision, -N, or base")
    down.set_defaults(handler=db_rollback)
    db_actions.add_parser("status", help="list revisions, applied or pending").set_defaults(
        handler=db_status
    )
    dump = db_actions.add_parser("schema-dump", help="write the normalised schema snapshot")
    dump.add_argument("--output", type=Path, default=SCHEMA_SNAPSHOT)
    dump.set_defaults(handler=db_schema_dump)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], None] = args.handler
    try:
        handler(args)
    except (SimsError, sa.exc.SQLAlchemyError) as exc:
        if args.verbose:
            raise
        err.print(f"error: {describe_error(exc)}", markup=False, highlight=False)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
