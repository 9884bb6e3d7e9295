-- name: monthly_sales_trend
-- purpose: Revenue and units kept (net of returns, void invoices excluded) and the orders they came from, per calendar month, with the change on the month before.
-- params: months (int, default 24)
-- grain: one row per calendar month of the last `months` up to the newest with shipments (none before the first); a month without shipments shows zeros
WITH monthly AS (
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

digits AS (
    SELECT 0 AS d
    UNION ALL
    SELECT 1
    UNION ALL
    SELECT 2
    UNION ALL
    SELECT 3
    UNION ALL
    SELECT 4
    UNION ALL
    SELECT 5
    UNION ALL
    SELECT 6
    UNION ALL
    SELECT 7
    UNION ALL
    SELECT 8
    UNION ALL
    SELECT 9
),

-- 0 to 9999: how many months back from the newest a calendar month is (833 years; built
-- by cross joins, not recursion, whose step limit, 1000 by default on both servers, a long
-- history or a bad date would exceed: MariaDB then stops with a warning, MySQL with 3636).
months_back AS (
    SELECT units.d + 10 * tens.d + 100 * hundreds.d + 1000 * thousands.d AS n
    FROM digits AS units
    CROSS JOIN digits AS tens
    CROSS JOIN digits AS hundreds
    CROSS JOIN digits AS thousands
),

-- Every calendar month back from the newest shipment's, also those without shipments, as
-- many as `months` asks and one more (the change of the oldest shown is on it), never before
-- the first shipment's: the change is always on the calendar month before, and `months`
-- counts calendar months, as in monthly_sales_by_category. The bounds come from
-- ix_sales_order__status_shipped_at, not from `monthly` again (each reference to it would
-- build it once more).
bounds AS (
    SELECT
        CAST(DATE_FORMAT(MAX(so.shipped_at), '%Y-%m-01') AS DATE) AS last_month_start,
        CAST(DATE_FORMAT(MIN(so.shipped_at), '%Y-%m-01') AS DATE) AS first_month_start
    FROM sales_order AS so
    WHERE so.status = 'shipped'
),

calendar AS (
    SELECT
        mb.n AS months_back,
        b.last_month_start - INTERVAL mb.n MONTH AS month_start
    FROM bounds AS b
    INNER JOIN months_back AS mb
        ON
            mb.n <= :months
            AND b.last_month_start - INTERVAL mb.n MONTH >= b.first_month_start
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
WHERE months_back < :months
ORDER BY month_start DESC
