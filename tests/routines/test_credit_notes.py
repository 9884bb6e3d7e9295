"""Credit notes: a return on an invoice that counts issues one, for the returned units at the
billed price, in the return's transaction; credit_note_settlement tells whether it was
deducted (issued before the invoice was paid, which settles it) or is owed back (issued
after; void when the invoice is voided since); refund_credit_note records the refund of what
is owed, once, and refuses anything else with a message naming the bad value; refunds_due
lists what is owed."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from types import SimpleNamespace

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims import queries
from sims.db import SIGNALLED_ERROR
from tests import support
from tests.support import assert_data_sound, assert_refused, call, run_in_threads, scalar

FUTURE = "2999-01-01 00:00:00"


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        shop.product = support.product(conn, unit_price=2.5)
        support.stock_level(conn, shop.product, shop.warehouse, on_hand_qty=1000)
    return shop


def sale(engine: Engine, shop: SimpleNamespace) -> SimpleNamespace:
    """A counter sale of 4 units at 2.50: an invoice of 10.00."""
    lines = support.order_lines((shop.product, 4))
    (sold,) = call(engine, "sell_at_counter", shop.customer, shop.warehouse, lines)
    line = scalar(
        engine,
        "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s",
        (sold["sales_order_id"],),
    )
    return SimpleNamespace(invoice=sold["invoice_id"], line=line)


def paid_before_the_return(engine: Engine, shop: SimpleNamespace) -> SimpleNamespace:
    """A sale whose invoice was paid a day ago."""
    sold = sale(engine, shop)
    support.paid_a_day_ago(engine, sold.invoice)
    return sold


def give_back(engine: Engine, sold: SimpleNamespace, qty: int) -> dict:
    (result,) = call(engine, "return_sales_order_line", sold.line, qty, "changed their mind")
    return result


def settlement(engine: Engine, credit_note: int) -> str:
    sql = "SELECT settlement FROM credit_note_settlement WHERE credit_note_id = %s"
    return scalar(engine, sql, (credit_note,))


def refunds_due(engine: Engine, as_of: date | None = None) -> dict[int, dict]:
    given = {} if as_of is None else {"as_of": as_of.isoformat()}
    rows = queries.run(engine, queries.find("refunds_due"), given)
    return {row["credit_note_id"]: row for row in rows}


def test_a_return_on_an_unpaid_invoice_is_credited_and_deducted(engine, shop) -> None:
    sold = sale(engine, shop)
    result = give_back(engine, sold, 3)

    assert (result["invoice_id"], result["credited_amount"], result["settlement"]) == (
        sold.invoice,
        Decimal("7.50"),  # 3 units at the billed 2.50
        "deducted",
    )
    with engine.connect() as conn:
        credit_note = conn.exec_driver_sql(
            "SELECT cn.credit_note_id, cn.invoice_id, cn.amount, sm.movement_type, "
            "sm.change_qty, sm.sales_order_line_id, cn.settled_at "
            "FROM credit_note AS cn INNER JOIN stock_movement AS sm "
            "ON cn.stock_movement_id = sm.stock_movement_id WHERE cn.invoice_id = %s",
            (sold.invoice,),
        ).one()
    assert tuple(credit_note) == (
        result["credit_note_id"], sold.invoice, Decimal("7.50"), "return", 3, sold.line, None
    )  # fmt: skip
    assert result["credit_note_id"] not in refunds_due(engine)


def settled_at(engine: Engine, credit_note: int) -> datetime | None:
    sql = "SELECT settled_at FROM credit_note WHERE credit_note_id = %s"
    return scalar(engine, sql, (credit_note,))


def test_paying_after_the_return_settles_the_credit_deducted_from_the_payment(engine, shop) -> None:
    sold = sale(engine, shop)
    credit_note = give_back(engine, sold, 1)["credit_note_id"]
    (paid,) = call(engine, "pay_invoice", sold.invoice, None)
    assert settlement(engine, credit_note) == "deducted"
    assert settled_at(engine, credit_note) == paid["paid_at"]


def test_a_return_after_the_invoice_was_paid_is_owed_back(engine, shop) -> None:
    sold = paid_before_the_return(engine, shop)
    result = give_back(engine, sold, 2)

    assert (result["credited_amount"], result["settlement"]) == (Decimal("5.00"), "refund_due")
    owed = refunds_due(engine)[result["credit_note_id"]]
    assert (owed["invoice_id"], owed["customer_id"], owed["amount"], owed["days_waiting"]) == (
        sold.invoice,
        shop.customer,
        Decimal("5.00"),
        0,
    )


def test_a_payment_recorded_later_but_dated_before_the_return_makes_the_credit_owed(
    engine, shop
) -> None:
    sold = sale(engine, shop)
    credit_note = give_back(engine, sold, 1)["credit_note_id"]
    assert settlement(engine, credit_note) == "deducted"

    support.paid_a_day_ago(engine, sold.invoice)

    assert settlement(engine, credit_note) == "refund_due"
    assert settled_at(engine, credit_note) is None  # open until refunded
    assert credit_note in refunds_due(engine)


def call_in(cursor: pymysql.cursors.DictCursor, procedure: str, *args: object) -> dict:
    cursor.execute(f"CALL {procedure}({', '.join(['%s'] * len(args))})", args)
    (row,) = cursor.fetchall()
    while cursor.nextset():
        pass
    return row


def in_one_second(engine: Engine, shop: SimpleNamespace, *steps: str) -> SimpleNamespace:
    """A counter sale of a new product, then `steps` ("pay", "return" of one unit) in that
    order, all in one second: a session whose clock stands still a minute ago does them
    (so a date a second later is not in the future). The product is new so that its whole
    ledger is in that second, in order."""
    with engine.begin() as conn:
        product = support.product(conn, unit_price=2.5)
        support.stock_level(conn, product, shop.warehouse)
    done = SimpleNamespace()
    a_minute_ago = scalar(engine, "SELECT UTC_TIMESTAMP() - INTERVAL 1 MINUTE")
    with support.session_at(engine, a_minute_ago) as session:
        call_in(session, "adjust_stock", product, shop.warehouse, 10, "opening stock")
        lines = support.order_lines((product, 4))
        done.sold = call_in(session, "sell_at_counter", shop.customer, shop.warehouse, lines)
        session.execute(
            "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s",
            (done.sold["sales_order_id"],),
        )
        line = session.fetchone()["sales_order_line_id"]
        for step in steps:
            if step == "pay":
                done.paid = call_in(session, "pay_invoice", done.sold["invoice_id"], None)
            else:
                done.returned = call_in(session, "return_sales_order_line", line, 1, "too many")
    return done


def test_a_return_in_the_payments_second_but_before_it_is_deducted(engine, shop) -> None:
    done = in_one_second(engine, shop, "return", "pay")
    credit_note = done.returned["credit_note_id"]
    assert done.returned["settlement"] == "deducted"
    assert (settlement(engine, credit_note), settled_at(engine, credit_note)) == (
        "deducted",
        done.paid["paid_at"],
    )


def test_a_return_in_the_payments_second_but_after_it_is_owed_back(engine, shop) -> None:
    """The dates cannot tell the two apart; the payment, which did not settle the credit
    (it was not there yet), does. It is refunded after the payment, never in its second."""
    done = in_one_second(engine, shop, "pay", "return")
    credit_note, paid_at = done.returned["credit_note_id"], done.paid["paid_at"]
    invoice = done.sold["invoice_id"]
    assert done.returned["settlement"] == "refund_due"
    assert credit_note in refunds_due(engine)
    assert_refused(
        engine,
        "refund_credit_note",
        (credit_note, paid_at),
        f"refund date {paid_at} is not after invoice {invoice} was paid ({paid_at})",
    )
    a_second_later = paid_at + timedelta(seconds=1)
    (row,) = call(engine, "refund_credit_note", credit_note, a_second_later)
    assert (row["settlement"], row["refunded_at"]) == ("refunded", a_second_later)


def test_a_return_on_a_void_invoice_credits_nothing(engine, shop) -> None:
    sold = sale(engine, shop)
    call(engine, "void_invoice", sold.invoice)
    result = give_back(engine, sold, 2)

    assert (result["credit_note_id"], result["credited_amount"], result["settlement"]) == (
        None,
        Decimal("0"),
        None,
    )
    count = "SELECT COUNT(*) FROM credit_note WHERE invoice_id = %s"
    assert scalar(engine, count, (sold.invoice,)) == 0
    assert_data_sound(engine)


def test_voiding_the_invoice_afterwards_voids_its_credit(engine, shop) -> None:
    sold = sale(engine, shop)
    credit_note = give_back(engine, sold, 2)["credit_note_id"]
    call(engine, "void_invoice", sold.invoice)
    assert settlement(engine, credit_note) == "void"
    assert_data_sound(engine)


def test_each_return_of_a_line_has_a_credit_note_of_its_own(engine, shop) -> None:
    sold = sale(engine, shop)
    first, second = give_back(engine, sold, 1), give_back(engine, sold, 3)

    assert first["credit_note_id"] != second["credit_note_id"]
    total = "SELECT SUM(amount) FROM credit_note WHERE invoice_id = %s"
    assert scalar(engine, total, (sold.invoice,)) == Decimal("10.00")  # all 4 units back
    revenue = "SELECT SUM(revenue) FROM revenue_invoice_line WHERE invoice_id = %s"
    assert scalar(engine, revenue, (sold.invoice,)) == Decimal("0.00")
    assert_data_sound(engine)


def test_refund_credit_note_records_the_refund_now(engine, shop) -> None:
    credit_note = give_back(engine, paid_before_the_return(engine, shop), 2)["credit_note_id"]
    before = scalar(engine, "SELECT UTC_TIMESTAMP()")

    (row,) = call(engine, "refund_credit_note", credit_note, None)

    assert (row["credit_note_id"], row["amount"], row["settlement"]) == (
        credit_note,
        Decimal("5.00"),
        "refunded",
    )
    assert before <= row["refunded_at"] <= scalar(engine, "SELECT UTC_TIMESTAMP()")
    assert credit_note not in refunds_due(engine)
    assert_data_sound(engine)


def test_refund_credit_note_records_the_date_given(engine, shop) -> None:
    credit_note = give_back(engine, paid_before_the_return(engine, shop), 1)["credit_note_id"]
    issued = scalar(
        engine, "SELECT issued_at FROM credit_note WHERE credit_note_id = %s", (credit_note,)
    )
    (row,) = call(engine, "refund_credit_note", credit_note, issued)
    assert (row["settlement"], row["refunded_at"]) == ("refunded", issued)


def test_refunds_due_as_of_a_day_lists_what_was_owed_back_at_its_end(engine, shop) -> None:
    """Sold and paid on day 0; a credit owed back from day 1 (refunded on day 4), another
    from day 3 (still owed): each is listed from its day until the end of its refund's eve."""
    day = [date(2026, 3, 1) + timedelta(days=n) for n in range(6)]
    with engine.begin() as conn:
        product = support.product(conn, unit_price=2.5)
        support.stock_level(conn, product, shop.warehouse)
    with support.session_at(engine, datetime.combine(day[0], time(9))) as session:
        call_in(session, "adjust_stock", product, shop.warehouse, 10, "opening stock")
        lines = support.order_lines((product, 4))
        sold = call_in(session, "sell_at_counter", shop.customer, shop.warehouse, lines)
        call_in(session, "pay_invoice", sold["invoice_id"], None)
    line = scalar(
        engine,
        "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s",
        (sold["sales_order_id"],),
    )
    credits = []
    for returned_on in (day[1], day[3]):
        with support.session_at(engine, datetime.combine(returned_on, time(9))) as session:
            returned = call_in(session, "return_sales_order_line", line, 1, "too many")
        credits.append(returned["credit_note_id"])
    refunded, owed = credits
    call(engine, "refund_credit_note", refunded, datetime.combine(day[4], time(9)))

    def waiting(as_of: date | None) -> dict[int, int]:
        listed = refunds_due(engine, as_of)
        return {c: listed[c]["days_waiting"] for c in credits if c in listed}

    assert [waiting(d) for d in day] == [
        {},
        {refunded: 0},
        {refunded: 1},
        {refunded: 2, owed: 0},
        {owed: 1},  # refunded during day 4: no longer owed at its end
        {owed: 2},
    ]
    assert set(waiting(None)) == {owed}


def deducted(engine: Engine, shop: SimpleNamespace) -> int:
    return give_back(engine, sale(engine, shop), 1)["credit_note_id"]


def refund_due(engine: Engine, shop: SimpleNamespace) -> int:
    return give_back(engine, paid_before_the_return(engine, shop), 1)["credit_note_id"]


def test_a_zero_refund_date_is_refused_by_name(engine, shop) -> None:
    support.assert_refused_where_zero_dates_pass(
        engine,
        "refund_credit_note",
        (refund_due(engine, shop), "0000-00-00 00:00:00"),
        "refund date must be a UTC time, got 0000-00-00 00:00:00",
    )


def refunded(engine: Engine, shop: SimpleNamespace) -> int:
    credit_note = refund_due(engine, shop)
    call(engine, "refund_credit_note", credit_note, None)
    return credit_note


def voided(engine: Engine, shop: SimpleNamespace) -> int:
    sold = sale(engine, shop)
    credit_note = give_back(engine, sold, 1)["credit_note_id"]
    call(engine, "void_invoice", sold.invoice)
    return credit_note


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, (0, None), "unknown credit note 0"),
        (None, (None, None), "unknown credit note NULL"),
        (deducted, (None,), "credit note {id} was deducted from invoice {invoice}, not yet paid "
                            "when it was issued: nothing to refund"),
        (refunded, (None,), "credit note {id} is already refunded"),
        (voided, (None,), "credit note {id} is on void invoice {invoice}: nothing was paid"),
        (refund_due, (FUTURE,), f"refund date {FUTURE} is in the future"),
        (refund_due, ("2001-02-03 04:05:06",),
         "refund date 2001-02-03 04:05:06 is before credit note {id} was issued"),
    ],
)  # fmt: skip
def test_refund_refused_with_a_message_naming_the_bad_value_and_nothing_changed(
    engine, shop, make, args, message
) -> None:
    if make is None:
        assert_refused(engine, "refund_credit_note", args, message)
        return
    credit_note = make(engine, shop)
    invoice = scalar(
        engine, "SELECT invoice_id FROM credit_note WHERE credit_note_id = %s", (credit_note,)
    )
    assert_refused(
        engine,
        "refund_credit_note",
        (credit_note, *args),
        message.format(id=credit_note, invoice=invoice),
    )


def test_two_callers_refunding_one_credit_note_cannot_both_succeed(engine, shop) -> None:
    credit_note = refund_due(engine, shop)
    start = threading.Barrier(2)

    def attempt() -> str:
        start.wait()
        try:
            call(engine, "refund_credit_note", credit_note, None)
        except sa.exc.OperationalError as exc:
            if exc.orig.args[0] != SIGNALLED_ERROR:
                raise
            return exc.orig.args[1]
        return "refunded"

    outcomes = run_in_threads([partial(attempt), partial(attempt)])
    assert sorted(outcomes) == sorted(
        ["refunded", f"credit note {credit_note} is already refunded"]
    )
    assert settlement(engine, credit_note) == "refunded"
