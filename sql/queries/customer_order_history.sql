-- name: customer_order_history
-- purpose: A customer's orders, newest first, with status, value and invoice.
-- params: customer_id (int), limit (int, default 100)
-- grain: one row per sales order
WITH recent_order AS (
    -- The newest orders first, read backwards along ix_sales_order__customer_id_ordered_at
    -- and cut at the limit before any line is read: a customer may have tens of thousands.
    SELECT
        sales_order_id,
        warehouse_id,
        status,
        ordered_at,
        shipped_at
    FROM sales_order
    WHERE customer_id = :customer_id
    ORDER BY ordered_at DESC, sales_order_id DESC
    LIMIT :limit
)

SELECT
    so.sales_order_id,
    so.status,
    so.ordered_at,
    so.shipped_at,
    w.code AS warehouse,
    COUNT(sol.sales_order_line_id) AS line_count,
    SUM(sol.ordered_qty) AS units,
    SUM(sol.ordered_qty * sol.unit_price) AS order_value,
    MAX(i.invoice_id) AS invoice_id,
    MAX(i.status) AS invoice_status
FROM recent_order AS so
INNER JOIN warehouse AS w ON so.warehouse_id = w.warehouse_id
INNER JOIN sales_order_line AS sol ON so.sales_order_id = sol.sales_order_id
LEFT JOIN invoice AS i ON so.sales_order_id = i.sales_order_id
GROUP BY so.sales_order_id, so.status, so.ordered_at, so.shipped_at, w.code
ORDER BY so.ordered_at DESC, so.sales_order_id DESC
