"""pay_invoice and void_invoice: an issued invoice is paid in full or voided, once; paid and
void are final; every refusal names the bad value and changes nothing; two callers racing for
one invoice cannot both win."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from functools import partial
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims import queries
from sims.db import SIGNALLED_ERROR
from tests import support
from tests.support import assert_data_sound, assert_refused, run_in_threads, scalar

FUTURE, PAST = "2999-01-01 00:00:00", "2001-02-03 04:05:06"


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        shop.product = support.product(conn, unit_price=4)
        support.stock_level(conn, shop.product, shop.warehouse, on_hand_qty=1000)
    return shop


def new_invoice(engine: Engine, shop: SimpleNamespace) -> int:
    """An issued invoice of 8.00, from a counter sale of 2 units at 4.00."""
    lines = support.order_lines((shop.product, 2))
    (sale,) = support.call(engine, "sell_at_counter", shop.customer, shop.warehouse, lines)
    return sale["invoice_id"]


def invoice(engine: Engine, invoice_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT status, paid_at, issued_at FROM invoice WHERE invoice_id = %s",
                (invoice_id,),
            ).one()
        )


def unpaid_invoices(engine: Engine) -> int:
    """How many invoices the saved query invoice_ageing counts as unpaid."""
    ageing = queries.run(engine, queries.find("invoice_ageing"))
    return sum(row["unpaid_invoices"] for row in ageing)


def paid_invoice(engine: Engine, shop: SimpleNamespace) -> int:
    invoice_id = new_invoice(engine, shop)
    support.call(engine, "pay_invoice", invoice_id, None)
    return invoice_id


def void_invoice(engine: Engine, shop: SimpleNamespace) -> int:
    invoice_id = new_invoice(engine, shop)
    support.call(engine, "void_invoice", invoice_id)
    return invoice_id


def test_pay_invoice_without_a_date_marks_it_paid_now(engine, shop) -> None:
    invoice_id = new_invoice(engine, shop)
    before = scalar(engine, "SELECT UTC_TIMESTAMP()")
    (row,) = support.call(engine, "pay_invoice", invoice_id, None)
    assert (row["invoice_id"], row["status"], row["total_amount"]) == (
        invoice_id,
        "paid",
        Decimal("8.00"),
    )
    status, paid_at, _ = invoice(engine, invoice_id)
    assert status == "paid"
    assert before <= paid_at <= scalar(engine, "SELECT UTC_TIMESTAMP()")


def test_pay_invoice_records_the_payment_date_given(engine, shop) -> None:
    invoice_id = new_invoice(engine, shop)
    _, _, issued_at = invoice(engine, invoice_id)
    support.call(engine, "pay_invoice", invoice_id, issued_at)  # paid the moment it was issued
    assert invoice(engine, invoice_id)[:2] == ("paid", issued_at)


def test_a_paid_invoice_leaves_the_ageing_report_and_stays_revenue(engine, shop) -> None:
    invoice_id = new_invoice(engine, shop)
    unpaid_before = unpaid_invoices(engine)
    support.call(engine, "pay_invoice", invoice_id, None)
    assert unpaid_invoices(engine) == unpaid_before - 1
    revenue = "SELECT COUNT(*) FROM revenue_invoice WHERE invoice_id = %s"
    assert scalar(engine, revenue, (invoice_id,)) == 1


def test_void_invoice_keeps_the_invoice_but_not_its_revenue(engine, shop) -> None:
    invoice_id = new_invoice(engine, shop)
    (row,) = support.call(engine, "void_invoice", invoice_id)
    assert (row["invoice_id"], row["status"]) == (invoice_id, "void")
    assert invoice(engine, invoice_id)[:2] == ("void", None)
    lines = "SELECT COUNT(*) FROM {} WHERE invoice_id = %s"
    assert scalar(engine, lines.format("invoice_line"), (invoice_id,)) == 1
    for view in ("revenue_invoice", "revenue_invoice_line"):
        assert scalar(engine, lines.format(view), (invoice_id,)) == 0


def test_voiding_moves_no_stock(engine, shop) -> None:
    invoice_id = new_invoice(engine, shop)
    stock = "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s"
    on_hand = scalar(engine, stock, (shop.product, shop.warehouse))
    support.call(engine, "void_invoice", invoice_id)
    assert scalar(engine, stock, (shop.product, shop.warehouse)) == on_hand
    assert_data_sound(engine)


@pytest.mark.parametrize(
    ("make", "procedure", "args", "message"),
    [
        (None, "pay_invoice", (0, None), "unknown invoice 0"),
        (None, "pay_invoice", (None, None), "unknown invoice NULL"),
        (paid_invoice, "pay_invoice", (None,), "invoice {id} is already paid"),
        (void_invoice, "pay_invoice", (None,), "invoice {id} is void: nothing is owed"),
        (new_invoice, "pay_invoice", (FUTURE,), f"payment date {FUTURE} is in the future"),
        (new_invoice, "pay_invoice", (PAST,), f"payment date {PAST} is before invoice {{id}}"),
        (None, "void_invoice", (0,), "unknown invoice 0"),
        (None, "void_invoice", (None,), "unknown invoice NULL"),
        (paid_invoice, "void_invoice", (), "invoice {id} is paid and cannot be voided"),
        (void_invoice, "void_invoice", (), "invoice {id} is already void"),
    ],
)  # fmt: skip
def test_refused_with_a_message_naming_the_bad_value_and_nothing_changed(
    engine, shop, make, procedure, args, message
) -> None:
    if make is None:
        assert_refused(engine, procedure, args, message)
    else:
        invoice_id = make(engine, shop)
        assert_refused(engine, procedure, (invoice_id, *args), message.format(id=invoice_id))


def test_a_zero_payment_date_is_refused_by_name(engine, shop) -> None:
    support.assert_refused_where_zero_dates_pass(
        engine,
        "pay_invoice",
        (new_invoice(engine, shop), 0),
        "payment date must be a UTC time, got 0000-00-00 00:00:00",
    )


@pytest.mark.parametrize("rival", ["pay_invoice", "void_invoice"])
def test_two_callers_racing_for_one_invoice_cannot_both_win(engine, shop, rival) -> None:
    invoice_id = new_invoice(engine, shop)
    calls = {"pay_invoice": (invoice_id, None), "void_invoice": (invoice_id,)}
    start = threading.Barrier(2)

    def attempt(procedure: str) -> str:
        start.wait()
        try:
            support.call(engine, procedure, *calls[procedure])
        except sa.exc.OperationalError as exc:
            return "refused" if exc.orig.args[0] == SIGNALLED_ERROR else repr(exc.orig)
        return f"{procedure} won"

    outcomes = run_in_threads([partial(attempt, p) for p in ("pay_invoice", rival)])
    (winner,) = [outcome for outcome in outcomes if outcome != "refused"]
    assert outcomes.count("refused") == 1
    final_status = {"pay_invoice won": "paid", "void_invoice won": "void"}[winner]
    assert invoice(engine, invoice_id)[0] == final_status


def test_the_future_begins_at_utc_now(engine, shop) -> None:
    """A payment a minute ahead of the server's UTC clock is refused."""
    invoice_id = new_invoice(engine, shop)
    a_minute_ahead = scalar(engine, "SELECT UTC_TIMESTAMP()") + timedelta(minutes=1)
    assert_refused(engine, "pay_invoice", (invoice_id, a_minute_ahead), "is in the future")
