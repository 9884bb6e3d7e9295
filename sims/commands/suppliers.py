"""`runner.py supplier stop|resume ID`: stop or resume buying from a supplier through the
set_supplier_active procedure."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def stop(args: argparse.Namespace) -> None:
    call_and_print("set_supplier_active", (args.supplier, 0), title="supplier stopped")


def resume(args: argparse.Namespace) -> None:
    call_and_print("set_supplier_active", (args.supplier, 1), title="supplier resumed")


def register(commands: argparse._SubParsersAction) -> None:
    supplier = commands.add_parser("supplier", help="stop or resume buying from a supplier")
    actions = supplier.add_subparsers(dest="action", required=True)
    for name, handler, text in (
        ("stop", stop, "stop buying: reordering skips it, its auto drafts are cancelled"),
        ("resume", resume, "buy from the supplier again"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("supplier", type=identifier, metavar="SUPPLIER")
        action.set_defaults(handler=handler)
