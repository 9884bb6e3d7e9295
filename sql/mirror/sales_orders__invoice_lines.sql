-- Invoice lines of the sales orders between :first_id and :last_id (an order has at most
-- one invoice).
SELECT
    i.sales_order_id,
    il.invoice_line_id,
    il.sales_order_line_id,
    il.invoiced_qty,
    il.unit_price,
    il.line_total
FROM invoice AS i
INNER JOIN invoice_line AS il ON i.invoice_id = il.invoice_id
WHERE i.sales_order_id BETWEEN :first_id AND :last_id
ORDER BY i.sales_order_id ASC, il.invoice_line_id ASC
