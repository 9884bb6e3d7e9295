-- name: monthly_sales_trend
-- purpose: Revenue and units kept (net of returns, void invoices excluded) and the orders they came from, per calendar month, with the change on the month before.
-- params: months (int, default 24)
-- grain: one row per calendar month of the last `months` up to the newest with shipments (none before the first); a month without shipments shows zeros
WITH RECURSIVE monthly AS (
    SELECT
        CAST(DATE_FORMAT(so.shipped_at, '%Y-%m-01') AS DATE) AS month_start,
        SUM(ril.revenue) AS revenue,
        SUM(ril.sold_qty) AS units_sold,
        COUNT(DISTINCT so.sales_order_id) AS orders
    -- Only shipped orders have invoices (check invoice_differs_from_order_status): the walk
    -- starts from them (ix_sales_order__status_shipped_at), never from every invoice line.
    FROM sales_order AS so
    INNER JOIN revenue_invoice_line AS ril ON so.sales_order_id = ril.sales_order_id
    WHERE so.status = 'shipped'
    GROUP BY CAST(DATE_FORMAT(so.shipped_at, '%Y-%m-01') AS DATE)
),

-- Every calendar month from the first to the newest, also those without shipments: the
-- change is always on the calendar month before, and `months` counts calendar months, as in
-- monthly_sales_by_category.
calendar AS (
    SELECT
        MIN(month_start) AS month_start,
        MAX(month_start) AS last_month_start
    FROM monthly
    UNION ALL
    SELECT
        month_start + INTERVAL 1 MONTH AS month_start,
        last_month_start
    FROM calendar
    WHERE month_start < last_month_start
)

SELECT
    c.month_start,
    COALESCE(m.revenue, 0) AS revenue,
    COALESCE(m.units_sold, 0) AS units_sold,
    COALESCE(m.orders, 0) AS orders,
    ROUND(100 * (COALESCE(m.revenue, 0) - p.revenue) / NULLIF(p.revenue, 0), 1)
        AS revenue_change_pct
FROM calendar AS c
LEFT JOIN monthly AS m ON c.month_start = m.month_start
LEFT JOIN monthly AS p ON c.month_start - INTERVAL 1 MONTH = p.month_start
WHERE TIMESTAMPDIFF(MONTH, c.month_start, c.last_month_start) < :months
ORDER BY c.month_start DESC
