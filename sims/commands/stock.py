"""`runner.py stock ...`: the inventory overview (or only low stock), and adjustments,
stocktake counts and transfers through the database's stock-ledger procedures."""

from __future__ import annotations

import argparse
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.commands.arguments import identifier, row_limit
from sims.commands.output import print_rows
from sims.commands.procedures import call_and_print, database
from sims.inventory import call_procedure

# The columns shown, under short headings that fit a terminal; the views have a few more
# (category, position_qty, shortfall_qty).
_COLUMNS = (
    "product_id AS product, sku, product_name AS name, warehouse_id AS wh, "
    "warehouse_code AS wh_code, on_hand_qty AS on_hand, reserved_qty AS reserved, "
    "available_qty AS available, on_order_qty AS on_order, reorder_point_qty AS reorder_at, "
    "target_qty AS target, status"
)
# One fixed statement per view: user input only ever reaches the bind parameters.
_OVERVIEW_SQL = {
    view: sa.text(
        f"SELECT {_COLUMNS} FROM {view} "
        "WHERE (:warehouse_id IS NULL OR warehouse_id = :warehouse_id) "
        "AND (:product_id IS NULL OR product_id = :product_id) "
        "ORDER BY product_id, warehouse_id LIMIT :row_limit"
    )
    for view in ("inventory_overview", "low_stock")
}


def overview_rows(
    engine: Engine,
    low_only: bool = False,
    warehouse_id: int | None = None,
    product_id: int | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Rows of inventory_overview (or low_stock), optionally for one warehouse or product."""
    statement = _OVERVIEW_SQL["low_stock" if low_only else "inventory_overview"]
    params = {"warehouse_id": warehouse_id, "product_id": product_id, "row_limit": limit}
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(statement, params).mappings()]


def show(args: argparse.Namespace) -> None:
    with database() as engine:
        rows = overview_rows(engine, args.low, args.warehouse, args.product, args.limit)
    print_rows(rows, title="low stock" if args.low else "inventory overview")


def adjust(args: argparse.Namespace) -> None:
    call_and_print(
        "adjust_stock",
        (args.product, args.warehouse, args.qty, args.reason),
        f"product {args.product} in warehouse {args.warehouse}",
    )


def count(args: argparse.Namespace) -> None:
    call_and_print(
        "record_stocktake",
        (args.product, args.warehouse, args.qty, args.reason),
        f"product {args.product} in warehouse {args.warehouse}",
    )


def transfer(args: argparse.Namespace) -> None:
    with database() as engine:
        call_procedure(
            engine,
            "transfer_stock",
            (args.product, args.from_warehouse, args.to_warehouse, args.qty, args.reason),
        )
        rows = overview_rows(engine, product_id=args.product)
    moved = {args.from_warehouse, args.to_warehouse}
    print_rows(
        [row for row in rows if row["wh"] in moved],
        title=f"moved {args.qty} of product {args.product}",
    )


def register(commands: argparse._SubParsersAction) -> None:
    stock = commands.add_parser(
        "stock",
        help="stock per product and warehouse; adjust, count, transfer",
        description="Without an action: print the inventory overview (or, with --low, only "
        "stock at or below its reorder point).",
    )
    stock.add_argument("--warehouse", type=identifier, help="only this warehouse (id)")
    stock.add_argument("--product", type=identifier, help="only this product (id)")
    stock.add_argument("--low", action="store_true", help="only low stock (the low_stock view)")
    stock.add_argument("--limit", type=row_limit, default=1000, help="at most this many rows")
    stock.set_defaults(handler=show)
    actions = stock.add_subparsers(dest="action", metavar="ACTION")

    change = actions.add_parser("adjust", help="change on hand by a signed quantity, with reason")
    change.add_argument("product", type=identifier, metavar="PRODUCT")
    change.add_argument("warehouse", type=identifier, metavar="WAREHOUSE")
    change.add_argument("qty", type=int, metavar="QTY", help="units: positive in, negative out")
    change.add_argument("--reason", required=True, help="why, in words (kept in the ledger)")
    change.set_defaults(handler=adjust)

    counted = actions.add_parser("count", help="record a stocktake: on hand becomes QTY")
    counted.add_argument("product", type=identifier, metavar="PRODUCT")
    counted.add_argument("warehouse", type=identifier, metavar="WAREHOUSE")
    counted.add_argument("qty", type=int, metavar="QTY", help="units counted")
    counted.add_argument("--reason", help="ledger reason for a difference (default: stocktake)")
    counted.set_defaults(handler=count)

    move = actions.add_parser("transfer", help="move units from one warehouse to another")
    move.add_argument("product", type=identifier, metavar="PRODUCT")
    move.add_argument("from_warehouse", type=identifier, metavar="FROM")
    move.add_argument("to_warehouse", type=identifier, metavar="TO")
    move.add_argument("qty", type=int, metavar="QTY", help="units to move")
    move.add_argument("--reason", help="why, in words (kept in the ledger)")
    move.set_defaults(handler=transfer)
