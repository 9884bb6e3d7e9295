"""cancel_auto_drafts (revision 0040), the walk set_warehouse_active and set_supplier_active
make over the auto drafts: it locks each draft by its primary key before it reads the status
again, so a draft being sent meanwhile goes out and is passed by, and neither call
deadlocks. The module's database holds few orders: with few rows the server took the status
index for the conditional UPDATE the walk made, the path that deadlocked."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import pymysql
import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import call, lock_waits, scalar


@pytest.fixture()
def draft(engine: Engine) -> SimpleNamespace:
    """One auto draft, for a warehouse and from a supplier of its own."""
    with engine.begin() as conn:
        warehouse, product = support.warehouse(conn), support.product(conn)
        supplier = support.supplier(conn)
        support.stock_level(conn, product, warehouse, 0, 5, 20)
        support.product_supplier(conn, product, supplier, is_preferred=True)
    [line] = call(engine, "reorder_stock")
    return SimpleNamespace(warehouse=warehouse, supplier=supplier, order=line["purchase_order_id"])


def call_once(engine: Engine, procedure: str, args: tuple, outcome: list[Any]) -> None:
    """Call the procedure with no deadlock retry: its result rows, or its error. Only 1020
    is retried: MariaDB 11.6 and later refuse, where the walk meets a draft sent since its
    snapshot, what this server lets it lock and pass by."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SET time_zone = '+00:00'")
        while True:
            try:
                cursor.callproc(procedure, args)
                break
            except pymysql.err.OperationalError as exc:
                if exc.args[0] != 1020:
                    raise
        outcome.append(cursor.fetchall())
        while cursor.nextset():
            pass
        connection.commit()
    except Exception as exc:  # handed over to the test, which asserts on it
        outcome.append(exc)
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("procedure", "target"),
    [("set_warehouse_active", "warehouse"), ("set_supplier_active", "supplier")],
)
def test_a_draft_being_sent_is_sent_and_passed_by_without_a_deadlock(
    engine: Engine, draft: SimpleNamespace, procedure: str, target: str
) -> None:
    """The sending holds the draft and waits for its warehouse (held here); the closing or
    stopping then waits for the draft. Let go, the sending updates the draft's status, which
    needs the draft's entry in the status index: a walk that had locked that entry first
    deadlocked with it."""
    sent: list[Any] = []
    stopped: list[Any] = []
    sending = threading.Thread(
        target=call_once, args=(engine, "send_purchase_order", (draft.order,), sent)
    )
    stopping = threading.Thread(
        target=call_once, args=(engine, procedure, (getattr(draft, target), 0), stopped)
    )
    with support.holding(
        engine,
        ("SELECT is_active FROM warehouse WHERE warehouse_id = %s FOR UPDATE", (draft.warehouse,)),
    ):
        sending.start()
        assert lock_waits(engine) == 1
        stopping.start()
        assert lock_waits(engine, 2) == 2
    sending.join()
    stopping.join()
    [sent_rows], [stopped_rows] = sent, stopped
    assert not isinstance(sent_rows, Exception), sent_rows
    assert not isinstance(stopped_rows, Exception), stopped_rows
    assert (
        scalar(
            engine, "SELECT status FROM purchase_order WHERE purchase_order_id = %s", (draft.order,)
        )
        == "sent"
    )
    assert stopped_rows[0][4] == 0  # auto_drafts_cancelled
