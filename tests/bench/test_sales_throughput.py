"""The sales benchmark's machinery: its floor writes what a counter sale writes, its floors
refuse to oversell, and a short run of the four paths comes out sound. (The rates themselves
are for `make bench`.)"""

from __future__ import annotations

import re
from collections.abc import Callable

import pymysql
import pytest
from sqlalchemy.engine import URL, Connection, Engine

from bench import sales_throughput
from tests.support import assert_data_sound, fingerprint

SALE_ROWS = """
SELECT so.status, so.shipped_at IS NOT NULL AS is_shipped,
       sol.product_id, sol.ordered_qty, sol.shipped_qty, sol.unit_price,
       sm.movement_type, sm.change_qty, sm.balance_after_qty = sl.on_hand_qty AS balance_is_on_hand,
       i.status AS invoice_status, i.total_amount, i.due_date - DATE(i.issued_at) AS due_in_days,
       il.invoiced_qty, il.unit_price AS invoiced_price, il.line_total
FROM sales_order AS so
JOIN sales_order_line AS sol ON sol.sales_order_id = so.sales_order_id
JOIN stock_movement AS sm ON sm.sales_order_line_id = sol.sales_order_line_id
JOIN stock_level AS sl ON sl.product_id = sm.product_id AND sl.warehouse_id = sm.warehouse_id
JOIN invoice AS i ON i.sales_order_id = so.sales_order_id
JOIN invoice_line AS il ON il.invoice_id = i.invoice_id
WHERE so.sales_order_id = %s
"""


@pytest.fixture(scope="module")
def shop(engine: Engine) -> sales_throughput.Shop:
    sales_throughput.install_floors(engine)
    return sales_throughput.seed(engine)


def sell(engine: Engine, sale: sales_throughput.Sale, product_id: int) -> int:
    """One sale through the benchmark's own client code; the newest order's id (the one it
    wrote, on the paths that write an order)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.autocommit(True)
        cursor = raw.cursor()
        assert sale(cursor, product_id)
        cursor.execute("SELECT MAX(sales_order_id) FROM sales_order")
        return cursor.fetchone()[0]
    finally:
        raw.close()


def sale_rows(conn: Connection, sales_order_id: int) -> list[tuple]:
    return [tuple(row) for row in conn.exec_driver_sql(SALE_ROWS, (sales_order_id,))]


def test_the_floor_writes_the_same_rows_as_a_counter_sale(
    engine: Engine, shop: sales_throughput.Shop
) -> None:
    product_id = shop.product_ids[0]

    floor_order = sell(engine, sales_throughput.floor_sale(shop), product_id)
    counter_order = sell(engine, sales_throughput.counter_sale(shop), product_id)

    with engine.connect() as conn:
        floor, counter = sale_rows(conn, floor_order), sale_rows(conn, counter_order)
    assert len(counter) == 1
    assert floor == counter
    assert_data_sound(engine)


def test_the_stock_floor_writes_the_stock_level_and_its_ledger_row(
    engine: Engine, shop: sales_throughput.Shop
) -> None:
    product_id, warehouse_id = shop.product_ids[2], shop.stock_floor_warehouse_id
    before = fingerprint(engine)

    sell(engine, sales_throughput.stock_floor_sale(shop), product_id)

    after = fingerprint(engine)
    changed = {table for table in after if after[table] != before[table]}
    assert changed == {"stock_level", "stock_movement"}
    with engine.connect() as conn:
        on_hand, ledger = conn.exec_driver_sql(
            "SELECT sl.on_hand_qty, SUM(sm.change_qty) FROM stock_level AS sl "
            "JOIN stock_movement AS sm USING (product_id, warehouse_id) "
            "WHERE sl.product_id = %s AND sl.warehouse_id = %s GROUP BY sl.on_hand_qty",
            (product_id, warehouse_id),
        ).one()
    assert on_hand == ledger == sales_throughput.OPENING_QTY - 1
    assert_data_sound(engine)


@pytest.mark.parametrize(
    ("floor", "warehouse"),
    [
        (sales_throughput.stock_floor_sale, "stock_floor_warehouse_id"),
        (sales_throughput.floor_sale, "floor_warehouse_id"),
    ],
    ids=["stock floor", "floor"],
)
def test_the_floors_refuse_to_oversell(
    engine: Engine,
    shop: sales_throughput.Shop,
    floor: Callable[[sales_throughput.Shop], sales_throughput.Sale],
    warehouse: str,
) -> None:
    product_id = shop.product_ids[1]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_level SET reserved_qty = on_hand_qty "
            "WHERE product_id = %s AND warehouse_id = %s",
            (product_id, getattr(shop, warehouse)),
        )

    before = fingerprint(engine)

    with pytest.raises(pymysql.err.OperationalError, match="out of stock"):
        sell(engine, floor(shop), product_id)
    assert fingerprint(engine) == before


def test_a_short_run_measures_four_sound_paths(server_url: URL) -> None:
    report = sales_throughput.run(server_url, seconds=0.3)

    assert "Checks: no oversell, no lost update" in report
    for path in ("bare conditional", "stock_sale_floor", "counter_sale_floor", "sell_at_counter"):
        assert path in report
    assert "in 5 rounds (the paths take turns)" in report
    assert re.search(r"round by round \d+% to \d+%", report)
    table = [line.split("|")[1:-1] for line in report.splitlines() if line.startswith("| ")]
    heading, rows = [cell.strip() for cell in table[0]], table[1:]
    sales = [int(cells[heading.index("sales")].replace(",", "")) for cells in rows]
    assert len(sales) == 4 and min(sales) > 0, "the checks prove nothing of a path that sold none"


def test_a_path_over_its_rounds_adds_sales_time_and_cpu_up() -> None:
    first = sales_throughput.Tally(sales=10, refused=1, retries=2, seconds=2.0,
                                   server_cpu=0.5, client_cpu=0.25)  # fmt: skip
    second = sales_throughput.Tally(sales=30, seconds=2.0, server_cpu=1.5, client_cpu=0.75)

    total = sales_throughput.over_rounds([first, second])

    assert (total.sales, total.refused, total.retries) == (40, 1, 2)
    assert (total.seconds, total.server_cpu, total.client_cpu) == (4.0, 2.0, 1.0)
    assert total.rate == 10.0
    # A round whose server CPU was not measured leaves the whole path unmeasured.
    unmeasured = sales_throughput.Tally(sales=5, seconds=1.0)
    assert sales_throughput.over_rounds([first, unmeasured]).server_cpu is None
