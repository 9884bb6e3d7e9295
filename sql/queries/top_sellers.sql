-- name: top_sellers
-- purpose: Best-selling products by revenue over a period (net of returns, void invoices excluded), with units kept and order count.
-- params: date_from (date, optional: from the first sale), date_to (date, optional: up to now), limit (int, default 20)
-- grain: one row per product
WITH product_sales AS (
    -- Only shipped orders have invoices (check invoice_differs_from_order_status), so the
    -- walk starts from them in ship-time order (ix_sales_order__status_shipped_at); products
    -- are looked up for the ranked few only.
    SELECT
        ril.product_id,
        SUM(ril.sold_qty) AS units_sold,
        SUM(ril.revenue) AS revenue,
        COUNT(DISTINCT so.sales_order_id) AS orders
    FROM sales_order AS so
    INNER JOIN revenue_invoice_line AS ril ON so.sales_order_id = ril.sales_order_id
    WHERE
        so.status = 'shipped'
        AND (:date_from IS NULL OR so.shipped_at >= :date_from)
        AND (:date_to IS NULL OR so.shipped_at < :date_to + INTERVAL 1 DAY)
    GROUP BY ril.product_id
    ORDER BY revenue DESC, ril.product_id ASC
    LIMIT :limit
)

SELECT
    p.product_id,
    p.sku,
    p.name,
    c.name AS category,
    ps.units_sold,
    ps.revenue,
    ps.orders
FROM product_sales AS ps
INNER JOIN product AS p ON ps.product_id = p.product_id
INNER JOIN category AS c ON p.category_id = c.category_id
ORDER BY ps.revenue DESC, p.product_id ASC
