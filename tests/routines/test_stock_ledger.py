"""Adjustments, stocktakes and transfers change on-hand stock only through the ledger."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_data_sound, assert_refused, call, scalar

LONG_REASON = "r" * 256
TOO_LONG = "reason is longer than 255 characters: rrrr"


@pytest.fixture(scope="module")
def stock(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        north, south = support.warehouse(conn), support.warehouse(conn)
        closed = support.warehouse(conn)
        product = support.product(conn)
        support.stock_level(conn, product, north, on_hand_qty=50)
        support.stock_level(conn, product, south, on_hand_qty=5)
        support.stock_level(conn, product, closed, on_hand_qty=4)
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (closed,)
        )
    return SimpleNamespace(product=product, north=north, south=south, closed=closed)


def on_hand(engine: Engine, product: int, warehouse: int) -> int:
    return scalar(
        engine,
        "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
        (product, warehouse),
    )


def movements(engine: Engine, product: int) -> int:
    return scalar(engine, "SELECT COUNT(*) FROM stock_movement WHERE product_id = %s", (product,))


def test_adjustment_changes_on_hand_and_writes_one_ledger_row(engine, stock) -> None:
    before = movements(engine, stock.product)
    rows = call(engine, "adjust_stock", stock.product, stock.north, -3, "damaged in transit")
    assert rows == [{"on_hand_qty": 47, "reserved_qty": 0, "available_qty": 47}]
    assert movements(engine, stock.product) == before + 1
    assert (
        scalar(
            engine,
            "SELECT reason FROM stock_movement WHERE product_id = %s "
            "ORDER BY stock_movement_id DESC LIMIT 1",
            (stock.product,),
        )
        == "damaged in transit"
    )


def test_stocktake_sets_on_hand_to_the_count(engine, stock) -> None:
    call(engine, "record_stocktake", stock.product, stock.north, 40, "year-end count")
    assert on_hand(engine, stock.product, stock.north) == 40
    assert scalar(
        engine,
        "SELECT last_counted_at IS NOT NULL FROM stock_level "
        "WHERE product_id = %s AND warehouse_id = %s",
        (stock.product, stock.north),
    )


def test_stocktake_matching_the_books_writes_no_movement(engine, stock) -> None:
    before = movements(engine, stock.product)
    call(engine, "record_stocktake", stock.product, stock.north, 40, None)
    assert movements(engine, stock.product) == before


def test_a_count_below_what_open_orders_reserved_is_refused_naming_both(engine, stock) -> None:
    with engine.begin() as conn:
        product, customer = support.product(conn), support.customer(conn)
        support.stock_level(conn, product, stock.north, on_hand_qty=98)
    lines = support.order_lines((product, 50))
    call(engine, "place_sales_order", customer, stock.north, lines)
    assert_refused(
        engine,
        "record_stocktake",
        (product, stock.north, 40, "count"),
        "counted quantity 40 is below the 50 reserved for open orders: cancel orders for 10 "
        "units first",
    )
    call(engine, "record_stocktake", product, stock.north, 50, "count")  # all of it reserved
    assert on_hand(engine, product, stock.north) == 50


def test_a_reason_is_kept_trimmed_and_a_blank_one_as_none(engine, stock) -> None:
    call(engine, "transfer_stock", stock.product, stock.north, stock.south, 1, "  rebalance  ")
    call(engine, "transfer_stock", stock.product, stock.south, stock.north, 1, "   ")
    with engine.connect() as conn:
        reasons = (
            conn.exec_driver_sql(
                "SELECT reason FROM stock_movement WHERE product_id = %s "
                "ORDER BY stock_movement_id DESC LIMIT 4",
                (stock.product,),
            )
            .scalars()
            .all()
        )
    assert reasons == [None, None, "rebalance", "rebalance"]


@pytest.mark.parametrize(
    ("procedure", "quantities"),
    [("adjust_stock", (1,)), ("record_stocktake", (7,)), ("transfer_stock", ("south", 1))],
)
def test_a_reason_of_full_length_is_stored_as_measured_without_its_tabs_and_line_breaks(
    engine, stock, procedure, quantities
) -> None:
    with engine.begin() as conn:  # a product of its own: the module's keeps its stock
        product = support.product(conn)
        support.stock_level(conn, product, stock.north, on_hand_qty=5)
        support.stock_level(conn, product, stock.south, on_hand_qty=5)
    args = [getattr(stock, q) if isinstance(q, str) else q for q in quantities]
    full = "f" * 255  # the column's length, a tab before and a line break after (revision 0043)
    ledger = "SELECT stock_movement_id, reason FROM stock_movement WHERE product_id = %s"
    with engine.connect() as conn:
        opening = dict(conn.exec_driver_sql(ledger, (product,)).all())
    call(engine, procedure, product, stock.north, *args, f"\t{full}\n")
    with engine.connect() as conn:
        written = dict(conn.exec_driver_sql(ledger, (product,)).all())
    assert {reason for movement, reason in written.items() if movement not in opening} == {full}


def test_transfer_moves_stock_with_a_movement_at_each_end(engine, stock) -> None:
    before = movements(engine, stock.product)
    call(engine, "transfer_stock", stock.product, stock.north, stock.south, 10, "rebalance")
    assert on_hand(engine, stock.product, stock.north) == 30
    assert on_hand(engine, stock.product, stock.south) == 15
    assert movements(engine, stock.product) == before + 2


@pytest.mark.parametrize(
    ("procedure", "args", "message"),
    [
        ("adjust_stock", ("{product}", "{north}", 0, "x"), "must be non-zero, got 0"),
        ("adjust_stock", ("{product}", "{north}", None, "x"), "must be non-zero, got NULL"),
        ("adjust_stock", ("{product}", "{north}", 5, "  "), "needs a reason"),
        ("adjust_stock", ("{product}", "{north}", 5, "\n\t"), "needs a reason"),
        ("adjust_stock", ("{product}", "{north}", -1000, "x"), "insufficient stock of product"),
        (
            "adjust_stock",
            ("{product}", "{north}", 2147483647, "x"),
            "on hand of product {product} in warehouse {north} would exceed 2147483647",
        ),
        ("adjust_stock", (987654321, "{north}", 1, "x"), "product 987654321 is not stocked"),
        ("adjust_stock", ("{product}", 987654321, 1, "x"), "in warehouse 987654321"),
        # a quantity is a whole number an INT holds (an INT parameter rounded 2.5 to 3 unseen)
        ("adjust_stock", ("{product}", "{north}", 0.4, "x"), "must be a whole number, got 0.4"),
        (
            "adjust_stock",
            ("{product}", "{north}", -3000000000, "x"),
            "adjustment quantity must be between -2147483648 and 2147483647, got -3000000000",
        ),
        (
            "adjust_stock",
            ("{product}", "{north}", 1000000000000000, "x"),
            "must be between -2147483648 and 2147483647, got 1000000000000000",  # not 1e15
        ),
        (
            "adjust_stock",
            ("{product}", "{north}", 1e300, "x"),
            "must be between -2147483648 and 2147483647, got 1e300",  # past DECIMAL's digits
        ),
        (
            "adjust_stock",
            ("{product}", "{north}", -1e63, "x"),
            "adjustment quantity must be between -2147483648 and 2147483647, got -1e63",  # 128
        ),
        (
            "adjust_stock",
            ("{product}", "{north}", 99999999999999999999.0, "x"),
            "must be between -2147483648 and 2147483647, got 1e20",  # the first not in digits
        ),
        # the INT minimum is whole and in range: refused only for want of stock
        ("adjust_stock", ("{product}", "{north}", -2147483648, "x"), "insufficient stock"),
        ("record_stocktake", ("{product}", "{north}", 2.5, "x"), "whole number, got 2.5"),
        ("transfer_stock", ("{product}", "{north}", "{south}", 1.5, "x"), "number, got 1.5"),
        ("record_stocktake", ("{product}", "{north}", -1, "x"), "0 or more, got -1"),
        ("record_stocktake", (987654321, "{north}", 3, "x"), "product 987654321 is not stocked"),
        ("transfer_stock", ("{product}", "{north}", "{south}", 0, "x"), "positive, got 0"),
        ("transfer_stock", ("{product}", "{north}", "{north}", 1, "x"), "within warehouse"),
        ("transfer_stock", ("{product}", "{south}", "{north}", 999, "x"), "insufficient stock"),
        (
            "transfer_stock",
            ("{product}", "{north}", 987654321, 1, "x"),
            "product {product} is not stocked in warehouse 987654321",
        ),
        # A NULL id is named too (a NULL in the message would make SIGNAL itself fail).
        ("adjust_stock", (None, "{north}", 1, "x"), "product NULL is not stocked in warehouse"),
        ("adjust_stock", ("{product}", None, 1, "x"), "is not stocked in warehouse NULL"),
        ("record_stocktake", ("{product}", None, 3, "x"), "is not stocked in warehouse NULL"),
        ("transfer_stock", (None, "{north}", "{south}", 1, "x"), "product NULL is not stocked"),
        (
            "transfer_stock",
            ("{product}", "{north}", None, 1, "x"),
            "a transfer needs both warehouses, got from {north} to NULL",
        ),
        (
            "transfer_stock",
            ("{product}", "{north}", "{closed}", 1, "x"),
            "warehouse {closed} is inactive: it cannot receive a transfer",
        ),
        # a reason of any length is measured (a VARCHAR(255) parameter refused it raw, 1406)
        ("adjust_stock", ("{product}", "{north}", 5, LONG_REASON), TOO_LONG),
        ("record_stocktake", ("{product}", "{north}", 3, LONG_REASON), TOO_LONG),
        ("transfer_stock", ("{product}", "{north}", "{south}", 1, LONG_REASON), TOO_LONG),
    ],
)
def test_bad_input_is_refused_with_its_value_named(engine, stock, procedure, args, message):
    values = vars(stock)
    bound = [values[a[1:-1]] if isinstance(a, str) and a.startswith("{") else a for a in args]
    assert_refused(engine, procedure, bound, message.format(**values))


def test_stock_may_leave_an_inactive_warehouse(engine, stock) -> None:
    call(engine, "transfer_stock", stock.product, stock.closed, stock.south, 4, "closing down")
    assert on_hand(engine, stock.product, stock.closed) == 0


def test_the_ledger_still_sums_to_on_hand(engine, stock) -> None:
    assert_data_sound(engine)
