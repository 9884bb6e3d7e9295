-- name: top_customers
-- purpose: Customers who bought the most: invoiced revenue (void invoices excluded), with orders and units.
-- params: limit (int, default 20)
-- grain: one row per customer with a valid invoice
WITH invoiced AS (
    SELECT
        invoice_id,
        SUM(invoiced_qty) AS units
    FROM invoice_line
    GROUP BY invoice_id
)

SELECT
    c.customer_id,
    c.name AS customer,
    c.email,
    COUNT(*) AS orders,
    COALESCE(SUM(il.units), 0) AS units,
    SUM(i.total_amount) AS revenue,
    MAX(so.shipped_at) AS last_shipped_at
FROM invoice AS i
INNER JOIN sales_order AS so ON i.sales_order_id = so.sales_order_id
INNER JOIN customer AS c ON so.customer_id = c.customer_id
LEFT JOIN invoiced AS il ON i.invoice_id = il.invoice_id
WHERE i.status <> 'void'
GROUP BY c.customer_id, c.name, c.email
ORDER BY revenue DESC, c.customer_id ASC
LIMIT :limit
