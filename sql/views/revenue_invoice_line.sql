-- Revenue line by line, net of returns: the lines of the invoices in revenue_invoice (a void
-- invoice counts for nothing), less the units returned since, credited at the price billed.
-- One row per billed sales order line. The one place revenue amounts are written: the sales
-- view, the saved revenue queries and invoice_ageing read them here.
--   sales_order_id, sales_order_line_id, product_id: the order line billed (at most once).
--   invoice_id: the invoice the line is on.
--   invoiced_qty: units billed; returned_qty: units of the line returned since.
--   sold_qty: units billed and kept, invoiced_qty - returned_qty.
--   revenue: what the kept units bring, the line's total less the returned units at the
--   billed unit price.
CREATE VIEW revenue_invoice_line AS
SELECT
    sol.sales_order_id,
    il.sales_order_line_id,
    sol.product_id,
    il.invoice_id,
    il.invoiced_qty,
    sol.returned_qty,
    il.invoiced_qty - sol.returned_qty AS sold_qty,
    il.line_total - sol.returned_qty * il.unit_price AS revenue
FROM invoice_line AS il
INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
INNER JOIN sales_order_line AS sol ON il.sales_order_line_id = sol.sales_order_line_id
