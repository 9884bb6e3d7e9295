-- name: stock_value_over_time
-- purpose: Value of all stock on hand at each month end, at average purchase cost, from the ledger.
-- params: none
-- grain: one row per month with stock movements
WITH monthly_product_change AS (
    -- The ledger's net change per month and product: the unit cost is a product's, so each
    -- product's monthly change is valued once, not each movement.
    SELECT
        CAST(DATE_FORMAT(occurred_at, '%Y-%m-01') AS DATE) AS month_start,
        product_id,
        SUM(change_qty) AS unit_change
    FROM stock_movement
    GROUP BY CAST(DATE_FORMAT(occurred_at, '%Y-%m-01') AS DATE), product_id
),

monthly_change AS (
    -- The running total of the monthly changes is the value at each month end.
    SELECT
        mpc.month_start,
        SUM(mpc.unit_change) AS unit_change,
        SUM(mpc.unit_change * puc.unit_cost) AS value_change
    FROM monthly_product_change AS mpc
    INNER JOIN product_unit_cost AS puc ON mpc.product_id = puc.product_id
    GROUP BY mpc.month_start
)

SELECT
    month_start,
    SUM(unit_change) OVER (ORDER BY month_start) AS units_on_hand,
    ROUND(SUM(value_change) OVER (ORDER BY month_start), 2) AS stock_value
FROM monthly_change
ORDER BY month_start ASC
