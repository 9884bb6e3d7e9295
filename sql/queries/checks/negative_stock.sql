-- name: negative_stock
-- purpose: Stock levels or ledger balances below zero, or reservations above on hand.
-- params: none
-- grain: one row per offending stock level or movement; zero rows when sound
SELECT
    'stock_level' AS source,
    product_id,
    warehouse_id,
    on_hand_qty AS qty,
    reserved_qty
FROM stock_level
WHERE on_hand_qty < 0 OR reserved_qty < 0 OR reserved_qty > on_hand_qty
UNION ALL
SELECT
    'stock_movement' AS source,
    product_id,
    warehouse_id,
    balance_after_qty AS qty,
    NULL AS reserved_qty
FROM stock_movement
WHERE balance_after_qty < 0
