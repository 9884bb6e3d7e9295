"""A draft purchase order that can never be sent (its supplier or warehouse made inactive, its
product discontinued) is not stock on order: it neither holds the stock position up nor keeps
reordering from buying elsewhere, and sending it is refused by name. Discontinuing a product
takes it off the drafts reordering wrote. And a line reordering grows on its draft grows by
the shortfall, not by the supplier's minimum order again."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    assert_data_sound,
    assert_refused,
    call,
    holding,
    order_lines,
    scalar,
    sessions_waiting,
)


@pytest.fixture()
def shop(engine: Engine) -> SimpleNamespace:
    """A warehouse, and a product at 0 on hand (reorder point 10, target 30) that two
    suppliers offer: `first` is the one reordering picks (cheaper), `second` the other."""
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        first, second = support.supplier(conn), support.supplier(conn)
        product = support.product(conn)
        support.stock_level(conn, product, warehouse, 0, 10, 30)
        support.product_supplier(conn, product, first, unit_cost=2)
        support.product_supplier(conn, product, second, unit_cost=3)
    return SimpleNamespace(warehouse=warehouse, first=first, second=second, product=product)


def on_order(engine: Engine, shop: SimpleNamespace) -> int:
    return scalar(
        engine,
        "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s",
        (shop.product, shop.warehouse),
    )


def drafted(engine: Engine, shop: SimpleNamespace) -> dict[int, int]:
    """What reorder_stock orders now of the shop's product: quantity by supplier."""
    return {
        row["supplier_id"]: row["added_qty"]
        for row in call(engine, "reorder_stock")
        if row["product_id"] == shop.product and row["warehouse_id"] == shop.warehouse
    }


def deactivate(engine: Engine, table: str, row_id: int) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {table} SET is_active = 0 WHERE {table}_id = %s", (row_id,))


def test_a_draft_of_a_supplier_made_inactive_is_not_on_order_and_reordering_buys_elsewhere(
    engine, shop
) -> None:
    assert drafted(engine, shop) == {shop.first: 30}
    assert on_order(engine, shop) == 30
    deactivate(engine, "supplier", shop.first)
    assert on_order(engine, shop) == 0
    assert drafted(engine, shop) == {shop.second: 30}
    assert on_order(engine, shop) == 30


def test_a_draft_into_a_warehouse_made_inactive_is_not_on_order_and_cannot_be_sent(
    engine, shop
) -> None:
    [line] = call(
        engine, "create_purchase_order", shop.first, shop.warehouse, order_lines((shop.product, 5))
    )
    assert on_order(engine, shop) == 5
    deactivate(engine, "warehouse", shop.warehouse)
    assert on_order(engine, shop) == 0
    order = line["purchase_order_id"]
    assert_refused(
        engine,
        "send_purchase_order",
        (order,),
        f"warehouse {shop.warehouse} of purchase order {order} is inactive",
    )


def test_discontinuing_takes_the_product_off_the_drafts_reordering_wrote(engine, shop) -> None:
    with engine.begin() as conn:
        other = support.product(conn)
        support.stock_level(conn, other, shop.warehouse, 0, 10, 30)
        support.product_supplier(conn, other, shop.first, unit_cost=2)
        support.product_supplier(conn, other, shop.second, unit_cost=3)
    by_product = {row["product_id"]: row for row in call(engine, "reorder_stock")}
    shared = by_product[shop.product]["purchase_order_id"]
    assert by_product[other]["purchase_order_id"] == shared
    [by_hand] = call(
        engine, "create_purchase_order", shop.second, shop.warehouse, order_lines((other, 4))
    )

    [result] = call(engine, "discontinue_product", other)

    assert result["draft_lines_removed"] == 1
    remaining = scalar(
        engine,
        "SELECT GROUP_CONCAT(product_id) FROM purchase_order_line WHERE purchase_order_id = %s",
        (shared,),
    )
    assert remaining == str(shop.product)
    hand_order = by_hand["purchase_order_id"]
    assert_refused(
        engine,
        "send_purchase_order",
        (hand_order,),
        f"product {other} on purchase order {hand_order} is discontinued",
    )


@pytest.mark.parametrize("reviewed", [False, True])
def test_a_draft_left_without_lines_by_discontinuing_is_cancelled(engine, shop, reviewed) -> None:
    """Cancelled, not deleted: a supplier review may refer to the draft (its foreign key
    refused the delete, and with it the whole discontinuing)."""
    [row] = [r for r in call(engine, "reorder_stock") if r["product_id"] == shop.product]
    draft = row["purchase_order_id"]
    if reviewed:
        with engine.begin() as conn:
            support.supplier_review(conn, shop.first, 4, purchase_order_id=draft)
    [result] = call(engine, "discontinue_product", shop.product)
    assert result["draft_lines_removed"] == 1
    status = "SELECT status FROM purchase_order WHERE purchase_order_id = %s"
    assert scalar(engine, status, (draft,)) == "cancelled"


def test_one_discontinued_line_stops_the_whole_draft_and_reordering_passes_it_by(
    engine, shop
) -> None:
    """A product discontinued by a plain UPDATE keeps its line on the auto draft it shares:
    that draft cannot be sent, so none of it is on order, and reordering does not add to it."""
    with engine.begin() as conn:
        other = support.product(conn)
        support.stock_level(conn, other, shop.warehouse, 0, 10, 30)
        support.product_supplier(conn, other, shop.first, unit_cost=2)
    stuck = {row["product_id"]: row for row in call(engine, "reorder_stock")}
    draft = stuck[shop.product]["purchase_order_id"]
    assert stuck[other]["purchase_order_id"] == draft
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (other,)
        )
    assert on_order(engine, shop) == 0

    assert drafted(engine, shop) == {shop.first: 30}
    assert drafted(engine, shop) == {}, "a second run finds the new draft on order"
    new_draft = scalar(
        engine,
        "SELECT MAX(purchase_order_id) FROM purchase_order_line WHERE product_id = %s",
        (shop.product,),
    )
    assert new_draft != draft and on_order(engine, shop) == 30
    lines_on_stuck = "SELECT COUNT(*) FROM purchase_order_line WHERE purchase_order_id = %s"
    assert scalar(engine, lines_on_stuck, (draft,)) == 2


def test_discontinuing_waits_for_a_reorder_run_in_progress(engine, shop) -> None:
    """A run locks products and then drafts; discontinuing locks a product and then drafts.
    So that the two never deadlock, discontinuing first takes its turn on reorder_run."""
    call(engine, "reorder_stock")  # the reorder_run row exists
    outcome: list[object] = []
    thread = threading.Thread(
        target=lambda: outcome.append(call(engine, "discontinue_product", shop.product))
    )
    hold_run = "SELECT run_count FROM reorder_run WHERE reorder_run_id = 1 FOR UPDATE"
    try:
        with holding(engine, (hold_run, ())):
            thread.start()
            assert sessions_waiting(engine, "SELECT run_count") == 1
            assert outcome == []
    finally:
        if thread.is_alive():
            thread.join()
    [[result]] = outcome
    assert result["is_discontinued"] == 1


@pytest.mark.parametrize(
    ("order_multiple", "grown_to"),
    [(1, 160), (12, 168)],  # first 100 (the minimum), then the shortfall of 60 in whole packs
)
def test_a_line_that_grows_adds_the_shortfall_not_the_minimum_order_again(
    engine, order_multiple, grown_to
) -> None:
    with engine.begin() as conn:
        warehouse, supplier, product = (
            support.warehouse(conn),
            support.supplier(conn),
            support.product(conn),
        )
        support.stock_level(conn, product, warehouse, 0, 20, 30)
        support.product_supplier(
            conn, product, supplier, min_order_qty=100, order_multiple=order_multiple
        )

    def ordered() -> int:
        [row] = [r for r in call(engine, "reorder_stock") if r["product_id"] == product]
        return row["ordered_qty"]

    assert ordered() == -(-100 // order_multiple) * order_multiple
    call(engine, "set_reorder_parameters", product, warehouse, 120, 40)  # target 160
    assert ordered() == grown_to


def test_the_data_stays_sound(engine) -> None:
    assert_data_sound(engine)
