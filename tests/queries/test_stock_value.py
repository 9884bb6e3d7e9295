"""stock_value and stock_value_over_time: stock valued at product_unit_cost, by category and
warehouse now and at each month end from the ledger, checked on a hand-built ledger."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.engine import Connection, Engine

from sims import queries
from tests import support

# Unit cost (each product's only offer), then per warehouse the ledger as (when, change).
# fmt: off
PRODUCTS = {
    ("Tools", "hammer"): ("4.00", {
        "north": [(datetime(2026, 1, 15), 10), (datetime(2026, 2, 3), -4)],
        "south": [(datetime(2026, 2, 10), 5)],
    }),
    ("Tools", "saw"): ("10.00", {"north": [(datetime(2026, 1, 20), 3)]}),
    ("Paint", "primer"): ("2.50", {
        "south": [(datetime(2026, 1, 5), 20), (datetime(2026, 3, 1, 23, 59), -8)],
    }),
}
# fmt: on


def ledger(conn: Connection, product_id: int, warehouse_id: int, changes: list) -> None:
    """A stock level and the adjustments that brought it to its on-hand quantity."""
    balance = 0
    support.stock_level(conn, product_id, warehouse_id)
    for occurred_at, change in changes:
        balance += change
        conn.exec_driver_sql(
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, occurred_at, reason) "
            "VALUES (%s, %s, 'adjustment', %s, %s, %s, 'count')",
            (product_id, warehouse_id, change, balance, occurred_at),
        )
    conn.exec_driver_sql(
        "UPDATE stock_level SET on_hand_qty = %s WHERE product_id = %s AND warehouse_id = %s",
        (balance, product_id, warehouse_id),
    )


@pytest.fixture(scope="module")
def warehouse_codes(engine: Engine) -> dict[str, str]:
    with engine.begin() as conn:
        warehouses = {name: support.warehouse(conn) for name in ("north", "south")}
        supplier = support.supplier(conn)
        categories = {name: support.category(conn, name) for name in ("Tools", "Paint")}
        for (category, _), (unit_cost, stock) in PRODUCTS.items():
            product_id = support.product(conn, categories[category])
            support.product_supplier(conn, product_id, supplier, unit_cost=unit_cost)
            for warehouse, changes in stock.items():
                ledger(conn, product_id, warehouses[warehouse], changes)
        return {
            name: conn.exec_driver_sql(
                "SELECT code FROM warehouse WHERE warehouse_id = %s", (warehouse_id,)
            ).scalar_one()
            for name, warehouse_id in warehouses.items()
        }


def rows(engine: Engine, name: str) -> list[tuple]:
    return [tuple(row.values()) for row in queries.run(engine, queries.find(name))]


def test_stock_value_values_each_unit_on_hand_with_subtotals(
    engine: Engine, warehouse_codes: dict[str, str]
) -> None:
    north, south = warehouse_codes["north"], warehouse_codes["south"]
    assert sorted(rows(engine, "stock_value"), key=str) == sorted(
        [
            ("Paint", south, 12, Decimal("30.00")),  # 12 primer at 2.50
            ("Paint", "all", 12, Decimal("30.00")),
            ("Tools", north, 9, Decimal("54.00")),  # 6 hammers at 4.00, 3 saws at 10.00
            ("Tools", south, 5, Decimal("20.00")),
            ("Tools", "all", 14, Decimal("74.00")),
            ("all", "all", 26, Decimal("104.00")),
        ],
        key=str,
    )


def test_stock_value_over_time_is_the_running_value_of_the_ledger_at_each_month_end(
    engine: Engine, warehouse_codes: dict[str, str]
) -> None:
    assert rows(engine, "stock_value_over_time") == [
        (date(2026, 1, 1), 33, Decimal("120.00")),  # +10 hammers, +3 saws, +20 primer
        (date(2026, 2, 1), 34, Decimal("124.00")),  # -4 and +5 hammers
        (date(2026, 3, 1), 26, Decimal("104.00")),  # -8 primer: the value on hand now
    ]
