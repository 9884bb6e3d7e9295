-- The invoices that count as revenue: every invoice but a void one (issued and paid both
-- count; a void invoice is cancelled and not owed). The one place the revenue rule is
-- written: revenue_invoice_line, the sales view and the saved revenue queries read it.
--   invoice_id, sales_order_id: the invoice and the shipped order it bills.
--   revenue: the amount billed (invoice.total_amount, the sum of its lines).
CREATE VIEW revenue_invoice AS
SELECT
    i.invoice_id,
    i.sales_order_id,
    i.total_amount AS revenue
FROM invoice AS i
WHERE i.status <> 'void'
