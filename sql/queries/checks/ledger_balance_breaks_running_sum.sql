-- name: ledger_balance_breaks_running_sum
-- purpose: Movements whose recorded balance is not the running sum of the ledger up to them.
-- params: none
-- grain: one row per stock movement whose balance_after_qty is wrong; zero rows when sound
SELECT
    stock_movement_id,
    product_id,
    warehouse_id,
    balance_after_qty,
    running_qty
FROM (
    SELECT
        stock_movement_id,
        product_id,
        warehouse_id,
        balance_after_qty,
        SUM(change_qty) OVER (
            PARTITION BY product_id, warehouse_id
            ORDER BY occurred_at, stock_movement_id
        ) AS running_qty
    FROM stock_movement
) AS ledger
WHERE balance_after_qty <> running_qty
