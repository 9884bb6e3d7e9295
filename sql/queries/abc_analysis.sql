-- name: abc_analysis
-- purpose: ABC classes by revenue: A = products making the first 80% of revenue, B the next 15%, C the rest.
-- params: date_from (date, optional: all history), date_to (date, optional: up to now)
-- grain: one row per product with sales in the period
WITH product_revenue AS (
    SELECT
        sol.product_id,
        SUM(il.line_total) AS revenue
    FROM invoice_line AS il
    INNER JOIN sales_order_line AS sol ON il.sales_order_line_id = sol.sales_order_line_id
    INNER JOIN sales_order AS so ON sol.sales_order_id = so.sales_order_id
    WHERE
        (:date_from IS NULL OR so.shipped_at >= :date_from)
        AND (:date_to IS NULL OR so.shipped_at < :date_to + INTERVAL 1 DAY)
    GROUP BY sol.product_id
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
