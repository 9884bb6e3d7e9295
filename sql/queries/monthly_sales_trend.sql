-- name: monthly_sales_trend
-- purpose: Revenue and units kept (net of returns, void invoices excluded) and orders shipped per month, with the change on the month before.
-- params: months (int, default 24)
-- grain: one row per calendar month with shipments
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

recent AS (
    SELECT
        month_start,
        revenue,
        units_sold,
        orders,
        LAG(revenue) OVER (ORDER BY month_start) AS previous_revenue
    FROM monthly
)

SELECT
    month_start,
    revenue,
    units_sold,
    orders,
    ROUND(100 * (revenue - previous_revenue) / NULLIF(previous_revenue, 0), 1)
        AS revenue_change_pct
FROM recent
ORDER BY month_start DESC
LIMIT :months
