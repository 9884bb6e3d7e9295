"""`runner.py invoice ...`: pay, void and refund call their procedures, print the invoice or
the credit note as a table, and show a refusal or a malformed date as one line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import run_cli, scalar

pytestmark = pytest.mark.usefixtures("runner_on_test_database")


def new_invoice(engine: Engine) -> int:
    with engine.begin() as conn:
        customer, warehouse = support.customer(conn), support.warehouse(conn)
        product = support.product(conn, unit_price=3)
        support.stock_level(conn, product, warehouse, on_hand_qty=5)
    lines = support.order_lines((product, 2))
    (sale,) = support.call(engine, "sell_at_counter", customer, warehouse, lines)
    return sale["invoice_id"]


def status(engine: Engine, invoice_id: int) -> str:
    return scalar(engine, "SELECT status FROM invoice WHERE invoice_id = %s", (invoice_id,))


def test_invoice_pay_prints_the_paid_invoice(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    code, out, _ = run_cli(capsys, "invoice", "pay", invoice_id)
    assert code == 0
    assert f"paid invoice {invoice_id}" in out and "6.00" in out
    assert status(engine, invoice_id) == "paid"


def test_invoice_void_prints_the_void_invoice(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    code, out, _ = run_cli(capsys, "invoice", "void", invoice_id)
    assert code == 0
    assert f"voided invoice {invoice_id}" in out and "void" in out
    assert status(engine, invoice_id) == "void"


def test_a_refusal_is_one_line_naming_the_invoice(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    run_cli(capsys, "invoice", "pay", invoice_id)
    code, _, err = run_cli(capsys, "invoice", "void", invoice_id)
    assert code == 1
    assert err.strip() == f"error: invoice {invoice_id} is paid and cannot be voided"
    assert status(engine, invoice_id) == "paid"


def test_a_malformed_payment_date_is_refused_naming_it(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "invoice", "pay", invoice_id, "--paid-at", "last tuesday")
    assert exited.value.code == 2
    assert "argument --paid-at: " in capsys.readouterr().err
    assert status(engine, invoice_id) == "issued"


def test_a_payment_date_given_with_its_offset_is_recorded_in_utc(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    issued = scalar(engine, "SELECT issued_at FROM invoice WHERE invoice_id = %s", (invoice_id,))
    in_berlin_summer = (issued + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
    code, _, err = run_cli(capsys, "invoice", "pay", invoice_id, "--paid-at", in_berlin_summer)
    assert code == 0, err
    paid_at = scalar(engine, "SELECT paid_at FROM invoice WHERE invoice_id = %s", (invoice_id,))
    assert paid_at == issued


def credit_owed_back(engine: Engine) -> int:
    """A credit note owed back: one unit returned after its invoice was paid."""
    invoice_id = new_invoice(engine)
    support.paid_a_day_ago(engine, invoice_id)
    line = scalar(
        engine, "SELECT sales_order_line_id FROM invoice_line WHERE invoice_id = %s", (invoice_id,)
    )
    (returned,) = support.call(engine, "return_sales_order_line", line, 1, None)
    return returned["credit_note_id"]


def test_invoice_refund_prints_the_refunded_credit_note(engine, capsys) -> None:
    credit_note = credit_owed_back(engine)
    code, out, _ = run_cli(capsys, "invoice", "refund", credit_note)
    assert code == 0
    assert f"refunded credit note {credit_note}" in out and "3.00" in out and "refunded" in out


def test_a_second_refund_is_one_line_naming_the_credit_note(engine, capsys) -> None:
    credit_note = credit_owed_back(engine)
    run_cli(capsys, "invoice", "refund", credit_note)
    code, _, err = run_cli(capsys, "invoice", "refund", credit_note)
    assert code == 1
    assert err.strip() == f"error: credit note {credit_note} is already refunded"
