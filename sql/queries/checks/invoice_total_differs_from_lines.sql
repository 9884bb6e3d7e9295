-- name: invoice_total_differs_from_lines
-- purpose: Invoices whose total amount is not the sum of their line totals.
-- params: none
-- grain: one row per invoice whose total is wrong; zero rows when sound
SELECT
    i.invoice_id,
    i.sales_order_id,
    i.total_amount,
    COALESCE(SUM(il.line_total), 0) AS lines_total
FROM invoice AS i
LEFT JOIN invoice_line AS il ON i.invoice_id = il.invoice_id
GROUP BY i.invoice_id, i.sales_order_id, i.total_amount
HAVING i.total_amount <> COALESCE(SUM(il.line_total), 0)
