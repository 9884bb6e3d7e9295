"""`runner.py warehouse add ...`: open a warehouse through the add_warehouse procedure."""

from __future__ import annotations

import argparse

from sims.commands.procedures import call_and_print


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_warehouse", (args.code, args.name, args.country, args.city), title="warehouse added"
    )


def register(commands: argparse._SubParsersAction) -> None:
    warehouse = commands.add_parser("warehouse", help="open warehouses")
    actions = warehouse.add_subparsers(dest="action", required=True)
    new = actions.add_parser(
        "add", help="open a warehouse; `product reorder-params` then stocks products in it"
    )
    new.add_argument("--code", required=True, help="short code for documents, unique")
    new.add_argument("--name", required=True)
    new.add_argument("--country", required=True, help="ISO 3166-1 code, such as GB")
    new.add_argument("--city")
    new.set_defaults(handler=add)
