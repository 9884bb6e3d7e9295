"""`runner.py product ...`: add, update, discontinue and delete products and set their reorder
parameters, each one call to the database's product procedures."""

from __future__ import annotations

import argparse

from sims.commands.arguments import amount, identifier
from sims.commands.procedures import call_and_print
from sims.errors import SimsError


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_product",
        (args.sku, args.name, args.category, args.price, args.reorder_point, args.reorder_qty),
        title="product added",
    )


def update(args: argparse.Namespace) -> None:
    call_and_print(
        "update_product",
        (args.product, args.name, args.category, args.price),
        title="product updated",
    )


def discontinue(args: argparse.Namespace) -> None:
    call_and_print("discontinue_product", (args.product,), title="product discontinued")


def delete(args: argparse.Namespace) -> None:
    call_and_print("delete_product", (args.product,), title="product deleted")


def reorder_params(args: argparse.Namespace) -> None:
    if args.warehouse is None and not args.all_warehouses:
        raise SimsError("give --warehouse ID, or --all-warehouses for every stocking warehouse")
    call_and_print(
        "set_reorder_parameters",
        (args.product, args.warehouse, args.reorder_point, args.reorder_qty),
        title="reorder parameters",
    )


def _add_parser(actions: argparse._SubParsersAction) -> None:
    new = actions.add_parser("add", help="add a product, stocked in every active warehouse")
    new.add_argument("--sku", required=True, help="our stock-keeping unit, unique")
    new.add_argument("--name", required=True)
    new.add_argument("--category", type=identifier, required=True, help="category id")
    new.add_argument("--price", type=amount, required=True, help="list price of one unit")
    new.add_argument("--reorder-point", type=int, default=0, help="reorder at this level")
    new.add_argument(
        "--reorder-qty", type=int, default=0, help="order this much above the reorder point"
    )
    new.set_defaults(handler=add)


def _update_parser(actions: argparse._SubParsersAction) -> None:
    change = actions.add_parser("update", help="change name, category or price")
    change.add_argument("product", type=identifier, metavar="PRODUCT")
    change.add_argument("--name")
    change.add_argument("--category", type=identifier, help="category id")
    change.add_argument("--price", type=amount, help="list price of one unit")
    change.set_defaults(handler=update)


def _reorder_parser(actions: argparse._SubParsersAction) -> None:
    params = actions.add_parser(
        "reorder-params",
        help="set reorder point and quantity in one warehouse (or all)",
        description="Target (order-up-to level) becomes reorder point + reorder quantity. "
        "An active warehouse that does not stock the product yet starts stocking it.",
    )
    params.add_argument("product", type=identifier, metavar="PRODUCT")
    where = params.add_mutually_exclusive_group()
    where.add_argument("--warehouse", type=identifier, help="warehouse id")
    where.add_argument(
        "--all-warehouses", action="store_true", help="every warehouse stocking the product"
    )
    params.add_argument("--reorder-point", type=int, required=True)
    params.add_argument("--reorder-qty", type=int, required=True)
    params.set_defaults(handler=reorder_params)


def register(commands: argparse._SubParsersAction) -> None:
    product = commands.add_parser("product", help="add, update, discontinue, delete products")
    actions = product.add_subparsers(dest="action", required=True)
    _add_parser(actions)
    _update_parser(actions)
    _reorder_parser(actions)
    for name, handler, text in (
        ("discontinue", discontinue, "stop selling and reordering; history stays"),
        ("delete", delete, "delete a product that has no history (else: discontinue it)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("product", type=identifier, metavar="PRODUCT")
        action.set_defaults(handler=handler)
