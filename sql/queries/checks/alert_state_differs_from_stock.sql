-- name: alert_state_differs_from_stock
-- purpose: Stock levels at or below their reorder point without an open alert, or above it with one.
-- params: none
-- grain: one row per product and warehouse whose alert state is wrong; zero rows when sound
SELECT
    sl.product_id,
    sl.warehouse_id,
    sl.reorder_point_qty,
    sa.stock_alert_id AS open_alert_id,
    sl.on_hand_qty - sl.reserved_qty AS available_qty
FROM stock_level AS sl
LEFT JOIN stock_alert AS sa
    ON
        sl.product_id = sa.product_id
        AND sl.warehouse_id = sa.warehouse_id
        AND sa.status = 'open'
WHERE
    (sl.on_hand_qty - sl.reserved_qty <= sl.reorder_point_qty AND sa.stock_alert_id IS NULL)
    OR (sl.on_hand_qty - sl.reserved_qty > sl.reorder_point_qty AND sa.stock_alert_id IS NOT NULL)
