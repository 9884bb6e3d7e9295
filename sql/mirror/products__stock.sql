-- Stock per warehouse of the products between :first_id and :last_id, as the stock_position
-- view states it (on order: open purchase order lines, drafts included; a sum, so cast back
-- to a whole number).
SELECT
    sp.product_id,
    sp.warehouse_id,
    w.code AS warehouse_code,
    sp.on_hand_qty,
    sp.reserved_qty,
    CAST(sp.on_order_qty AS SIGNED) AS on_order_qty,
    sp.reorder_point_qty,
    sp.target_qty
FROM stock_position AS sp
INNER JOIN warehouse AS w ON sp.warehouse_id = w.warehouse_id
WHERE sp.product_id BETWEEN :first_id AND :last_id
ORDER BY sp.product_id ASC, sp.warehouse_id ASC
