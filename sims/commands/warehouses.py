"""`runner.py warehouse add|close|reopen`: open a warehouse (add_warehouse), close it or open
it again (set_warehouse_active)."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_warehouse", (args.code, args.name, args.country, args.city), title="warehouse added"
    )


def close(args: argparse.Namespace) -> None:
    call_and_print("set_warehouse_active", (args.warehouse, 0), title="warehouse closed")


def reopen(args: argparse.Namespace) -> None:
    call_and_print("set_warehouse_active", (args.warehouse, 1), title="warehouse reopened")


def register(commands: argparse._SubParsersAction) -> None:
    warehouse = commands.add_parser("warehouse", help="open, close and reopen warehouses")
    actions = warehouse.add_subparsers(dest="action", required=True)
    new = actions.add_parser(
        "add", help="open a warehouse; `product reorder-params` then stocks products in it"
    )
    new.add_argument("--code", required=True, help="short code for documents, unique")
    new.add_argument("--name", required=True)
    new.add_argument("--country", required=True, help="ISO 3166-1 code, such as GB")
    new.add_argument("--city")
    new.set_defaults(handler=add)
    for name, handler, text in (
        ("close", close, "close: nothing sold, shipped or reordered there; its auto drafts go"),
        ("reopen", reopen, "open a closed warehouse again"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("warehouse", type=identifier, metavar="WAREHOUSE")
        action.set_defaults(handler=handler)
