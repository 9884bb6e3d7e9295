"""open_orders: sales orders awaiting shipment and purchase orders awaiting delivery, each
with what is still outstanding, oldest first and drafts last; optionally one warehouse's."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support
from tests.support import call, order_lines


@pytest.fixture(scope="module")
def orders(engine: Engine) -> SimpleNamespace:
    """In north: an open sales order, one shipped, one cancelled, a purchase order partly
    received and one received in full; in south: an open sales order and a draft purchase.
    The open ones were placed on three different days (the draft is not ordered yet)."""
    with engine.begin() as conn:
        shop = SimpleNamespace(north=support.warehouse(conn), south=support.warehouse(conn))
        shop.customer, supplier = support.customer(conn), support.supplier(conn)
        shop.tape = support.product(conn, unit_price=2.5)
        shop.saw = support.product(conn, unit_price=10.0)
        for product in (shop.tape, shop.saw):
            support.product_supplier(conn, product, supplier, unit_cost=1.25)
            for warehouse in (shop.north, shop.south):
                support.stock_level(conn, product, warehouse, on_hand_qty=50)

    def sales_order(warehouse: int, *items: tuple[int, int]) -> int:
        [row] = call(engine, "place_sales_order", shop.customer, warehouse, order_lines(*items))
        return row["sales_order_id"]

    def purchase_order(warehouse: int, *items: tuple[int, int]) -> int:
        [row] = call(engine, "create_purchase_order", supplier, warehouse, order_lines(*items))
        return row["purchase_order_id"]

    shop.open_sale = sales_order(shop.north, (shop.tape, 3), (shop.saw, 1))
    call(engine, "ship_sales_order", sales_order(shop.north, (shop.tape, 1)))
    call(engine, "cancel_sales_order", sales_order(shop.north, (shop.saw, 2)))
    shop.partial = purchase_order(shop.north, (shop.tape, 10))
    call(engine, "send_purchase_order", shop.partial)
    call(engine, "receive_purchase_order", shop.partial, order_lines((shop.tape, 4)))
    received = purchase_order(shop.north, (shop.saw, 5))
    call(engine, "send_purchase_order", received)
    call(engine, "receive_purchase_order", received, None)
    shop.south_sale = sales_order(shop.south, (shop.saw, 2))
    shop.draft = purchase_order(shop.south, (shop.saw, 3))
    with engine.begin() as conn:  # placed on three days, in this order
        for days_ago, table, order in (
            (3, "sales_order", shop.open_sale),
            (2, "purchase_order", shop.partial),
            (1, "sales_order", shop.south_sale),
        ):
            conn.exec_driver_sql(
                f"UPDATE {table} SET ordered_at = ordered_at - INTERVAL %s DAY "
                f"WHERE {table}_id = %s",
                (days_ago, order),
            )
    return shop


def open_orders(engine: Engine, warehouse: int | None = None) -> list[tuple]:
    params = {} if warehouse is None else {"warehouse_id": str(warehouse)}
    rows = queries.run(engine, queries.find("open_orders"), params)
    return [
        (
            r["order_kind"],
            r["order_id"],
            r["status"],
            r["outstanding_units"],
            r["outstanding_value"],
        )
        for r in rows
    ]


def test_one_warehouses_open_orders_with_what_is_outstanding(engine, orders) -> None:
    assert open_orders(engine, orders.north) == [
        ("sales", orders.open_sale, "open", 4, Decimal("17.50")),  # 3 x 2.50 + 1 x 10
        ("purchase", orders.partial, "partially_received", 6, Decimal("7.50")),  # 6 x 1.25
    ]


def test_every_warehouses_open_orders_oldest_first_and_drafts_last(engine, orders) -> None:
    assert [(kind, order) for kind, order, *_ in open_orders(engine)] == [
        ("sales", orders.open_sale),
        ("purchase", orders.partial),
        ("sales", orders.south_sale),
        ("purchase", orders.draft),
    ]
