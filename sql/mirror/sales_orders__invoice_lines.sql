-- Invoice lines of the sales orders between :first_id and :last_id (an order has at most
-- one invoice), reached through the order lines they bill: the range then runs on the
-- order lines' key, not through every invoice line.
SELECT
    sol.sales_order_id,
    il.invoice_line_id,
    il.sales_order_line_id,
    il.invoiced_qty,
    il.unit_price,
    il.line_total
FROM sales_order_line AS sol
INNER JOIN invoice_line AS il ON sol.sales_order_line_id = il.sales_order_line_id
WHERE sol.sales_order_id BETWEEN :first_id AND :last_id
ORDER BY sol.sales_order_id ASC, il.invoice_line_id ASC
