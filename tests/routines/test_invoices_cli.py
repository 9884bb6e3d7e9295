"""`runner.py invoice ...`: pay and void call the invoice procedures, print the invoice as a
table, and show a refusal or a malformed date as one line."""

from __future__ import annotations

import json

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
    lines = json.dumps([{"product_id": product, "qty": 2}])
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


def test_a_malformed_payment_date_is_one_line_naming_it(engine, capsys) -> None:
    invoice_id = new_invoice(engine)
    code, _, err = run_cli(capsys, "invoice", "pay", invoice_id, "--paid-at", "last tuesday")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "'last tuesday'" in err
    assert status(engine, invoice_id) == "issued"
