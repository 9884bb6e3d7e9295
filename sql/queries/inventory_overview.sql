-- name: inventory_overview
-- purpose: Stock of every product in every warehouse: on hand, reserved, available, on order, reorder point and status.
-- params: warehouse_id (int, optional: all warehouses), category_id (int, optional: all categories), limit (int, default 1000)
-- grain: one row per product and warehouse
SELECT
    product_id,
    sku,
    product_name,
    category_name,
    warehouse_code,
    on_hand_qty,
    reserved_qty,
    available_qty,
    on_order_qty,
    reorder_point_qty,
    target_qty,
    status
FROM inventory_overview
WHERE
    (:warehouse_id IS NULL OR warehouse_id = :warehouse_id)
    AND (:category_id IS NULL OR category_id = :category_id)
ORDER BY sku ASC, warehouse_code ASC
LIMIT :limit
