"""supplier_performance: on-time deliveries, promised against actual lead time, the average
unit cost paid and the review score, per supplier, checked against hand-built orders."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support

# Purchase orders per supplier: status, ordered_at, expected_date, received_at, and lines as
# (ordered qty, received qty, unit cost).
# fmt: off
ORDERS = {
    "reliable": [
        # early, late by a day across midnight, on the expected day itself
        ("received", datetime(2026, 1, 1, 10), date(2026, 1, 9), datetime(2026, 1, 7, 15),
         [(10, 10, "4.00"), (5, 5, "12.50")]),
        ("received", datetime(2026, 2, 1, 23), date(2026, 2, 5), datetime(2026, 2, 6, 1),
         [(20, 20, "3.00")]),
        ("received", datetime(2026, 3, 1, 8), date(2026, 3, 11), datetime(2026, 3, 11, 23, 59),
         [(7, 7, "4.10")]),
        # not received in full: its units count towards the cost, the order not towards timing
        ("partially_received", datetime(2026, 4, 1), date(2026, 4, 3), None,
         [(10, 4, "5.00"), (3, 0, "9.99")]),
        ("sent", datetime(2026, 4, 2), date(2026, 4, 9), None, [(8, 0, "2.00")]),
    ],
    "vague": [
        # received, but never promised a date
        ("received", datetime(2026, 1, 5), None, datetime(2026, 1, 20), [(3, 3, "7.77")]),
        ("cancelled", None, None, None, [(9, 0, "1.00")]),
    ],
    "new": [],
}
# fmt: on
RATINGS = {"reliable": [4, 5, 2], "vague": [], "new": [3]}


def rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def average(values: list) -> Decimal | None:
    return Decimal(sum(values)) / len(values) if values else None


def expected_performance(name: str) -> dict:
    received = [o for o in ORDERS[name] if o[0] == "received"]
    promised = [o for o in received if o[2] is not None]
    on_time = [o for o in promised if o[3].date() <= o[2]]
    promised_days = average([(o[2] - o[1].date()).days for o in promised])
    actual_days = average([(o[3].date() - o[1].date()).days for o in promised])
    lines = [line for order in ORDERS[name] for line in order[4] if line[1] > 0]
    units = sum(line[1] for line in lines)
    paid = sum(line[1] * Decimal(line[2]) for line in lines)
    ratings = RATINGS[name]
    return {
        "received_order_count": len(received),
        "on_time_order_count": len(on_time),
        "on_time_rate": rounded(Decimal(len(on_time)) / len(promised), 4) if promised else None,
        "avg_promised_lead_days": None if promised_days is None else rounded(promised_days, 2),
        "avg_actual_lead_days": None if actual_days is None else rounded(actual_days, 2),
        "received_unit_count": units,
        "avg_unit_cost": rounded(paid / units, 2) if units else None,
        "avg_rating": rounded(average(ratings), 2) if ratings else None,
        "review_count": len(ratings),
    }


@pytest.fixture(scope="module")
def suppliers(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        products = [support.product(conn) for _ in range(2)]
        ids = {}
        for name, orders in ORDERS.items():
            ids[name] = supplier = support.supplier(conn)
            for status, ordered_at, expected, received_at, lines in orders:
                order = support.purchase_order(
                    conn, supplier, warehouse, status, ordered_at, expected, received_at
                )
                for product, (ordered, received, cost) in zip(products, lines, strict=False):
                    support.purchase_order_line(conn, order, product, ordered, cost, received)
            for rating in RATINGS[name]:
                support.supplier_review(conn, supplier, rating)
    return SimpleNamespace(ids=ids)


def performance(engine: Engine) -> dict[int, dict]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM supplier_performance").mappings().all()
    return {row["supplier_id"]: dict(row) for row in rows}


@pytest.mark.parametrize("name", sorted(ORDERS))
def test_each_supplier_is_scored_from_its_orders_and_reviews(engine, suppliers, name) -> None:
    row = performance(engine)[suppliers.ids[name]]
    expected = expected_performance(name)
    assert {column: row[column] for column in expected} == expected


def test_on_time_means_received_by_the_expected_date_whatever_the_hour(engine, suppliers) -> None:
    row = performance(engine)[suppliers.ids["reliable"]]
    assert (row["received_order_count"], row["on_time_order_count"]) == (3, 2)
    assert row["avg_actual_lead_days"] == Decimal("7.00")  # (6 + 5 + 10) / 3


def test_every_supplier_has_a_row_even_without_orders(engine, suppliers) -> None:
    assert set(suppliers.ids.values()) <= set(performance(engine))
