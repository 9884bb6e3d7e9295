"""Command-line entry point: parse arguments, run one command, and show any error as one
clear line (a traceback only with --verbose)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pymysql
import sqlalchemy as sa

from sims import commands
from sims.commands.output import err
from sims.config import mask_secrets
from sims.db import describe_error
from sims.errors import SimsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="runner.py", description="sims: inventory database")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in commands.MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.handler(args)
    except (SimsError, sa.exc.SQLAlchemyError, pymysql.err.MySQLError, OSError) as exc:
        if args.verbose:
            raise
        err.print(f"error: {mask_secrets(describe_error(exc))}", markup=False, highlight=False)
        return 1
    return status or 0


if __name__ == "__main__":
    sys.exit(main())
