-- name: abc_analysis
-- purpose: ABC classes by revenue (net of returns, void invoices excluded): A = products making the first 80% of revenue, B the next 15%, C the rest.
-- params: date_from (date, optional: all history), date_to (date, optional: up to now)
-- grain: one row per product with sales in the period
WITH product_revenue AS (
    SELECT
        ril.product_id,
        SUM(ril.revenue) AS revenue
    -- Only shipped orders have invoices (check invoice_differs_from_order_status): the walk
    -- starts from them (ix_sales_order__status_shipped_at), never from every invoice line.
    FROM sales_order AS so
    INNER JOIN revenue_invoice_line AS ril ON so.sales_order_id = ril.sales_order_id
    WHERE
        so.status = 'shipped'
        AND (:date_from IS NULL OR so.shipped_at >= :date_from)
        AND (:date_to IS NULL OR so.shipped_at < :date_to + INTERVAL 1 DAY)
    GROUP BY ril.product_id
),

ranked AS (
    SELECT
        product_id,
        revenue,
        SUM(revenue) OVER (ORDER BY revenue DESC, product_id ASC) AS cumulative_revenue,
        SUM(revenue) OVER () AS total_revenue
    FROM product_revenue
)

SELECT
    r.product_id,
    p.sku,
    p.name,
    r.revenue,
    ROUND(100 * r.revenue / r.total_revenue, 2) AS revenue_share_pct,
    ROUND(100 * r.cumulative_revenue / r.total_revenue, 2) AS cumulative_share_pct,
    CASE
        WHEN r.cumulative_revenue - r.revenue < 0.80 * r.total_revenue THEN 'A'
        WHEN r.cumulative_revenue - r.revenue < 0.95 * r.total_revenue THEN 'B'
        ELSE 'C'
    END AS abc_class
FROM ranked AS r
INNER JOIN product AS p ON r.product_id = p.product_id
ORDER BY r.revenue DESC, r.product_id ASC
