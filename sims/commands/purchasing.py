"""`runner.py purchase|receive|reorder|recommend`: purchase orders and their receipt,
automatic restocking and demand-driven reorder parameters. Each command is one call of a
database procedure (or one read of the reorder_suggestion view), printed as a table."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.commands.arguments import finite_number, identifier
from sims.commands.output import print_rows
from sims.commands.procedures import database
from sims.inventory import call_procedure

# What `reorder --dry-run` shows: the view reorder_stock() orders from, under short headings.
_SUGGESTIONS_SQL = sa.text(
    "SELECT supplier_id AS supplier, warehouse_id AS wh, product_id AS product, "
    "position_qty AS position, reorder_point_qty AS reorder_at, target_qty AS target, "
    "min_order_qty AS min_order, order_multiple AS pack, order_qty, unit_cost, "
    "expected_date FROM reorder_suggestion ORDER BY supplier_id, warehouse_id, product_id"
)

# The recommendation columns `recommend` prints (the procedure returns a few more), as
# (column, heading).
_RECOMMENDATION_COLUMNS = (
    ("product_id", "product"),
    ("warehouse_id", "wh"),
    ("supplier_id", "supplier"),
    ("lead_time_days", "lead_days"),
    ("sold_qty", "sold"),
    ("avg_daily_demand", "avg/day"),
    ("stddev_daily_demand", "sigma/day"),
    ("forecast_daily_demand", "forecast/day"),
    ("safety_stock", "safety"),
    ("economic_order_qty", "eoq"),
    ("reorder_point_qty", "reorder_at"),
    ("recommended_reorder_point_qty", "new_reorder_at"),
    ("target_qty", "target"),
    ("recommended_target_qty", "new_target"),
)


# Short headings for the procedures' result columns, so a table fits a terminal; any other
# column loses its _id/_qty suffix.
_HEADINGS = {
    "purchase_order_id": "order",
    "purchase_order_line_id": "line",
    "warehouse_id": "wh",
    "is_new_order": "new_order",
    "is_new_line": "new_line",
    "expected_date": "expected",
    "received_now_qty": "received_now",
    "outstanding_qty": "outstanding",
    "previous_reorder_point_qty": "old_reorder_at",
    "previous_target_qty": "old_target",
    "reorder_point_qty": "reorder_at",
}


def short_headings(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    def heading(column: str) -> str:
        return _HEADINGS.get(column) or column.removesuffix("_id").removesuffix("_qty")

    return [{heading(column): value for column, value in row.items()} for row in rows]


def call(name: str, *args: Any) -> list[dict[str, Any]]:
    """The procedure's result rows, under short headings."""
    with database() as engine:
        return short_headings(call_procedure(engine, name, args))


def order_line(text: str) -> dict[str, int]:
    """One PRODUCT_ID:QTY argument as a purchase line; the database judges the values."""
    product, separator, qty = text.partition(":")
    try:
        if separator:
            return {"product_id": int(product), "qty": int(qty)}
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected PRODUCT_ID:QTY (two whole numbers), got {text!r}")


def draft_line(text: str) -> dict[str, int]:
    """PRODUCT_ID:QTY for `purchase set-line`: the product goes to the procedure as an id
    parameter, not inside JSON, so it is held to an id's range here."""
    line = order_line(text)
    identifier(str(line["product_id"]))
    return line


def lines_json(lines: Sequence[dict[str, int]] | None) -> str | None:
    return json.dumps(list(lines)) if lines else None


def create(args: argparse.Namespace) -> None:
    rows = call("create_purchase_order", args.supplier, args.warehouse, lines_json(args.lines))
    print_rows(rows, title=f"draft purchase order {rows[0]['order']}")


def set_line(args: argparse.Namespace) -> None:
    line = args.line
    rows = call("set_purchase_order_line", args.order, line["product_id"], line["qty"])
    print_rows(rows, title=f"draft purchase order {args.order}")


def send(args: argparse.Namespace) -> None:
    print_rows(call("send_purchase_order", args.order), title="purchase order sent")


def cancel(args: argparse.Namespace) -> None:
    print_rows(call("cancel_purchase_order", args.order), title="purchase order cancelled")


def receive(args: argparse.Namespace) -> None:
    rows = call("receive_purchase_order", args.order, lines_json(args.lines))
    print_rows(rows, title=f"received on purchase order {args.order}")


def suggestion_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(_SUGGESTIONS_SQL).mappings()]


def reorder(args: argparse.Namespace) -> None:
    if args.dry_run:
        with database() as engine:
            rows = suggestion_rows(engine)
        print_rows(rows, title="reorder suggestions (dry run: nothing ordered)")
        return
    print_rows(call("reorder_stock"), title="draft purchase order lines created or increased")


def recommend(args: argparse.Namespace) -> None:
    if args.apply:
        rows = call("apply_reorder_parameters", args.service_level, args.history_days)
        print_rows(rows, title="reorder parameters applied")
        return
    with database() as engine:
        rows = call_procedure(
            engine, "recommend_reorder_parameters", (args.service_level, args.history_days)
        )
    if rows:
        title = (
            f"recommended reorder parameters (service level {rows[0]['service_level']}, "
            f"z {rows[0]['z_score']}, {rows[0]['history_days']} days of sales)"
        )
    else:
        title = "recommended reorder parameters"
    shown = [{heading: row[column] for column, heading in _RECOMMENDATION_COLUMNS} for row in rows]
    print_rows(shown, title=title)


def add_lines_option(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--line",
        dest="lines",
        type=order_line,
        action="extend",
        nargs="+",
        required=required,
        metavar="PRODUCT_ID:QTY",
        help="a product and quantity; repeat or list several",
    )


def register(commands: argparse._SubParsersAction) -> None:
    purchase = commands.add_parser(
        "purchase", help="purchase orders: create, change a draft, send, cancel"
    )
    actions = purchase.add_subparsers(dest="action", required=True)
    new = actions.add_parser("create", help="a draft order priced from the supplier's offers")
    new.add_argument("--supplier", type=identifier, required=True, help="supplier id")
    new.add_argument("--warehouse", type=identifier, required=True, help="warehouse delivered to")
    add_lines_option(new, required=True)
    new.set_defaults(handler=create)
    change = actions.add_parser(
        "set-line", help="set a product's quantity on a draft; 0 takes its line off"
    )
    change.add_argument("order", type=identifier, help="purchase order id (a draft)")
    change.add_argument("line", type=draft_line, metavar="PRODUCT_ID:QTY", help="the new line")
    change.set_defaults(handler=set_line)
    sent = actions.add_parser("send", help="send a draft: ordered now, expected date set")
    sent.add_argument("order", type=identifier, help="purchase order id")
    sent.set_defaults(handler=send)
    gone = actions.add_parser("cancel", help="cancel what has not arrived of an order")
    gone.add_argument("order", type=identifier, help="purchase order id")
    gone.set_defaults(handler=cancel)

    arrive = commands.add_parser("receive", help="receive goods on a sent purchase order")
    arrive.add_argument("order", type=identifier, help="purchase order id")
    add_lines_option(arrive, required=False)
    arrive.set_defaults(handler=receive)

    restock = commands.add_parser(
        "reorder", help="draft purchase orders for everything at or below its reorder point"
    )
    restock.add_argument("--dry-run", action="store_true", help="only show what would be ordered")
    restock.set_defaults(handler=reorder)

    advise = commands.add_parser(
        "recommend", help="reorder points and targets from the sales history"
    )
    advise.add_argument(
        "--service-level",
        type=finite_number,
        default=None,
        help="share of cycles without a stock-out, 0-1 (default: the setting, 0.95)",
    )
    advise.add_argument(
        "--history-days",
        type=int,
        default=None,
        help="days of sales to read (default: the setting, 90)",
    )
    advise.add_argument(
        "--apply", action="store_true", help="write them into the stock levels with demand"
    )
    advise.set_defaults(handler=recommend)
