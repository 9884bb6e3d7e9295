"""Demand-driven reorder parameters: the statistics of a small, known sales history are
computed again here in Python (day by day, the smoothing as a recursion) and must match what
the database recommends; applying writes them into stock_level. Every session of the module
runs at one pinned instant, so the procedures' UTC_DATE() is the day the history was written
around, even in a run that crosses midnight."""

from __future__ import annotations

import calendar
import math
import statistics
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from tests import support
from tests.support import assert_data_sound, assert_refused, call, scalar

HISTORY_DAYS = 10
# Units sold, by days ago; several entries on one day are separate sales of that day.
# Day 11 is outside a 10-day window and day 0 (today) is incomplete: neither counts.
SALES = {0: [50], 1: [5], 3: [3, 4], 5: [2], 8: [9], 10: [6], 11: [100]}
OPENING_STOCK = 500
LEAD_TIME_DAYS = 4
UNIT_COST = 2.5
ORDERING_COST = 50.0
HOLDING_RATE = 0.25
ALPHA = 0.3
TODAY = date(2026, 6, 15)
PINNED_INSTANT = calendar.timegm(datetime.combine(TODAY, time(12)).timetuple())


def sell(
    conn: Connection, product: int, warehouse: int, customer: int, at: datetime, qty: int
) -> None:
    """A shipped, invoiced one-line sales order and its sale movement, dated `at`."""
    order = support.insert(
        conn,
        "INSERT INTO sales_order (customer_id, warehouse_id, status, ordered_at, shipped_at) "
        "VALUES (%s, %s, 'shipped', %s, %s)",
        (customer, warehouse, at, at),
    )
    line = support.insert(
        conn,
        "INSERT INTO sales_order_line (sales_order_id, product_id, ordered_qty, shipped_qty, "
        "unit_price) VALUES (%s, %s, %s, %s, 10.00)",
        (order, product, qty, qty),
    )
    invoice = support.insert(
        conn,
        "INSERT INTO invoice (sales_order_id, total_amount, issued_at, due_date) "
        "VALUES (%s, %s, %s, %s)",
        (order, qty * 10, at, at.date() + timedelta(days=30)),
    )
    conn.exec_driver_sql(
        "INSERT INTO invoice_line (invoice_id, sales_order_line_id, invoiced_qty, unit_price, "
        "line_total) VALUES (%s, %s, %s, 10.00, %s)",
        (invoice, line, qty, qty * 10),
    )
    balance = conn.exec_driver_sql(
        "SELECT balance_after_qty FROM stock_movement WHERE product_id = %s "
        "AND warehouse_id = %s ORDER BY occurred_at DESC, stock_movement_id DESC LIMIT 1",
        (product, warehouse),
    ).scalar_one()
    conn.exec_driver_sql(
        "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
        "balance_after_qty, occurred_at, sales_order_line_id) "
        "VALUES (%s, %s, 'sale', %s, %s, %s, %s)",
        (product, warehouse, -qty, balance - qty, at, line),
    )


def stock_with_history(
    conn: Connection, product: int, warehouse: int, customer: int, today: date, sales: dict
) -> None:
    """Opening stock 60 days ago, then the sales oldest first; on hand agrees with the ledger."""
    sold = sum(sum(qtys) for qtys in sales.values())
    conn.exec_driver_sql(
        "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty, reorder_point_qty, "
        "target_qty) VALUES (%s, %s, %s, 7, 9)",
        (product, warehouse, OPENING_STOCK - sold),
    )
    conn.exec_driver_sql(
        "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
        "balance_after_qty, occurred_at, reason) VALUES (%s, %s, 'adjustment', %s, %s, %s, "
        "'opening stock')",
        (product, warehouse, OPENING_STOCK, OPENING_STOCK, today - timedelta(days=60)),
    )
    for days_ago in sorted(sales, reverse=True):
        for n, qty in enumerate(sales[days_ago]):
            at = datetime.combine(today - timedelta(days=days_ago), time(9 + n))
            sell(conn, product, warehouse, customer, at, qty)


@pytest.fixture(scope="module", autouse=True)
def pinned_clock(engine: Engine) -> None:
    """Each new session of the module's engine reads TODAY, noon UTC, as its clock."""

    def pin(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET SESSION timestamp = %s", (PINNED_INSTANT,))

    engine.dispose()  # no session opened before the pin is kept
    sa.event.listen(engine, "connect", pin)


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """`sold` has the known history and two offers (the preferred one: lead 4, cost 2.50);
    `quiet` sold nothing; `unsourced` sold but has no supplier to order from."""
    with engine.begin() as conn:
        warehouse, customer = support.warehouse(conn), support.customer(conn)
        preferred, cheaper = support.supplier(conn), support.supplier(conn)
        sold, quiet, unsourced = (support.product(conn) for _ in range(3))
        stock_with_history(conn, sold, warehouse, customer, TODAY, SALES)
        stock_with_history(conn, quiet, warehouse, customer, TODAY, {})
        stock_with_history(conn, unsourced, warehouse, customer, TODAY, {2: [4]})
        support.product_supplier(
            conn, sold, preferred, UNIT_COST, LEAD_TIME_DAYS, is_preferred=True
        )
        support.product_supplier(conn, sold, cheaper, 1.0, 1)
        support.product_supplier(conn, quiet, cheaper, 1.0, 1)
    return SimpleNamespace(warehouse=warehouse, sold=sold, quiet=quiet, unsourced=unsourced)


def daily_demand(days: int = HISTORY_DAYS) -> list[int]:
    """Units sold per whole day of the window, oldest first; no sales is zero demand."""
    return [sum(SALES.get(days_ago, [])) for days_ago in range(days, 0, -1)]


def smoothed(series: list[int], alpha: float) -> float:
    level = series[0]
    for demand in series[1:]:
        level = alpha * demand + (1 - alpha) * level
    return level


def expected(service_level: float = 0.95) -> dict[str, float]:
    series = daily_demand()
    average = statistics.fmean(series)
    sigma = statistics.pstdev(series)
    z = statistics.NormalDist().inv_cdf(service_level)
    reorder_point = average * LEAD_TIME_DAYS + z * sigma * math.sqrt(LEAD_TIME_DAYS)
    eoq = math.sqrt(2 * average * 365 * ORDERING_COST / (HOLDING_RATE * UNIT_COST))
    rop_qty = math.ceil(round(max(reorder_point, 0), 6))
    return {
        "avg_daily_demand": average,
        "stddev_daily_demand": sigma,
        "forecast_daily_demand": smoothed(series, ALPHA),
        "z_score": z,
        "exact_reorder_point": reorder_point,
        "economic_order_qty": eoq,
        "recommended_reorder_point_qty": rop_qty,
        "recommended_target_qty": rop_qty + math.ceil(round(eoq, 6)),
    }


def recommendation(engine: Engine, product: int, *args: object) -> dict:
    rows = call(engine, "recommend_reorder_parameters", *args)
    return next(row for row in rows if row["product_id"] == product)


def test_the_window_reads_only_whole_past_days_of_sales(engine, shop) -> None:
    row = recommendation(engine, shop.sold, 0.95, HISTORY_DAYS)
    assert row["sold_qty"] == sum(daily_demand())
    assert row["history_days"] == HISTORY_DAYS


@pytest.mark.parametrize("service_level", [0.5, 0.9, 0.95, 0.99])
def test_recommendations_match_the_formulas_computed_independently(
    engine, shop, service_level
) -> None:
    row = recommendation(engine, shop.sold, service_level, HISTORY_DAYS)
    wanted = expected(service_level)
    for column in (
        "avg_daily_demand",
        "stddev_daily_demand",
        "forecast_daily_demand",
        "z_score",
        "exact_reorder_point",
        "economic_order_qty",
    ):
        assert row[column] == pytest.approx(wanted[column], abs=1e-4), column
    assert row["recommended_reorder_point_qty"] == wanted["recommended_reorder_point_qty"]
    assert row["recommended_target_qty"] == wanted["recommended_target_qty"]


def test_lead_time_and_cost_come_from_the_supplier_reordering_would_use(engine, shop) -> None:
    row = recommendation(engine, shop.sold, 0.95, HISTORY_DAYS)
    assert row["lead_time_days"] == LEAD_TIME_DAYS
    assert float(row["unit_cost"]) == UNIT_COST


def test_a_higher_service_level_never_lowers_the_reorder_point(engine, shop) -> None:
    points = [
        recommendation(engine, shop.sold, level, HISTORY_DAYS)["recommended_reorder_point_qty"]
        for level in (0.5, 0.8, 0.95, 0.999)
    ]
    assert points == sorted(points)
    assert points[0] < points[-1]


def test_the_forecast_and_moving_average_follow_the_settings(engine, shop) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE inventory_setting SET smoothing_alpha = 0.8, moving_average_days = 3"
        )
    try:
        row = recommendation(engine, shop.sold, 0.95, HISTORY_DAYS)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE inventory_setting SET smoothing_alpha = %s, moving_average_days = 28",
                (ALPHA,),
            )
    assert row["forecast_daily_demand"] == pytest.approx(smoothed(daily_demand(), 0.8), abs=1e-4)
    assert row["moving_average_demand"] == pytest.approx(sum(daily_demand()[-3:]) / 3, abs=1e-4)


def test_null_parameters_take_the_defaults(engine, shop) -> None:
    row = recommendation(engine, shop.sold, None, None)
    assert row["service_level"] == pytest.approx(0.95)
    assert row["history_days"] == 90


def test_no_sales_or_no_supplier_means_no_recommendation(engine, shop) -> None:
    rows = {r["product_id"]: r for r in call(engine, "recommend_reorder_parameters", 0.95, 10)}
    assert rows[shop.quiet]["avg_daily_demand"] == 0
    assert rows[shop.quiet]["recommended_reorder_point_qty"] is None
    assert rows[shop.unsourced]["sold_qty"] == 4
    assert rows[shop.unsourced]["supplier_id"] is None
    assert rows[shop.unsourced]["recommended_reorder_point_qty"] is None


def test_recommending_writes_nothing(engine, shop) -> None:
    before = support.fingerprint(engine)
    call(engine, "recommend_reorder_parameters", 0.95, HISTORY_DAYS)
    assert support.fingerprint(engine) == before


def test_the_normal_quantile_matches_the_inverse_normal_cdf(engine) -> None:
    for p in (0.001, 0.01, 0.02425, 0.1, 0.5, 0.8, 0.95, 0.975, 0.99, 0.999, 0.999999):
        z = scalar(engine, "SELECT normal_quantile(%s)", (p,))
        assert z == pytest.approx(statistics.NormalDist().inv_cdf(p), rel=1e-8, abs=1e-9), p
    assert scalar(engine, "SELECT normal_quantile(1)") is None


@pytest.mark.parametrize(
    ("procedure", "args", "message"),
    [
        ("recommend_reorder_parameters", (0, 90), "strictly between 0 and 1, got 0"),
        ("recommend_reorder_parameters", (1, 90), "strictly between 0 and 1, got 1"),
        ("recommend_reorder_parameters", (-0.5, 90), "got -0.5"),
        ("recommend_reorder_parameters", (95, 90), "got 95"),
        (
            "recommend_reorder_parameters",
            (0.95, 0),
            "history days must be between 1 and 3660, got 0",
        ),
        ("recommend_reorder_parameters", (0.95, -7), "got -7"),
        ("apply_reorder_parameters", (1.5, 90), "strictly between 0 and 1, got 1.5"),
        ("apply_reorder_parameters", (0.95, 4000), "got 4000"),
        ("recommend_reorder_parameters", (0.95, 2.5), "history days must be a whole number"),
        ("apply_reorder_parameters", (0.95, 1e10), "history days must be between -2147483648"),
    ],
)
def test_bad_parameters_are_refused_with_their_value_named(
    engine, shop, procedure, args, message
) -> None:
    assert_refused(engine, procedure, args, message)


def reorder_parameters(engine: Engine, product: int, warehouse: int) -> tuple[int, int]:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT reorder_point_qty, target_qty FROM stock_level "
            "WHERE product_id = %s AND warehouse_id = %s",
            (product, warehouse),
        ).one()
    return tuple(row)


def test_applying_writes_the_recommendation_for_products_with_demand(engine, shop) -> None:
    wanted = expected(0.95)
    rows = call(engine, "apply_reorder_parameters", 0.95, HISTORY_DAYS)
    assert [(r["product_id"], r["reorder_point_qty"], r["target_qty"]) for r in rows] == [
        (shop.sold, wanted["recommended_reorder_point_qty"], wanted["recommended_target_qty"])
    ]
    assert (rows[0]["previous_reorder_point_qty"], rows[0]["previous_target_qty"]) == (7, 9)
    assert reorder_parameters(engine, shop.sold, shop.warehouse) == (
        wanted["recommended_reorder_point_qty"],
        wanted["recommended_target_qty"],
    )
    assert reorder_parameters(engine, shop.quiet, shop.warehouse) == (7, 9)
    assert reorder_parameters(engine, shop.unsourced, shop.warehouse) == (7, 9)


def test_demand_parameters_leave_the_data_sound(engine, shop) -> None:
    assert_data_sound(engine)
