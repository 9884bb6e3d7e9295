-- name: invoice_line_differs_from_shipped
-- purpose: Lines of shipped orders billed for other than what shipped: a shipped line without an invoice line, or one whose quantity or price differs, or one on another order's invoice.
-- params: none
-- grain: one row per sales order line billed wrongly; zero rows when sound
SELECT
    sol.sales_order_line_id,
    sol.sales_order_id,
    sol.shipped_qty,
    sol.unit_price,
    il.invoice_line_id,
    il.invoiced_qty,
    il.unit_price AS invoiced_unit_price,
    i.sales_order_id AS invoiced_sales_order_id
FROM sales_order AS so
INNER JOIN sales_order_line AS sol ON so.sales_order_id = sol.sales_order_id
LEFT JOIN invoice_line AS il ON sol.sales_order_line_id = il.sales_order_line_id
LEFT JOIN invoice AS i ON il.invoice_id = i.invoice_id
WHERE
    so.status = 'shipped'
    AND sol.shipped_qty > 0
    AND (
        il.invoice_line_id IS NULL
        OR il.invoiced_qty <> sol.shipped_qty
        OR il.unit_price <> sol.unit_price
        OR i.sales_order_id <> sol.sales_order_id
    )
