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
