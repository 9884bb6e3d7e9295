"""`runner.py warehouse add|update|close|reopen`: open a warehouse (add_warehouse), change its
details (update_warehouse), close it or open it again (set_warehouse_active)."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def _details(args: argparse.Namespace) -> tuple:
    """A warehouse's details as add_warehouse and update_warehouse take them, in order."""
    return (args.code, args.name, args.country, args.city)


def add(args: argparse.Namespace) -> None:
    call_and_print("add_warehouse", _details(args), title="warehouse added")


def update(args: argparse.Namespace) -> None:
    call_and_print("update_warehouse", (args.warehouse, *_details(args)), title="warehouse updated")


def close(args: argparse.Namespace) -> None:
    call_and_print("set_warehouse_active", (args.warehouse, 0), title="warehouse closed")


def reopen(args: argparse.Namespace) -> None:
    call_and_print("set_warehouse_active", (args.warehouse, 1), title="warehouse reopened")


def _add_detail_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """The details' options; the code, name and country code `required` (adding)."""
    parser.add_argument("--code", required=required, help="short code for documents, unique")
    parser.add_argument("--name", required=required)
    parser.add_argument("--country", required=required, help="ISO 3166-1 code, such as GB")
    parser.add_argument("--city")


def register(commands: argparse._SubParsersAction) -> None:
    warehouse = commands.add_parser(
        "warehouse", help="open warehouses, change their details, close and reopen them"
    )
    actions = warehouse.add_subparsers(dest="action", required=True)
    new = actions.add_parser(
        "add", help="open a warehouse; `product reorder-params` then stocks products in it"
    )
    _add_detail_options(new, required=True)
    new.set_defaults(handler=add)
    change = actions.add_parser(
        "update", help="change the details given; an empty city (--city '') is cleared"
    )
    change.add_argument("warehouse", type=identifier, metavar="WAREHOUSE")
    _add_detail_options(change, required=False)
    change.set_defaults(handler=update)
    for name, handler, text in (
        ("close", close, "close: nothing sold, shipped or reordered there; its auto drafts go"),
        ("reopen", reopen, "open a closed warehouse again"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("warehouse", type=identifier, metavar="WAREHOUSE")
        action.set_defaults(handler=handler)
