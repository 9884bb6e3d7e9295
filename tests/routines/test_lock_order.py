"""Procedures that touch the same rows lock them in one order, so they wait for each other
instead of deadlocking: each test holds the locks one side takes (in an open transaction)
and shows that the other side's next step does not wait for them (a lock wait timeout of
1 s would fail it), or waits where it should. Single-server behaviour: on a Galera cluster a
row lock on one node holds up no other node."""

from __future__ import annotations

import contextlib
import threading
from types import SimpleNamespace

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    call,
    call_while_held,
    first_attempt_started,
    first_attempts_in_a_queue,
    holding,
    lock_waits,
    order_lines,
    sessions_waiting,
    without_waiting,
)

# Changes nothing and X-locks one stock level, as any stock change does first.
LOCK_STOCK_LEVEL = (
    "UPDATE stock_level SET reserved_qty = reserved_qty WHERE product_id = %s AND warehouse_id = %s"
)


@pytest.fixture()
def place(engine: Engine) -> SimpleNamespace:
    """A warehouse of its own and a customer."""
    with engine.begin() as conn:
        return SimpleNamespace(warehouse=support.warehouse(conn), customer=support.customer(conn))


def test_a_new_alert_does_not_lock_the_alerts_of_the_next_product(engine, place) -> None:
    """The next product in the alert index has a resolved and an open alert: while one
    transaction lowers this product into a new alert, stock of the next can recover."""
    with engine.begin() as conn:
        lowered, recovering = support.product(conn), support.product(conn)
        support.stock_level(conn, lowered, place.warehouse, 10, 5, 20)
        support.stock_level(conn, recovering, place.warehouse, 0, 5, 20)  # alert 1 opens
    level = "UPDATE stock_level SET on_hand_qty = %s WHERE product_id = %s AND warehouse_id = %s"
    for on_hand in (10, 2):  # alert 1 resolves, alert 2 opens
        with engine.begin() as conn:
            conn.exec_driver_sql(level, (on_hand, recovering, place.warehouse))
    with holding(engine, (level, (1, lowered, place.warehouse))):  # a new alert of `lowered`
        without_waiting(engine, level, (10, recovering, place.warehouse))  # resolves alert 2


def test_discontinuing_leaves_an_order_being_received_alone(engine, place) -> None:
    """A receipt locks its (sent) purchase order, then its lines: discontinuing a product on
    that order touches neither the order nor its line, so it does not wait for the receipt
    (it had locked every line of the product and scanned every purchase order)."""
    with engine.begin() as conn:
        supplier, product = support.supplier(conn), support.product(conn)
        support.stock_level(conn, product, place.warehouse, 100, 0, 0)
        support.product_supplier(conn, product, supplier)
    [line] = call(
        engine, "create_purchase_order", supplier, place.warehouse, order_lines((product, 5))
    )
    order = line["purchase_order_id"]
    call(engine, "send_purchase_order", order)
    receipt = (
        "SELECT status FROM purchase_order WHERE purchase_order_id = %s FOR UPDATE",
        (order,),
    )
    with holding(engine, receipt):
        without_waiting(engine, "CALL discontinue_product(%s)", (product,), commit=True)


def test_deleting_a_product_waits_at_the_product_not_at_its_stock(engine, place) -> None:
    """A sale takes the product (shared) and then its stock: a delete_product that comes in
    between waits at the product, holding no stock lock, so the sale's stock update goes
    through (in the other order the two deadlocked)."""
    with engine.begin() as conn:
        product = support.product(conn)
        support.stock_level(conn, product, place.warehouse, 0, 0, 0)
    share_product = ("SELECT sku FROM product WHERE product_id = %s LOCK IN SHARE MODE", (product,))
    outcome: list[object] = []
    with holding(engine, share_product):
        deleter = threading.Thread(
            target=lambda: outcome.append(call(engine, "delete_product", product))
        )
        deleter.start()
        assert sessions_waiting(engine, "SELECT sku") == 1
        without_waiting(engine, LOCK_STOCK_LEVEL, (product, place.warehouse))
        assert outcome == []
    deleter.join()
    [[deleted]] = outcome
    assert deleted["product_id"] == product


def test_recommending_reorder_parameters_holds_up_no_stock_change(engine, place) -> None:
    """The recommendation reads every stock level and the sales ledger; until its caller
    commits, a stock change and its ledger row still go through."""
    with engine.begin() as conn:
        product = support.product(conn)
        support.stock_level(conn, product, place.warehouse, 10, 2, 5)
    recommender = engine.raw_connection()
    try:
        cursor = recommender.cursor()
        cursor.execute("CALL recommend_reorder_parameters(0.95, 30)")
        while cursor.nextset():
            pass
        without_waiting(engine, "CALL adjust_stock(%s, %s, 1, 'found')", (product, place.warehouse))
    finally:
        recommender.invalidate()  # never committed: whatever it held goes with it


def document_in(engine: Engine, place: SimpleNamespace, kind: str) -> tuple[str, int]:
    """An open sales order or a draft purchase order for one product of the place's
    warehouse, and the procedure that ships or sends it."""
    with engine.begin() as conn:
        product, supplier = support.product(conn), support.supplier(conn)
        support.stock_level(conn, product, place.warehouse, 10, 0, 0)
        support.product_supplier(conn, product, supplier)
    lines = order_lines((product, 1))
    if kind == "sales order":
        [placed] = call(engine, "place_sales_order", place.customer, place.warehouse, lines)
        return "ship_sales_order", placed["sales_order_id"]
    [line] = call(engine, "create_purchase_order", supplier, place.warehouse, lines)
    return "send_purchase_order", line["purchase_order_id"]


@pytest.mark.parametrize("kind", ["sales order", "purchase order"])
def test_shipping_or_sending_waits_for_its_warehouse_being_closed(engine, place, kind) -> None:
    """Shipping and sending read their warehouse under a shared lock: while another
    transaction is making it inactive they wait (a plain read would go ahead on the old
    value), and once that is undone they go through."""
    procedure, document = document_in(engine, place, kind)
    closing = ("UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (place.warehouse,))
    waited = pytest.raises(pymysql.err.OperationalError, match="Lock wait timeout")
    with holding(engine, closing), waited:
        without_waiting(engine, f"CALL {procedure}(%s)", (document,), commit=True)
    call(engine, procedure, document)


def test_a_draft_purchase_order_takes_no_lock_on_stock_levels(engine, place) -> None:
    """Its stock-level check is a plain read: a receipt of an order for the same products
    locks that order's lines and then their stock, and a draft holding the stock levels
    until its own line insert would deadlock with it."""
    with engine.begin() as conn:
        supplier, product = support.supplier(conn), support.product(conn)
        support.stock_level(conn, product, place.warehouse, 0, 0, 0)
        support.product_supplier(conn, product, supplier)
    stock_held = (LOCK_STOCK_LEVEL, (product, place.warehouse))
    with holding(engine, stock_held):
        without_waiting(
            engine,
            "CALL create_purchase_order(%s, %s, %s)",
            (supplier, place.warehouse, order_lines((product, 5))),
        )


def test_no_line_is_lost_to_an_offer_withdrawn_while_the_draft_is_written(engine, place) -> None:
    """create_purchase_order holds the offers it checked until its draft is written, so an
    offer withdrawn meanwhile cannot leave its line out. Called as the mysql client calls it
    (autocommit), its checks had held nothing: held up at a later check, it let the offer
    go and wrote the draft one line short."""
    with engine.begin() as conn:
        supplier = support.supplier(conn)
        kept, withdrawn = support.product(conn), support.product(conn)
        for product in (kept, withdrawn):
            support.stock_level(conn, product, place.warehouse, 0, 0, 0)
            support.product_supplier(conn, product, supplier)
    lines = order_lines((kept, 5), (withdrawn, 5))
    stock_held = (LOCK_STOCK_LEVEL, (withdrawn, place.warehouse))
    drafted: list[list[dict]] = []

    def create() -> None:
        connection = engine.raw_connection()
        try:
            connection.autocommit(True)
            with connection.cursor(pymysql.cursors.DictCursor) as cursor:
                cursor.execute(
                    "CALL create_purchase_order(%s, %s, %s)", (supplier, place.warehouse, lines)
                )
                drafted.append(cursor.fetchall())
        finally:
            connection.invalidate()  # its autocommit must not go back to the pool

    creator = threading.Thread(target=create)
    with holding(engine, stock_held):
        creator.start()
        while creator.is_alive() and support.lock_waits(engine, count=0) == 0:
            pass  # until the draft is written, or waits somewhere
        # Withdrawn now, unless the draft holds the offer: then the withdrawal must wait.
        with contextlib.suppress(pymysql.err.OperationalError):
            without_waiting(
                engine,
                "DELETE FROM product_supplier WHERE product_id = %s AND supplier_id = %s",
                (withdrawn, supplier),
                commit=True,
            )
    creator.join()
    [rows] = drafted
    assert sorted(row["product_id"] for row in rows) == [kept, withdrawn]


def test_a_sale_waits_for_a_transfer_at_the_stock_level_and_neither_deadlocks(
    engine, place
) -> None:
    """A transfer locks its two stock levels by primary key, in warehouse order; a sale of
    the product in the first warehouse, coming while the transfer waits for the second,
    waits at the row too. Through ix_stock_level__warehouse_id the sale held that index entry
    while it waited, the transfer's update of the row came for it, and one lost a deadlock."""
    with engine.begin() as conn:
        second, product = support.warehouse(conn), support.product(conn)
        support.stock_level(conn, product, place.warehouse, 50, 0, 0)
        support.stock_level(conn, product, second, 50, 0, 0)
    held = (
        "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s "
        "FOR UPDATE",
        (product, second),
    )
    calls = [
        ("transfer_stock", (product, place.warehouse, second, 5, "rebalance")),
        ("sell_at_counter", (place.customer, place.warehouse, order_lines((product, 1)))),
    ]
    assert first_attempts_in_a_queue(engine, held, calls) == []
    with engine.connect() as conn:
        on_hand = dict(
            conn.exec_driver_sql(
                "SELECT warehouse_id, on_hand_qty FROM stock_level WHERE product_id = %s",
                (product,),
            ).all()
        )
    assert on_hand == {place.warehouse: 44, second: 55}


def test_a_transfer_waiting_for_its_warehouse_holds_up_no_other_stock_movement(
    engine, place
) -> None:
    """While a warehouse is being changed (its row locked), a transfer out of it waits for
    it before touching any stock: the product's stock at the destination, and other products'
    elsewhere, still move. The transfer's ledger row was written with INSERT ... SELECT, which
    kept the ledger's auto-increment lock while its foreign key check waited for the
    warehouse, and every movement failed (1467)."""
    with engine.begin() as conn:
        elsewhere, product, other = support.warehouse(conn), *(support.product(conn) for _ in "ab")
        support.stock_level(conn, product, place.warehouse, 10, 0, 0)
        support.stock_level(conn, product, elsewhere, 0, 0, 0)
        support.stock_level(conn, other, elsewhere, 10, 0, 0)
    warehouse_changing = (
        "SELECT is_active FROM warehouse WHERE warehouse_id = %s FOR UPDATE",
        (place.warehouse,),
    )
    _, moved = call_while_held(
        engine,
        "transfer_stock",
        (product, place.warehouse, elsewhere, 4, None),
        warehouse_changing,
        lambda _: [
            without_waiting(
                engine, "CALL adjust_stock(%s, %s, 1, 'found')", (moving, elsewhere), commit=True
            )
            for moving in (other, product)
        ],
    )
    assert moved == []


def test_a_product_discontinued_meanwhile_is_not_stocked_in_a_new_warehouse(engine, place) -> None:
    """set_reorder_parameters reads the product under a shared lock: it waits for a product
    being discontinued, then refuses to stock it (a plain read had let it through)."""
    with engine.begin() as conn:
        product, opened_later = support.product(conn), support.warehouse(conn)
        support.stock_level(conn, product, place.warehouse, 0, 0, 0)
    _, refused = call_while_held(
        engine,
        "set_reorder_parameters",
        (product, opened_later, 2, 5),
        ("SELECT sku FROM product WHERE product_id = %s FOR UPDATE", (product,)),
        lambda holder: holder.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (product,)
        ),
    )
    assert f"product {product} is discontinued: it cannot be stocked in warehouse" in str(refused)


def test_a_reorder_run_waits_for_a_draft_being_sent_and_neither_deadlocks(engine, place) -> None:
    """A run looking for the supplier's auto draft to extend, while that draft is being sent
    (its row locked, the sending waiting for its warehouse), waits at the draft's row and
    then writes a new draft. Its locking read through the (supplier, status) index had locked
    the draft's entry there first, which the sending comes for as it changes the status."""
    with engine.begin() as conn:
        supplier, first, second = support.supplier(conn), *(support.product(conn) for _ in "ab")
        for product in (first, second):
            support.stock_level(conn, product, place.warehouse, 0, 5, 10)
            support.product_supplier(conn, product, supplier)
        conn.exec_driver_sql(  # only the first is short yet
            "UPDATE stock_level SET on_hand_qty = 10 WHERE product_id = %s", (second,)
        )
    [proposal] = [r for r in call(engine, "reorder_stock") if r["product_id"] == first]
    draft = proposal["purchase_order_id"]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_level SET on_hand_qty = 0 WHERE product_id = %s", (second,)
        )
    warehouse_changing = (
        "SELECT is_active FROM warehouse WHERE warehouse_id = %s FOR UPDATE",
        (place.warehouse,),
    )
    calls = [("send_purchase_order", (draft,)), ("reorder_stock", ())]
    assert first_attempts_in_a_queue(engine, warehouse_changing, calls) == []
    with engine.connect() as conn:
        [(status,)] = conn.exec_driver_sql(
            "SELECT status FROM purchase_order WHERE purchase_order_id = %s", (draft,)
        ).all()
        [(new_draft,)] = conn.exec_driver_sql(
            "SELECT purchase_order_id FROM purchase_order_line WHERE product_id = %s", (second,)
        ).all()
    assert (status, new_draft != draft) == ("sent", True)


def test_a_draft_written_while_a_run_extends_another_does_not_deadlock_with_it(
    engine, place
) -> None:
    """A run extending the newest draft reads its lines with locks, down to the gap after
    them, where a new draft's first line goes: the new draft waits there. Its lines went in
    with INSERT ... SELECT, which held the table's auto-increment lock while waiting, and the
    run's own insert of a line waited for that lock: one of them lost a deadlock."""
    with engine.begin() as conn:
        supplier, grows, joins = support.supplier(conn), *(support.product(conn) for _ in "ab")
        for product, on_hand in ((grows, 0), (joins, 10)):
            support.stock_level(conn, product, place.warehouse, on_hand, 5, 10)
            support.product_supplier(conn, product, supplier)
    [proposal] = [r for r in call(engine, "reorder_stock") if r["product_id"] == grows]
    with engine.begin() as conn:  # the line of `grows` is to grow, `joins` to join it
        conn.exec_driver_sql(
            "UPDATE stock_level SET on_hand_qty = 0, reorder_point_qty = 20, target_qty = 30 "
            "WHERE product_id IN (%s, %s)",
            (grows, joins),
        )
    line_read = (
        "SELECT ordered_qty FROM purchase_order_line "
        "WHERE purchase_order_id = %s AND product_id = %s LOCK IN SHARE MODE",
        (proposal["purchase_order_id"], grows),
    )
    calls = [
        ("reorder_stock", ()),
        ("create_purchase_order", (supplier, place.warehouse, order_lines((grows, 5)))),
    ]
    assert first_attempts_in_a_queue(engine, line_read, calls) == []


def test_a_reorder_run_holds_no_warehouse_while_it_waits_for_a_draft_being_sent(
    engine, place
) -> None:
    """A run locks every draft it extends before it writes a new one (whose insert
    share-locks the warehouse): waiting for a draft being sent, it holds no warehouse, so a
    change of the warehouse goes through, and then the sending. Writing the new draft first,
    the run held the warehouse the change waited for, the sending queued behind the change,
    and the run waited for the sending: a deadlock of three."""
    with engine.begin() as conn:
        first, second = support.supplier(conn), support.supplier(conn)
        new_pair, extended = support.product(conn), support.product(conn)
        for product, supplier in ((new_pair, first), (extended, second)):
            support.stock_level(conn, product, place.warehouse, 10, 5, 10)
            support.product_supplier(conn, product, supplier)
    stock = "UPDATE stock_level SET on_hand_qty = 0 WHERE product_id = %s"
    with engine.begin() as conn:
        conn.exec_driver_sql(stock, (extended,))
    [proposal] = [r for r in call(engine, "reorder_stock") if r["product_id"] == extended]
    with engine.begin() as conn:  # short again: `extended` grows, `new_pair` needs a draft
        conn.exec_driver_sql(
            "UPDATE stock_level SET reorder_point_qty = 30, target_qty = 40 WHERE product_id = %s",
            (extended,),
        )
        conn.exec_driver_sql(stock, (new_pair,))
    failures: list[sa.exc.OperationalError] = []

    def once(procedure: str, *args: object) -> threading.Thread:
        return first_attempt_started(engine, procedure, args, failures)

    supplier_held = ("SELECT name FROM supplier WHERE supplier_id = %s FOR UPDATE", (second,))
    with holding(engine, supplier_held):
        sending = once("send_purchase_order", proposal["purchase_order_id"])
        assert lock_waits(engine, 1) == 1
        running = once("reorder_stock")
        assert lock_waits(engine, 2) == 2
        changing = once("update_warehouse", place.warehouse, None, "Renamed", None, None)
        assert lock_waits(engine, 3, running=changing) < 3  # the change does not wait
    for thread in (sending, running, changing):
        thread.join()
    assert failures == []


def test_a_draft_being_written_for_a_supplier_holds_up_no_sending_to_it(engine, place) -> None:
    """create_purchase_order holds the supplier shared while it writes a draft; a sending of
    another draft of that supplier shares it too (it locked the supplier's row exclusively)."""
    with engine.begin() as conn:
        supplier, product = support.supplier(conn), support.product(conn)
        support.stock_level(conn, product, place.warehouse, 0, 0, 0)
        support.product_supplier(conn, product, supplier)
    [line] = call(
        engine, "create_purchase_order", supplier, place.warehouse, order_lines((product, 2))
    )
    writing = ("SELECT name FROM supplier WHERE supplier_id = %s LOCK IN SHARE MODE", (supplier,))
    with holding(engine, writing):
        without_waiting(
            engine, "CALL send_purchase_order(%s)", (line["purchase_order_id"],), commit=True
        )
