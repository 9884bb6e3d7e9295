"""Credit notes: one per return on an invoice that counts (a void invoice credits nothing),
for the returned units at the billed price, issued when the goods came back. A credit issued
before the invoice was paid is settled by the payment (deducted from it); one issued after is
owed back, and refunded within days unless too recent."""

from __future__ import annotations

import numpy as np

from generate import columns as col
from generate.columns import Table
from generate.sales import Invoices, Sales
from generate.settings import DAY, Settings

REFUND_DELAY = (DAY, 10 * DAY)  # from the return to the money paid back


def credit_note_table(
    settings: Settings, sales: Sales, invoices: Invoices, return_movement: np.ndarray
) -> Table:
    """credit_note, in the order the credits were issued; `return_movement`: per sales order
    line, the id of its return movement (0: none)."""
    rng = settings.rng("credit_notes")
    returned = np.flatnonzero(return_movement > 0)
    credited = returned[~invoices.void[invoices.line_invoice[returned]]]
    credited = credited[np.argsort(sales.line_returned_at[credited], kind="stable")]
    invoice = invoices.line_invoice[credited]
    issued = sales.line_returned_at[credited]
    paid, paid_at = invoices.paid[invoice], invoices.paid_at[invoice]
    refunded_at = issued + rng.integers(*REFUND_DELAY, credited.size)
    refunded = paid & (paid_at < issued) & (refunded_at <= settings.end)
    deducted = paid & (paid_at >= issued)
    settled_at = np.where(deducted, paid_at, refunded_at)
    settled = deducted | refunded
    return (
        Table("credit_note")
        .add("credit_note_id", col.ints(np.arange(1, credited.size + 1)))
        .add("invoice_id", col.ints(invoice + 1))
        .add("stock_movement_id", col.ints(return_movement[credited]))
        .add("amount", col.money(sales.line_returned[credited] * sales.line_price[credited]))
        .add("issued_at", col.timestamps(issued))
        .add("settled_at", col.timestamps(settled_at, null=~settled))
        .add("created_at", col.timestamps(issued))
        .add("updated_at", col.timestamps(np.where(settled, settled_at, issued)))
    )
