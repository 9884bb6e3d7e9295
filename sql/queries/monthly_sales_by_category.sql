-- name: monthly_sales_by_category
-- purpose: Revenue and units shipped per month and category, for trend charts.
-- params: months (int, default 24)
-- grain: one row per month and category with shipments
WITH latest AS (
    SELECT MAX(month_start_date) AS last_month
    FROM sales_by_category_month
)

SELECT
    s.month_start_date,
    s.category_name,
    s.shipped_unit_count,
    s.revenue,
    s.order_count
FROM sales_by_category_month AS s
CROSS JOIN latest AS l
WHERE s.month_start_date > l.last_month - INTERVAL :months MONTH
ORDER BY s.month_start_date ASC, s.category_name ASC
