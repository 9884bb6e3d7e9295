"""slow_movers: stock that sells slowly or not at all, measured over the `days` whole days
that end with `as_of`, with the stock on hand at the end of that day, checked on a ledger
dated around the window's edges."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support

AS_OF = date(2026, 6, 30)
DAYS = 10
FIRST_DAY = datetime.combine(AS_OF, time()) - timedelta(days=DAYS - 1)


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """Each product's ledger in date order: opening stock a month before the window, then its
    sales. `cleared` sold out after as_of; `late` was first stocked after as_of."""
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        names = ("steady", "dead", "fast", "cleared", "late")
        products = {name: support.product(conn) for name in names}
        for product in products.values():
            support.stock_level(conn, product, shop.warehouse)
    vars(shop).update(products)
    opening = FIRST_DAY - timedelta(days=30)
    after_as_of = FIRST_DAY + timedelta(days=DAYS)
    ledger = [
        (opening, "stock", shop.steady, 100),
        (opening, "stock", shop.dead, 50),
        (opening, "stock", shop.fast, 60),
        (opening, "stock", shop.cleared, 40),
        (FIRST_DAY - timedelta(seconds=1), "sell", shop.steady, 10),  # the day before
        (FIRST_DAY, "sell", shop.steady, 10),  # the window's first moment
        (FIRST_DAY + timedelta(days=5), "sell", shop.fast, 50),
        (after_as_of - timedelta(seconds=1), "sell", shop.steady, 10),  # its last moment
        (after_as_of, "sell", shop.steady, 10),  # after as_of
        (after_as_of, "sell", shop.cleared, 40),
        (after_as_of, "stock", shop.late, 30),
    ]
    for when, what, product, qty in ledger:
        with support.session_at(engine, when) as session:
            if what == "stock":
                session.execute(
                    "CALL adjust_stock(%s, %s, %s, 'opening stock')",
                    (product, shop.warehouse, qty),
                )
            else:
                lines = support.order_lines((product, qty))
                session.execute(
                    "CALL sell_at_counter(%s, %s, %s)", (shop.customer, shop.warehouse, lines)
                )
    return shop


def slow_movers(engine: Engine, cover_days: int, as_of: date | None = AS_OF) -> dict[int, dict]:
    params = {"days": str(DAYS), "cover_days": str(cover_days)}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    rows = queries.run(engine, queries.find("slow_movers"), params)
    return {row["product_id"]: row for row in rows}


def test_sales_count_over_the_whole_days_ending_with_as_of(engine, shop) -> None:
    """steady: 20 units in the 10 days, 2 a day; the 70 on hand then last 35 days."""
    steady = slow_movers(engine, cover_days=34)[shop.steady]
    assert (steady["on_hand_qty"], steady["units_sold"], steady["days_of_cover"]) == (
        70,
        20,
        Decimal(35),
    )
    assert steady["movement_class"] == "slow"


def test_stock_lasting_no_longer_than_the_cover_is_not_slow(engine, shop) -> None:
    assert shop.steady not in slow_movers(engine, cover_days=35)


def test_the_stock_is_what_was_on_hand_at_the_end_of_as_of(engine, shop) -> None:
    rows = slow_movers(engine, cover_days=34)
    assert (rows[shop.cleared]["on_hand_qty"], rows[shop.cleared]["movement_class"]) == (
        40,
        "dead",
    )  # sold out since
    assert shop.late not in rows  # stocked since


def test_without_as_of_the_stock_and_the_window_are_todays(engine, shop) -> None:
    rows = slow_movers(engine, cover_days=34, as_of=None)
    assert {product: row["on_hand_qty"] for product, row in rows.items()} == {
        shop.steady: 60, shop.dead: 50, shop.fast: 10, shop.late: 30,
    }  # fmt: skip
    assert {row["movement_class"] for row in rows.values()} == {"dead"}


def test_stock_with_no_sale_in_the_window_is_dead(engine, shop) -> None:
    rows = slow_movers(engine, cover_days=29)
    assert (rows[shop.dead]["units_sold"], rows[shop.dead]["movement_class"]) == (0, "dead")
    assert rows[shop.dead]["days_of_cover"] is None
    assert shop.fast not in rows  # 10 on hand at 5 a day: 2 days of cover
