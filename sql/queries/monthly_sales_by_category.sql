-- name: monthly_sales_by_category
-- purpose: Revenue and units shipped per month and category, for trend charts.
-- params: months (int, default 24)
-- grain: one row per month and category with shipments
WITH latest AS (
    -- The view's newest month is that of the last shipped order that shipped units: found
    -- walking back through ix_sales_order__status_shipped_at, not by building the view twice.
    SELECT so.shipped_at AS last_shipped_at
    FROM sales_order AS so
    WHERE
        so.status = 'shipped'
        AND (
            SELECT MAX(sol.shipped_qty)
            FROM sales_order_line AS sol
            WHERE sol.sales_order_id = so.sales_order_id
        ) > 0
    ORDER BY so.shipped_at DESC
    LIMIT 1
)

SELECT
    s.month_start_date,
    s.category_name,
    s.shipped_unit_count,
    s.revenue,
    s.order_count
FROM sales_by_category_month AS s
CROSS JOIN latest AS l
WHERE
    s.month_start_date
    > CAST(l.last_shipped_at AS DATE)
    - INTERVAL DAYOFMONTH(l.last_shipped_at) - 1 DAY
    - INTERVAL :months MONTH
ORDER BY s.month_start_date ASC, s.category_name ASC
