-- name: top_sellers
-- purpose: Best-selling products by revenue over a period, with units and order count.
-- params: date_from (date, optional: from the first sale), date_to (date, optional: up to now), limit (int, default 20)
-- grain: one row per product
SELECT
    p.product_id,
    p.sku,
    p.name,
    c.name AS category,
    SUM(il.invoiced_qty) AS units_sold,
    SUM(il.line_total) AS revenue,
    COUNT(DISTINCT so.sales_order_id) AS orders
FROM invoice_line AS il
INNER JOIN sales_order_line AS sol ON il.sales_order_line_id = sol.sales_order_line_id
INNER JOIN sales_order AS so ON sol.sales_order_id = so.sales_order_id
INNER JOIN product AS p ON sol.product_id = p.product_id
INNER JOIN category AS c ON p.category_id = c.category_id
WHERE
    (:date_from IS NULL OR so.shipped_at >= :date_from)
    AND (:date_to IS NULL OR so.shipped_at < :date_to + INTERVAL 1 DAY)
GROUP BY p.product_id, p.sku, p.name, c.name
ORDER BY revenue DESC, p.product_id ASC
LIMIT :limit
