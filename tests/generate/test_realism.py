"""What generated data looks like: popularity skewed to a few products, weekly and yearly
seasons, lead times that vary with some deliveries late, prices that differ by supplier,
names and addresses from the chosen Faker locale, returns credited both before and after
payment, and about as many sales order lines as the scale asks for."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import URL, Engine

from generate import Settings, generate_and_load
from generate.catalog import build_catalog
from generate.pools import Pools
from generate.purchasing import ordering_offer
from generate.settings import LINES_AT_SCALE_1

SCALE = 0.01
SEED = 4  # one whose preferred supplier of a product due for reorder is inactive
LOCALE = "de_DE"


@pytest.fixture(scope="module", autouse=True)
def loaded(database_url: URL) -> None:
    generate_and_load(database_url, Settings(SCALE, SEED, LOCALE))


def values(engine: Engine, sql: str) -> list:
    with engine.connect() as conn:
        return [row[0] if len(row) == 1 else tuple(row) for row in conn.exec_driver_sql(sql)]


def one(engine: Engine, sql: str):
    with engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar_one()


def test_sales_order_lines_follow_the_scale(engine: Engine) -> None:
    lines = one(engine, "SELECT COUNT(*) FROM sales_order_line")
    assert 0.85 * LINES_AT_SCALE_1 * SCALE <= lines <= LINES_AT_SCALE_1 * SCALE


def test_a_few_products_sell_most(engine: Engine) -> None:
    """Zipf popularity: the best seller is on many times more lines than the median product."""
    counts = values(
        engine,
        "SELECT COUNT(sol.sales_order_line_id) AS n FROM product AS p "
        "LEFT JOIN sales_order_line AS sol ON p.product_id = sol.product_id "
        "GROUP BY p.product_id ORDER BY n DESC",
    )
    assert counts[0] >= 10 * counts[len(counts) // 2]
    top_fifth = sum(counts[: len(counts) // 5])
    assert top_fifth >= 0.5 * sum(counts)  # uniform popularity would give 0.2


def test_weekends_are_quieter_than_weekdays(engine: Engine) -> None:
    per_weekday = dict(
        values(
            engine,
            "SELECT WEEKDAY(ordered_at) AS d, COUNT(*) FROM sales_order GROUP BY d",
        )
    )
    weekday = sum(per_weekday[d] for d in range(5)) / 5
    weekend = (per_weekday[5] + per_weekday[6]) / 2
    assert weekend < 0.7 * weekday


def test_december_sells_more_than_june(engine: Engine) -> None:
    per_month = dict(
        values(engine, "SELECT MONTH(ordered_at) AS m, COUNT(*) FROM sales_order GROUP BY m")
    )
    # Two Decembers and two Junes in the two-year history, 31 and 30 days each.
    assert per_month[12] / 31 > 1.25 * per_month[6] / 30


def test_returns_are_credited_before_and_after_payment(engine: Engine) -> None:
    """Most credits are deducted from invoices not yet paid; those on paid invoices are owed
    back, and all but the newest refunded."""
    settled = dict(
        values(
            engine,
            "SELECT settlement, COUNT(*) FROM credit_note_settlement GROUP BY settlement",
        )
    )
    assert settled.keys() <= {"deducted", "refund_due", "refunded"}  # no credit on a void invoice
    assert settled["deducted"] > settled["refunded"] > settled.get("refund_due", 0)


def test_lead_times_vary_and_some_deliveries_are_late(engine: Engine) -> None:
    received = values(
        engine,
        "SELECT DATEDIFF(expected_date, DATE(ordered_at)), "
        "DATE(received_at) > expected_date "
        "FROM purchase_order WHERE status = 'received'",
    )
    promised = {days for days, _ in received}
    late_share = sum(late for _, late in received) / len(received)
    assert len(promised) >= 5
    assert 0.02 <= late_share <= 0.4


def test_suppliers_offer_the_same_product_at_different_prices(engine: Engine) -> None:
    offers = values(
        engine,
        "SELECT COUNT(*), COUNT(DISTINCT unit_cost) FROM product_supplier "
        "GROUP BY product_id HAVING COUNT(*) > 1",
    )
    assert offers
    assert sum(prices == count for count, prices in offers) >= 0.8 * len(offers)


def test_names_and_addresses_come_from_the_locale(engine: Engine) -> None:
    pools = Pools.build(LOCALE, SEED)
    assert set(values(engine, "SELECT DISTINCT country_code FROM warehouse")) == {"DE"}
    countries = values(engine, "SELECT country_code FROM customer")
    assert countries.count("DE") >= 0.9 * len(countries)
    assert set(values(engine, "SELECT DISTINCT city FROM customer")) <= set(pools.cities)
    assert set(values(engine, "SELECT address_line FROM supplier")) <= set(pools.streets)
    first, last = set(pools.first_names), set(pools.last_names)
    names = values(engine, "SELECT name FROM customer")
    people = [n for n in names if n.split(" ")[0] in first and n.split(" ")[-1] in last]
    assert len(people) >= 0.5 * len(names)  # most customers are people, the rest firms


def test_invoices_are_due_in_30_days_as_shipping_dates_them_and_some_are_paid_late(
    engine: Engine,
) -> None:
    assert (
        one(
            engine,
            "SELECT COUNT(*) FROM invoice WHERE due_date <> DATE(issued_at) + INTERVAL 30 DAY",
        )
        == 0
    )
    paid = one(engine, "SELECT COUNT(*) FROM invoice WHERE status = 'paid'")
    late = one(engine, "SELECT COUNT(*) FROM invoice WHERE DATE(paid_at) > due_date")
    assert 0.05 * paid < late < 0.5 * paid


def test_open_purchase_orders_are_with_the_supplier_reordering_would_choose(
    engine: Engine,
) -> None:
    """Drafts and orders awaiting delivery buy each product where reorder_stock would (view
    reorder_supplier): never from an inactive supplier, whose drafts could not be sent and
    would not count as on order."""
    open_lines = (
        "FROM purchase_order AS po "
        "INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id "
        "LEFT JOIN reorder_supplier AS rs ON pol.product_id = rs.product_id "
        "WHERE po.status IN ('draft', 'sent', 'partially_received')"
    )
    assert one(engine, f"SELECT COUNT(*) {open_lines}") > 0
    assert (
        one(engine, f"SELECT COUNT(*) {open_lines} AND NOT rs.supplier_id <=> po.supplier_id") == 0
    )


def test_the_generator_chooses_each_products_supplier_as_reordering_does(engine: Engine) -> None:
    """For every product, ordering_offer picks the offer the view reorder_supplier ranks first
    (preferred, cheapest, shortest lead time, lowest id, among active suppliers), or none
    when no active supplier offers it; the seed has products of both kinds."""
    settings = Settings(SCALE, SEED, LOCALE)
    catalog = build_catalog(settings, Pools.build(LOCALE, SEED))
    offer = ordering_offer(catalog)
    chosen = {
        product + 1: int(catalog.offer_supplier[offer[product]]) + 1
        for product in range(catalog.products)
        if offer[product] >= 0
    }
    assert chosen == dict(values(engine, "SELECT product_id, supplier_id FROM reorder_supplier"))
    preferred_supplier = catalog.offer_supplier[catalog.preferred_offer] + 1
    assert any(chosen[p] != preferred_supplier[p - 1] for p in chosen)  # a fallback was taken
    assert len(chosen) < catalog.products  # a product no active supplier offers
