"""customer_order_history: one customer's orders, newest first, each with its status, lines,
units, value and invoice, cut at the limit."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support
from tests.support import call, order_lines


@pytest.fixture(scope="module")
def history(engine: Engine) -> SimpleNamespace:
    """Oldest first: a counter sale (shipped and invoiced), an order cancelled, an order
    still open; and another customer's order, which is not in the history."""
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), other=support.customer(conn))
        shop.warehouse = support.warehouse(conn)
        shop.bolts = support.product(conn, unit_price=0.5)
        shop.saw = support.product(conn, unit_price=12.0)
        for product in (shop.bolts, shop.saw):
            support.stock_level(conn, product, shop.warehouse, on_hand_qty=100)

    def lines(**quantities: int) -> str:
        return order_lines(*((vars(shop)[p], q) for p, q in quantities.items()))

    (shop.sold,) = call(engine, "sell_at_counter", shop.customer, shop.warehouse, lines(bolts=20))
    (shop.cancelled,) = call(engine, "place_sales_order", shop.customer, shop.warehouse,
                             lines(saw=1))  # fmt: skip
    call(engine, "cancel_sales_order", shop.cancelled["sales_order_id"])
    (shop.open,) = call(engine, "place_sales_order", shop.customer, shop.warehouse,
                        lines(bolts=4, saw=2))  # fmt: skip
    call(engine, "place_sales_order", shop.other, shop.warehouse, lines(saw=3))
    return shop


def order_history(engine: Engine, customer: int, limit: int = 100) -> list[dict]:
    query = queries.find("customer_order_history")
    return queries.run(engine, query, {"customer_id": str(customer), "limit": str(limit)})


def test_a_customers_orders_come_newest_first_with_their_lines_value_and_invoice(
    engine, history
) -> None:
    rows = order_history(engine, history.customer)
    assert [
        (r["sales_order_id"], r["status"], r["line_count"], r["units"], r["order_value"])
        for r in rows
    ] == [
        (history.open["sales_order_id"], "open", 2, 6, Decimal("26.00")),  # 4 x 0.50 + 2 x 12
        (history.cancelled["sales_order_id"], "cancelled", 1, 1, Decimal("12.00")),
        (history.sold["sales_order_id"], "shipped", 1, 20, Decimal("10.00")),
    ]
    assert [(r["invoice_id"], r["invoice_status"]) for r in rows] == [
        (None, None),
        (None, None),
        (history.sold["invoice_id"], "issued"),
    ]


def test_the_limit_keeps_the_newest_orders(engine, history) -> None:
    rows = order_history(engine, history.customer, limit=2)
    assert [r["sales_order_id"] for r in rows] == [
        history.open["sales_order_id"],
        history.cancelled["sales_order_id"],
    ]
