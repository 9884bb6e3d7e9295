"""monthly_sales_trend: one row per calendar month of the window, newest first, also for a
month without shipments (zeros); `months` counts calendar months back from the newest month
with shipments, and each change is on the calendar month before, never on an older one."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support

# Revenue shipped per month: January and March 2026, nothing in February, then April.
SHIPPED = {datetime(2026, 1, 20, 9): "40.00", datetime(2026, 3, 3, 9): "50.00",
           datetime(2026, 4, 28, 9): "75.00"}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def shipments(engine: Engine) -> None:
    with engine.begin() as conn:
        customer, warehouse = support.customer(conn), support.warehouse(conn)
        product = support.product(conn)
        for shipped_at, price in SHIPPED.items():
            order = support.sales_order(conn, customer, warehouse, shipped_at=shipped_at)
            support.sales_order_line(conn, order, product, 1, price, 1)
            support.invoice(conn, order)


def trend(engine: Engine, **given: str) -> list[tuple]:
    rows = queries.run(engine, queries.find("monthly_sales_trend"), given)
    return [
        (row["month_start"], row["revenue"], row["orders"], row["revenue_change_pct"])
        for row in rows
    ]


def test_a_month_without_shipments_is_shown_and_the_next_compares_with_it(engine) -> None:
    assert trend(engine) == [
        (date(2026, 4, 1), Decimal("75.00"), 1, Decimal("50.0")),
        (date(2026, 3, 1), Decimal("50.00"), 1, None),  # February sold nothing
        (date(2026, 2, 1), 0, 0, Decimal("-100.0")),
        (date(2026, 1, 1), Decimal("40.00"), 1, None),  # the first month
    ]


def test_months_counts_calendar_months_back_from_the_newest(engine) -> None:
    assert [row[0] for row in trend(engine, months="3")] == [
        date(2026, 4, 1), date(2026, 3, 1), date(2026, 2, 1),
    ]  # fmt: skip
    # the oldest month shown still compares with the month before it
    assert trend(engine, months="3")[-1] == (date(2026, 2, 1), 0, 0, Decimal("-100.0"))
    assert [row[0] for row in trend(engine, months="1")] == [date(2026, 4, 1)]
    assert trend(engine, months="0") == []


def test_a_window_longer_than_the_history_starts_at_the_first_month(engine) -> None:
    for months in ("5", "9223372036854775807"):
        assert [row[0] for row in trend(engine, months=months)][-1] == date(2026, 1, 1)


def test_a_history_of_more_than_a_thousand_months_is_shown_whole(engine) -> None:
    """A shipment dated 1900 (a bad date, say): 1516 calendar months to April 2026, past the
    1000 steps a recursive calendar may take."""
    with engine.connect() as conn:
        customer, warehouse = support.customer(conn), support.warehouse(conn)
        order = support.sales_order(conn, customer, warehouse, shipped_at=datetime(1900, 1, 10))
        support.sales_order_line(conn, order, support.product(conn), 1, "1.00", 1)
        support.invoice(conn, order)
        rows = queries.fetch(conn, queries.find("monthly_sales_trend"), {"months": "2000"})
        conn.rollback()
    assert len(rows) == (2026 - 1900) * 12 + 4
    assert (rows[0]["month_start"], rows[-1]["month_start"]) == (date(2026, 4, 1), date(1900, 1, 1))
