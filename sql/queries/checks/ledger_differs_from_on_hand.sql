-- name: ledger_differs_from_on_hand
-- purpose: Stock levels whose on-hand quantity is not the sum of their stock movements.
-- params: none
-- grain: one row per product and warehouse that disagrees; zero rows when sound
SELECT
    sl.product_id,
    sl.warehouse_id,
    sl.on_hand_qty,
    COALESCE(SUM(sm.change_qty), 0) AS ledger_qty
FROM stock_level AS sl
LEFT JOIN stock_movement AS sm
    ON sl.product_id = sm.product_id AND sl.warehouse_id = sm.warehouse_id
GROUP BY sl.product_id, sl.warehouse_id, sl.on_hand_qty
HAVING sl.on_hand_qty <> COALESCE(SUM(sm.change_qty), 0)
