-- The invoice lines that count as revenue: the lines of revenue_invoice, which holds the
-- rule (a void invoice counts for nothing). One row per billed sales order line.
--   sales_order_line_id: the order line billed (each is billed at most once).
--   invoice_id: the invoice the line is on.
--   invoiced_qty: units billed.
--   revenue: the amount billed for the line (invoice_line.line_total).
CREATE VIEW revenue_invoice_line AS
SELECT
    il.sales_order_line_id,
    il.invoice_id,
    il.invoiced_qty,
    il.line_total AS revenue
FROM invoice_line AS il
INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
