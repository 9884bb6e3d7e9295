-- name: stock_value_over_time
-- purpose: Value of all stock on hand at each month end, at average purchase cost, from the ledger.
-- params: none
-- grain: one row per month with stock movements
WITH received AS (
    SELECT
        product_id,
        SUM(received_qty * unit_cost) / NULLIF(SUM(received_qty), 0) AS avg_cost
    FROM purchase_order_line
    GROUP BY product_id
),

offer AS (
    SELECT
        product_id,
        MIN(unit_cost) AS min_cost
    FROM product_supplier
    GROUP BY product_id
),

monthly_change AS (
    -- Every movement changes the stock value by its quantity times the unit cost, so the
    -- running total of the monthly changes is the value at each month end.
    SELECT
        CAST(DATE_FORMAT(sm.occurred_at, '%Y-%m-01') AS DATE) AS month_start,
        SUM(sm.change_qty) AS unit_change,
        SUM(sm.change_qty * COALESCE(r.avg_cost, o.min_cost, 0)) AS value_change
    FROM stock_movement AS sm
    LEFT JOIN received AS r ON sm.product_id = r.product_id
    LEFT JOIN offer AS o ON sm.product_id = o.product_id
    GROUP BY CAST(DATE_FORMAT(sm.occurred_at, '%Y-%m-01') AS DATE)
)

SELECT
    month_start,
    SUM(unit_change) OVER (ORDER BY month_start) AS units_on_hand,
    ROUND(SUM(value_change) OVER (ORDER BY month_start), 2) AS stock_value
FROM monthly_change
ORDER BY month_start ASC
