"""`runner.py query` (saved queries by name) and `runner.py check` (validation queries)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from sims import checks, queries
from sims.commands.output import emit_rows, err, out, print_rows, print_table
from sims.db import create_engine
from sims.server import resolve_database_url


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key, value


def list_queries() -> None:
    table = Table("name", "purpose", "params")
    for query in queries.catalogue().values():
        params = ", ".join(p.name + ("" if p.required else "?") for p in query.parameters)
        table.add_row(query.name, query.purpose, params)
    print_table(table)


def run_query(args: argparse.Namespace) -> None:
    if args.list or not args.name:
        list_queries()
        return
    query = queries.find(args.name)
    engine = create_engine(resolve_database_url())
    try:
        rows = queries.run(engine, query, dict(args.param))
    finally:
        engine.dispose()
    emit_rows(rows, query.name, args.format, args.output)


def run_checks(args: argparse.Namespace) -> int:
    engine = create_engine(resolve_database_url())
    try:
        findings = checks.run_checks(engine)
    finally:
        engine.dispose()
    failed = {name: rows for name, rows in findings.items() if rows}
    for name in findings:
        out.print(f"{'FAIL' if name in failed else 'ok  '} {name}")
    for name, rows in failed.items():
        print_rows(rows[:20], title=f"{name}: {len(rows)} finding(s)")
    if failed:
        err.print(f"{len(failed)} of {len(findings)} checks found problems")
        return 1
    out.print(f"all {len(findings)} checks passed")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    query = commands.add_parser("query", help="run a saved query from sql/queries/ by name")
    query.add_argument("name", nargs="?", help="the saved query (see --list)")
    query.add_argument("--list", action="store_true", help="list the saved queries")
    query.add_argument("--param", type=_param, action="append", default=[], metavar="KEY=VALUE")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--output", type=Path, help="write to a file (csv or json)")
    query.set_defaults(handler=run_query)
    check = commands.add_parser("check", help="run the validation queries; non-zero on findings")
    check.set_defaults(handler=run_checks)
