"""set_supplier_active (revision 0034) and `runner.py supplier stop|resume`: stopping a
supplier cancels the drafts automatic reordering wrote to it, so that stock is ordered once,
elsewhere, and not twice when the supplier comes back; a draft a person wrote and orders
already sent stay. It locks the drafts before the supplier, as sending a draft does."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_refused, call, lock_waits, order_lines, run_cli, scalar

ORDER_STATUS = "SELECT status FROM purchase_order WHERE purchase_order_id = %s"
ON_ORDER = "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s"


@pytest.fixture()
def shop(engine: Engine) -> SimpleNamespace:
    """A product out of stock (reorder point 5, target 20) in a warehouse of its own, offered
    by a preferred supplier and a dearer one, and a second product the preferred one sells."""
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        preferred, other = support.supplier(conn), support.supplier(conn)
        low, stocked = support.product(conn), support.product(conn)
        support.stock_level(conn, low, warehouse, 0, 5, 20)
        support.stock_level(conn, stocked, warehouse, 50, 5, 20)
        support.product_supplier(conn, low, preferred, unit_cost=5, is_preferred=True)
        support.product_supplier(conn, low, other, unit_cost=6)
        support.product_supplier(conn, stocked, preferred)
    return SimpleNamespace(
        warehouse=warehouse, preferred=preferred, other=other, low=low, stocked=stocked
    )


def auto_draft(engine: Engine, shop: SimpleNamespace, supplier: int) -> int:
    """The draft this reorder run wrote for the low product, from `supplier`."""
    [row] = [
        row
        for row in call(engine, "reorder_stock")
        if (row["product_id"], row["warehouse_id"]) == (shop.low, shop.warehouse)
    ]
    assert row["supplier_id"] == supplier
    return row["purchase_order_id"]


def on_order_is_only(engine: Engine, shop: SimpleNamespace, draft: int) -> bool:
    """Whether the low product's stock on order is exactly what `draft` orders of it."""
    ordered = scalar(
        engine,
        "SELECT ordered_qty FROM purchase_order_line WHERE purchase_order_id = %s "
        "AND product_id = %s",
        (draft, shop.low),
    )
    return scalar(engine, ON_ORDER, (shop.low, shop.warehouse)) == ordered


def test_stopping_a_supplier_cancels_its_auto_drafts_and_the_stock_is_ordered_once(
    engine: Engine, shop: SimpleNamespace
) -> None:
    cancelled = auto_draft(engine, shop, shop.preferred)
    manual_lines = order_lines((shop.stocked, 10))
    [manual] = call(engine, "create_purchase_order", shop.preferred, shop.warehouse, manual_lines)
    [sent] = call(engine, "create_purchase_order", shop.preferred, shop.warehouse, manual_lines)
    call(engine, "send_purchase_order", sent["purchase_order_id"])

    [stopped] = call(engine, "set_supplier_active", shop.preferred, 0)
    assert (stopped["was_active"], stopped["is_active"], stopped["auto_drafts_cancelled"]) == (
        1, 0, 1,
    )  # fmt: skip
    assert scalar(engine, ORDER_STATUS, (cancelled,)) == "cancelled"
    assert scalar(engine, ORDER_STATUS, (manual["purchase_order_id"],)) == "draft"
    assert scalar(engine, ORDER_STATUS, (sent["purchase_order_id"],)) == "sent"

    elsewhere = auto_draft(engine, shop, shop.other)
    [resumed] = call(engine, "set_supplier_active", shop.preferred, 1)
    assert (resumed["was_active"], resumed["is_active"], resumed["auto_drafts_cancelled"]) == (
        0, 1, 0,
    )  # fmt: skip
    assert on_order_is_only(engine, shop, elsewhere)
    support.assert_data_sound(engine)


@pytest.mark.parametrize("active", [0, 1])
def test_stopping_again_or_resuming_cancels_auto_drafts_left_by_a_stop_made_by_hand(
    engine: Engine, shop: SimpleNamespace, active: int
) -> None:
    """Stopped with an UPDATE, the supplier kept its auto drafts, and the next run ordered
    the stock elsewhere: resumed, those drafts would have put it on order twice."""
    draft = auto_draft(engine, shop, shop.preferred)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE supplier SET is_active = 0 WHERE supplier_id = %s", (shop.preferred,)
        )
    elsewhere = auto_draft(engine, shop, shop.other)
    [row] = call(engine, "set_supplier_active", shop.preferred, active)
    assert (row["was_active"], row["is_active"], row["auto_drafts_cancelled"]) == (0, active, 1)
    assert scalar(engine, ORDER_STATUS, (draft,)) == "cancelled"
    assert on_order_is_only(engine, shop, elsewhere)


def test_auto_drafts_are_cancelled_before_any_reorder_run_wrote_its_row(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """The reorder_run row, whose lock it takes first, is written by the migration (revision
    0041; before it, by the first run): without it, deleted here by hand, the lock's read
    finds nothing, which must not end the walk over the drafts."""
    with engine.begin() as conn:
        run = conn.exec_driver_sql("SELECT * FROM reorder_run").mappings().all()
        conn.exec_driver_sql("DELETE FROM reorder_run")
        draft = support.purchase_order(conn, shop.preferred, shop.warehouse)
        conn.exec_driver_sql(
            "UPDATE purchase_order SET is_auto_generated = 1 WHERE purchase_order_id = %s",
            (draft,),
        )
    try:
        [stopped] = call(engine, "set_supplier_active", shop.preferred, 0)
    finally:
        with engine.begin() as conn:
            for row in run:
                conn.exec_driver_sql(
                    f"INSERT INTO reorder_run ({', '.join(row)}) VALUES "
                    f"({', '.join(['%s'] * len(row))})",
                    tuple(row.values()),
                )
    assert stopped["auto_drafts_cancelled"] == 1
    assert scalar(engine, ORDER_STATUS, (draft,)) == "cancelled"


@pytest.mark.parametrize(
    ("supplier", "active", "message"),
    [
        (999_999_999, 0, "unknown supplier 999999999"),
        (None, 1, "unknown supplier NULL"),
        ("shop", None, "active must be 0 (stop buying) or 1 (buy again), got NULL"),
        ("shop", 2, "active must be 0 (stop buying) or 1 (buy again), got 2"),
        ("shop", 0.5, "active must be 0 (stop buying) or 1 (buy again), got 0.5"),
    ],
)
def test_bad_values_are_refused_by_name(
    engine: Engine, shop: SimpleNamespace, supplier: object, active: object, message: str
) -> None:
    auto_draft(engine, shop, shop.preferred)  # a draft an unknown supplier must not cancel
    supplier_id = shop.preferred if supplier == "shop" else supplier
    assert_refused(engine, "set_supplier_active", (supplier_id, active), message)


def test_the_drafts_are_locked_before_the_supplier_as_sending_locks_them(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """While a draft is being sent (its row locked, then its supplier's), stopping the
    supplier waits at the draft holding no supplier lock, so the sending goes through (with
    the supplier first, the two would deadlock); the draft, sent, is not cancelled."""
    draft = auto_draft(engine, shop, shop.preferred)
    results: list = []
    stopping = threading.Thread(
        target=lambda: results.append(call(engine, "set_supplier_active", shop.preferred, 0))
    )
    sender = engine.connect()
    try:
        sender.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 1")  # autobegins
        sender.exec_driver_sql(
            "SELECT status FROM purchase_order WHERE purchase_order_id = %s FOR UPDATE", (draft,)
        )
        stopping.start()
        assert lock_waits(engine) == 1
        sender.exec_driver_sql(
            "SELECT is_active FROM supplier WHERE supplier_id = %s LOCK IN SHARE MODE",
            (shop.preferred,),
        )
        sender.exec_driver_sql(
            "UPDATE purchase_order SET status = 'sent', ordered_at = UTC_TIMESTAMP(), "
            "expected_date = UTC_DATE() + INTERVAL 7 DAY WHERE purchase_order_id = %s",
            (draft,),
        )
        sender.commit()
    finally:
        sender.invalidate()  # its lock wait timeout must not go back to the pool
        sender.close()
        if stopping.is_alive():
            stopping.join()
    [[stopped]] = results
    assert (stopped["is_active"], stopped["auto_drafts_cancelled"]) == (0, 0)
    assert scalar(engine, ORDER_STATUS, (draft,)) == "sent"


@pytest.mark.usefixtures("runner_on_test_database")
def test_supplier_stop_and_resume_print_the_supplier_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine, shop: SimpleNamespace
) -> None:
    code, out, _ = run_cli(capsys, "supplier", "stop", shop.preferred)
    assert code == 0 and "supplier stopped" in out
    code, out, _ = run_cli(capsys, "supplier", "resume", shop.preferred)
    assert code == 0 and "supplier resumed" in out
    active = "SELECT is_active FROM supplier WHERE supplier_id = %s"
    assert scalar(engine, active, (shop.preferred,)) == 1
    code, _, err = run_cli(capsys, "supplier", "stop", 999_999_999)
    assert (code, err) == (1, "error: unknown supplier 999999999\n")
