"""`runner.py sale ...`: place, ship, cancel and return sales orders, and counter sales,
through the database's sales procedures; each prints the procedure's result as a table."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from sims.commands.arguments import amount, identifier
from sims.commands.procedures import call_and_print

LINE_FORMAT = "PRODUCT_ID:QTY[:UNIT_PRICE]"


def order_line(text: str) -> dict[str, Any]:
    """One --line argument as the JSON object the procedures take; the database checks the
    values (a known product, a positive quantity, ...), this only parses the numbers."""
    parts = text.split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError
        line: dict[str, Any] = {"product_id": int(parts[0]), "qty": int(parts[1])}
        if len(parts) == 3:
            line["unit_price"] = amount(parts[2])
    except (ValueError, argparse.ArgumentTypeError):
        raise argparse.ArgumentTypeError(f"expected {LINE_FORMAT}, got {text!r}") from None
    return line


def lines_json(lines: Sequence[dict[str, Any]]) -> str:
    """The lines as the JSON text place_sales_order and sell_at_counter read (a price as a
    JSON number)."""
    return json.dumps(
        [
            {**line, "unit_price": float(line["unit_price"])} if "unit_price" in line else line
            for line in lines
        ]
    )


def place(args: argparse.Namespace) -> None:
    call_and_print(
        "place_sales_order",
        (args.customer, args.warehouse, lines_json(args.line)),
        "placed sales order (stock reserved)",
    )


def counter(args: argparse.Namespace) -> None:
    call_and_print(
        "sell_at_counter",
        (args.customer, args.warehouse, lines_json(args.line)),
        "counter sale (shipped and invoiced)",
    )


def ship(args: argparse.Namespace) -> None:
    call_and_print("ship_sales_order", (args.order,), f"shipped sales order {args.order}")


def cancel(args: argparse.Namespace) -> None:
    call_and_print("cancel_sales_order", (args.order,), f"cancelled sales order {args.order}")


def take_back(args: argparse.Namespace) -> None:
    call_and_print(
        "return_sales_order_line",
        (args.line, args.qty, args.reason),
        f"returned {args.qty} of sales order line {args.line}",
    )


def add_order_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--customer", type=identifier, required=True, help="customer id")
    parser.add_argument("--warehouse", type=identifier, required=True, help="warehouse id")
    parser.add_argument(
        "--line",
        type=order_line,
        action="append",
        required=True,
        metavar=LINE_FORMAT,
        help="a product and quantity (and a price other than the list price); repeat per line",
    )


def register(commands: argparse._SubParsersAction) -> None:
    sale = commands.add_parser(
        "sale", help="sales orders: place, ship, cancel, return; counter sales"
    )
    actions = sale.add_subparsers(dest="action", required=True, metavar="ACTION")

    placed = actions.add_parser("place", help="place an open order, reserving its stock")
    add_order_arguments(placed)
    placed.set_defaults(handler=place)

    sold = actions.add_parser("counter", help="sell at the counter: place, ship and invoice")
    add_order_arguments(sold)
    sold.set_defaults(handler=counter)

    shipped = actions.add_parser("ship", help="ship an open order and invoice it")
    shipped.add_argument("order", type=identifier, metavar="ORDER_ID")
    shipped.set_defaults(handler=ship)

    cancelled = actions.add_parser("cancel", help="cancel an open order, releasing its stock")
    cancelled.add_argument("order", type=identifier, metavar="ORDER_ID")
    cancelled.set_defaults(handler=cancel)

    returned = actions.add_parser("return", help="take back units of a shipped order line")
    returned.add_argument("line", type=identifier, metavar="LINE_ID")
    returned.add_argument("qty", type=int, metavar="QTY")
    returned.add_argument("--reason", help="why, in words (kept in the ledger)")
    returned.set_defaults(handler=take_back)
