"""Revision 0017 gives the returns recorded before it their credit notes: one per return on an
invoice that counts, for the returned units at the billed price, issued when the goods came
back and settled by a payment that came after; a return on a void invoice gets none; the
data is sound afterwards."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy.engine import URL, Engine

from sims import migrate
from sims.db import create_engine
from tests import support
from tests.support import assert_data_sound, call

BEFORE, CREDIT_NOTES = "0016", "0017"


def sale_and_return(engine: Engine, shop: SimpleNamespace, qty: int, then: str | None) -> dict:
    """A counter sale of 4 units at 2.50; `then` pays (before the return) or voids its invoice;
    then `qty` units come back."""
    lines = support.order_lines((shop.product, 4))
    (sold,) = call(engine, "sell_at_counter", shop.customer, shop.warehouse, lines)
    invoice = sold["invoice_id"]
    if then == "pay":
        support.paid_a_day_ago(engine, invoice)
    elif then == "void":
        call(engine, "void_invoice", invoice)
    line = support.scalar(
        engine,
        "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s",
        (sold["sales_order_id"],),
    )
    call(engine, "return_sales_order_line", line, qty, None)
    return {"invoice_id": invoice, "sales_order_line_id": line}


def test_returns_recorded_before_credit_notes_get_theirs(scratch_url: URL) -> None:
    migrate.upgrade(scratch_url, BEFORE)
    engine = create_engine(scratch_url)
    try:
        with engine.begin() as conn:
            shop = SimpleNamespace(
                customer=support.customer(conn), warehouse=support.warehouse(conn)
            )
            shop.product = support.product(conn, unit_price=2.5)
            support.stock_level(conn, shop.product, shop.warehouse, on_hand_qty=100)
        unpaid = sale_and_return(engine, shop, 3, then=None)
        paid = sale_and_return(engine, shop, 1, then="pay")
        sale_and_return(engine, shop, 2, then="void")
        paid_net = sale_and_return(engine, shop, 2, then=None)
        (payment,) = call(engine, "pay_invoice", paid_net["invoice_id"], None)

        migrate.upgrade(scratch_url, CREDIT_NOTES)

        with engine.connect() as conn:
            credited = conn.exec_driver_sql(
                "SELECT cn.invoice_id, sm.sales_order_line_id, cn.amount, "
                "cn.issued_at = CAST(sm.occurred_at AS DATETIME) AS issued_on_return, "
                "cns.settlement, cn.settled_at FROM credit_note AS cn "
                "INNER JOIN stock_movement AS sm ON cn.stock_movement_id = sm.stock_movement_id "
                "INNER JOIN credit_note_settlement AS cns "
                "ON cn.credit_note_id = cns.credit_note_id ORDER BY cn.credit_note_id"
            ).all()
        assert [tuple(row) for row in credited] == [
            (unpaid["invoice_id"], unpaid["sales_order_line_id"], Decimal("7.50"), 1,
             "deducted", None),
            (paid["invoice_id"], paid["sales_order_line_id"], Decimal("2.50"), 1,
             "refund_due", None),
            (paid_net["invoice_id"], paid_net["sales_order_line_id"], Decimal("5.00"), 1,
             "deducted", payment["paid_at"]),
        ]  # fmt: skip
        assert_data_sound(engine)
    finally:
        engine.dispose()
