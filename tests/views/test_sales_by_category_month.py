"""sales_by_category_month: units shipped, invoiced revenue and orders per calendar month and
category, checked against hand-built shipped, open and invoiced orders."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support

# product -> category
CATALOGUE = {"hammer": "tools", "saw": "tools", "rake": "garden"}

# Orders: shipped_at (None: still open), invoice status (None: not invoiced yet), and lines
# as (product, ordered, shipped, unit price).
# fmt: off
ORDERS = [
    (datetime(2026, 1, 15, 12), "issued", [("hammer", 3, 3, "10.00"), ("rake", 1, 1, "99.90")]),
    # the last second of January, and a line only partly shipped
    (datetime(2026, 1, 31, 23, 59, 59), "paid",
     [("hammer", 2, 2, "10.00"), ("saw", 5, 4, "7.50")]),
    # the first second of February; its invoice is void, so it earns nothing
    (datetime(2026, 2, 1, 0, 0, 0), "void", [("hammer", 1, 1, "10.00")]),
    # shipped, not invoiced yet; the saw line shipped nothing, so tools has no order here
    (datetime(2026, 2, 10, 8), None, [("rake", 2, 2, "99.90"), ("saw", 3, 0, "7.50")]),
    # still open: nothing shipped, nothing counted
    (None, None, [("hammer", 4, 0, "10.00")]),
]
# fmt: on


def expected_sales() -> dict[tuple[date, str], dict]:
    totals: dict[tuple[date, str], dict] = defaultdict(
        lambda: {"shipped_unit_count": 0, "revenue": Decimal(0), "orders": set()}
    )
    for number, (shipped_at, invoice, lines) in enumerate(ORDERS):
        if shipped_at is None:
            continue
        for product, _ordered, shipped, price in lines:
            if shipped == 0:
                continue
            total = totals[(shipped_at.date().replace(day=1), CATALOGUE[product])]
            total["shipped_unit_count"] += shipped
            if invoice not in (None, "void"):
                total["revenue"] += shipped * Decimal(price)
            total["orders"].add(number)
    return {
        key: {
            "shipped_unit_count": t["shipped_unit_count"],
            "revenue": t["revenue"],
            "order_count": len(t["orders"]),
        }
        for key, t in totals.items()
    }


@pytest.fixture(scope="module")
def sales(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        categories = {name: support.category(conn, name) for name in set(CATALOGUE.values())}
        products = {name: support.product(conn, categories[c]) for name, c in CATALOGUE.items()}
        warehouse, customer = support.warehouse(conn), support.customer(conn)
        for shipped_at, invoice, lines in ORDERS:
            order = support.sales_order(
                conn, customer, warehouse, ordered_at=datetime(2026, 1, 1), shipped_at=shipped_at
            )
            for product, ordered, shipped, price in lines:
                support.sales_order_line(conn, order, products[product], ordered, price, shipped)
            if invoice is not None:
                support.invoice(conn, order, invoice)
    return SimpleNamespace(categories=categories)


def test_each_month_and_category_sums_shipped_units_invoiced_revenue_and_orders(
    engine, sales
) -> None:
    names = {category_id: name for name, category_id in sales.categories.items()}
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM sales_by_category_month").mappings().all()
    actual = {
        (row["month_start_date"], names[row["category_id"]]): {
            "shipped_unit_count": row["shipped_unit_count"],
            "revenue": row["revenue"],
            "order_count": row["order_count"],
        }
        for row in rows
    }
    assert actual == expected_sales()
    assert all(row["category_name"] == names[row["category_id"]] for row in rows)


def test_months_follow_the_shipping_date_not_the_order_date(engine, sales) -> None:
    with engine.connect() as conn:
        months = {
            row[0]
            for row in conn.exec_driver_sql("SELECT month_start_date FROM sales_by_category_month")
        }
    assert months == {date(2026, 1, 1), date(2026, 2, 1)}
