-- How each credit note is settled, from its invoice: the one place that rule is written
-- (refund_credit_note, the saved query refunds_due and the checks read it). pay_invoice
-- means paid in full of what was owed then, and paid is final, so a credit issued before the
-- payment was deducted from what was paid, and one issued after it is money to pay back.
-- Within one second the dates cannot tell the order, so there the settlement does: a return
-- locks the invoice, so a credit issued first is there for the payment to settle (settled_at =
-- paid_at), and one issued after finds the invoice paid and stays open, owed back. A refund
-- is dated after the payment (refund_credit_note), so it never looks like one. (On Galera a
-- return on one node does not wait for a payment on another, so a credit issued in the
-- payment's second may miss its settlement there and show as owed back.)
--   credit_note_id, invoice_id, customer_id, amount, issued_at: the credit note, its invoice
--   and the customer credited.
--   settlement: deducted (issued before the invoice was paid, or while it is unpaid: taken
--   off what it asks; in the payment's second, settled by it); refund_due (issued after the
--   payment: owed back); refunded (paid
--   back); void (the invoice was voided since: it bills nothing, credits nothing).
--   settled_at: when it was settled: the payment it was deducted from, or the refund; NULL
--   while open (deducted from an invoice not paid yet, or owed back).
CREATE VIEW credit_note_settlement AS
SELECT
    cn.credit_note_id,
    cn.invoice_id,
    so.customer_id,
    cn.amount,
    cn.issued_at,
    cn.settled_at,
    CASE
        WHEN i.status = 'void' THEN 'void'
        WHEN i.paid_at IS NULL OR cn.issued_at < i.paid_at OR cn.settled_at <=> i.paid_at
            THEN 'deducted'
        WHEN cn.settled_at IS NULL THEN 'refund_due'
        ELSE 'refunded'
    END AS settlement
FROM credit_note AS cn
INNER JOIN invoice AS i ON cn.invoice_id = i.invoice_id
INNER JOIN sales_order AS so ON i.sales_order_id = so.sales_order_id
