-- name: invoice_paid_before_issued
-- purpose: Paid invoices whose payment is dated before the invoice was issued.
-- params: none
-- grain: one row per such invoice; zero rows when sound
SELECT
    invoice_id,
    sales_order_id,
    issued_at,
    paid_at
FROM invoice
WHERE paid_at < issued_at
