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

-- Every calendar month back from the newest shipment's, also those without shipments, as
-- many as `months` asks and one more (the change of the oldest shown is on it), never before
-- the first shipment's: the change is always on the calendar month before, and `months`
-- counts calendar months, as in monthly_sales_by_category. The bounds come from
-- ix_sales_order__status_shipped_at, not from `monthly` again (each reference to it would
-- build it once more).
calendar AS (
    SELECT
        CAST(DATE_FORMAT(MAX(so.shipped_at), '%Y-%m-01') AS DATE) AS month_start,
        CAST(DATE_FORMAT(MIN(so.shipped_at), '%Y-%m-01') AS DATE) AS first_month_start,
        0 AS months_back
    FROM sales_order AS so
    WHERE so.status = 'shipped'
    UNION ALL
    SELECT
        month_start - INTERVAL 1 MONTH AS month_start,
        first_month_start,
        months_back + 1 AS months_back
    FROM calendar
    WHERE month_start > first_month_start AND months_back < :months
),

trend AS (
    SELECT
        c.month_start,
        c.months_back,
        COALESCE(m.revenue, 0) AS revenue,
        COALESCE(m.units_sold, 0) AS units_sold,
        COALESCE(m.orders, 0) AS orders,
        LAG(COALESCE(m.revenue, 0)) OVER (ORDER BY c.month_start) AS previous_revenue
    FROM calendar AS c
    LEFT JOIN monthly AS m ON c.month_start = m.month_start
)

SELECT
    month_start,
    revenue,
    units_sold,
    orders,
    ROUND(100 * (revenue - previous_revenue) / NULLIF(previous_revenue, 0), 1)
        AS revenue_change_pct
FROM trend
WHERE month_start IS NOT NULL AND months_back < :months
ORDER BY month_start DESC
