-- Low stock. One row per product and warehouse whose available stock (on hand - reserved) is
-- at or below its reorder point, for products still sold: the rows of inventory_overview
-- that have, or are about to get, an open low-stock alert.
--   All columns mean what they mean in inventory_overview (status is 'out_of_stock', 'low'
--   or 'ok': 'ok' when stock already on order lifts the position above the reorder point).
--   shortfall_qty: units needed to bring the position back up to the target, 0 when enough
--   is on order already.
CREATE VIEW low_stock AS
SELECT
    product_id,
    sku,
    product_name,
    category_id,
    category_name,
    warehouse_id,
    warehouse_code,
    on_hand_qty,
    reserved_qty,
    available_qty,
    on_order_qty,
    position_qty,
    reorder_point_qty,
    target_qty,
    status,
    GREATEST(target_qty - position_qty, 0) AS shortfall_qty
FROM inventory_overview
WHERE
    available_qty <= reorder_point_qty
    AND status <> 'discontinued'
