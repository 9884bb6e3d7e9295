"""Low-stock alerts: one open alert while available stock is at or below the reorder point,
resolved when it recovers, whatever path changed the stock."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_data_sound, call, scalar


@pytest.fixture(scope="module")
def item(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        product = support.product(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=20, reorder_point_qty=10)
    return SimpleNamespace(product=product, warehouse=warehouse)


def alerts(engine: Engine, item: SimpleNamespace, status: str) -> int:
    return scalar(
        engine,
        "SELECT COUNT(*) FROM stock_alert WHERE product_id = %s AND warehouse_id = %s "
        "AND status = %s",
        (item.product, item.warehouse, status),
    )


def test_no_alert_while_stock_is_above_the_reorder_point(engine, item) -> None:
    assert alerts(engine, item, "open") == 0


def test_falling_to_the_reorder_point_opens_one_alert(engine, item) -> None:
    call(engine, "adjust_stock", item.product, item.warehouse, -10, "sold off the books")
    assert alerts(engine, item, "open") == 1


def test_falling_further_does_not_duplicate_the_alert(engine, item) -> None:
    call(engine, "adjust_stock", item.product, item.warehouse, -5, "breakage")
    call(engine, "record_stocktake", item.product, item.warehouse, 2, "count")
    assert alerts(engine, item, "open") == 1


def test_recovering_above_the_reorder_point_resolves_the_alert(engine, item) -> None:
    call(engine, "adjust_stock", item.product, item.warehouse, 30, "found a pallet")
    assert alerts(engine, item, "open") == 0
    assert alerts(engine, item, "resolved") == 1


def test_raising_the_reorder_point_directly_opens_a_new_alert(engine, item) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_level SET reorder_point_qty = 100, target_qty = 150 "
            "WHERE product_id = %s AND warehouse_id = %s",
            (item.product, item.warehouse),
        )
    assert alerts(engine, item, "open") == 1
    assert alerts(engine, item, "resolved") == 1


def test_a_new_stock_level_at_its_reorder_point_starts_with_an_alert(engine) -> None:
    with engine.begin() as conn:
        fresh = SimpleNamespace(product=support.product(conn), warehouse=support.warehouse(conn))
        support.stock_level(conn, fresh.product, fresh.warehouse, reorder_point_qty=5)
    assert alerts(engine, fresh, "open") == 1


def test_alert_state_always_matches_stock(engine, item) -> None:
    assert_data_sound(engine)
