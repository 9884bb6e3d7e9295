"""slow_movers: stock that sells slowly or not at all, measured over the `days` whole days
that end with `as_of`, checked on sales dated around the window's edges."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support

AS_OF = date(2026, 6, 30)
DAYS = 10


def sold_on(engine: Engine, shop: SimpleNamespace, product: int, qty: int, when: datetime):
    support.sold_at(engine, shop.customer, shop.warehouse, product, qty, when)


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        shop.steady, shop.dead, shop.fast = (support.product(conn) for _ in range(3))
        for product, on_hand in ((shop.steady, 100), (shop.dead, 50), (shop.fast, 60)):
            support.stock_level(conn, product, shop.warehouse, on_hand_qty=on_hand)
    first_day = datetime.combine(AS_OF, datetime.min.time()) - timedelta(days=DAYS - 1)
    sold_on(engine, shop, shop.steady, 10, first_day - timedelta(seconds=1))  # the day before
    sold_on(engine, shop, shop.steady, 10, first_day)  # the window's first moment
    sold_on(engine, shop, shop.steady, 10, first_day + timedelta(days=DAYS, seconds=-1))  # last
    sold_on(engine, shop, shop.steady, 10, first_day + timedelta(days=DAYS))  # after as_of
    sold_on(engine, shop, shop.fast, 50, first_day + timedelta(days=5))
    return shop


def slow_movers(engine: Engine, cover_days: int) -> dict[int, dict]:
    params = {"days": str(DAYS), "cover_days": str(cover_days), "as_of": AS_OF.isoformat()}
    rows = queries.run(engine, queries.find("slow_movers"), params)
    return {row["product_id"]: row for row in rows}


def test_sales_count_over_the_whole_days_ending_with_as_of(engine, shop) -> None:
    """steady: 20 units in the 10 days, 2 a day; its 60 on hand last 30 days."""
    steady = slow_movers(engine, cover_days=29)[shop.steady]
    assert (steady["on_hand_qty"], steady["units_sold"], steady["days_of_cover"]) == (
        60,
        20,
        Decimal(30),
    )
    assert steady["movement_class"] == "slow"


def test_stock_lasting_no_longer_than_the_cover_is_not_slow(engine, shop) -> None:
    assert shop.steady not in slow_movers(engine, cover_days=30)


def test_stock_with_no_sale_in_the_window_is_dead(engine, shop) -> None:
    rows = slow_movers(engine, cover_days=29)
    assert (rows[shop.dead]["units_sold"], rows[shop.dead]["movement_class"]) == (0, "dead")
    assert rows[shop.dead]["days_of_cover"] is None
    assert shop.fast not in rows  # 10 on hand at 5 a day: 2 days of cover
