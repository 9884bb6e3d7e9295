-- How each credit note is settled, from its invoice: the one place that rule is written
-- (refund_credit_note, the saved query refunds_due and the checks read it). pay_invoice
-- means paid in full of what was owed then, and paid is final, so a credit issued after the
-- payment is money to pay back, and one issued before it (or in the same second, when the
-- order cannot be told) was deducted from what was paid.
--   credit_note_id, invoice_id, customer_id, amount, issued_at, refunded_at: the credit
--   note, its invoice and the customer credited.
--   settlement: deducted (taken off an invoice not yet paid when the credit was issued);
--   refund_due (the invoice was paid already: owed back); refunded (paid back, at
--   refunded_at); void (the invoice was voided since: it bills nothing, credits nothing).
CREATE VIEW credit_note_settlement AS
SELECT
    cn.credit_note_id,
    cn.invoice_id,
    so.customer_id,
    cn.amount,
    cn.issued_at,
    cn.refunded_at,
    CASE
        WHEN i.status = 'void' THEN 'void'
        WHEN i.paid_at < cn.issued_at AND cn.refunded_at IS NULL THEN 'refund_due'
        WHEN i.paid_at < cn.issued_at THEN 'refunded'
        ELSE 'deducted'
    END AS settlement
FROM credit_note AS cn
INNER JOIN invoice AS i ON cn.invoice_id = i.invoice_id
INNER JOIN sales_order AS so ON i.sales_order_id = so.sales_order_id
