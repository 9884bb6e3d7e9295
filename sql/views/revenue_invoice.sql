-- The invoices that count as revenue: every invoice but a void one (issued and paid both
-- count; a void invoice is cancelled and not owed). The one place that rule is written:
-- revenue_invoice_line, which holds the amounts, reads it.
--   invoice_id, sales_order_id: the invoice and the shipped order it bills.
CREATE VIEW revenue_invoice AS
SELECT
    i.invoice_id,
    i.sales_order_id
FROM invoice AS i
WHERE i.status <> 'void'
