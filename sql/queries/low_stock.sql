-- name: low_stock
-- purpose: Products whose available stock is at or below their reorder point, worst first.
-- params: warehouse_id (int, optional: all warehouses), limit (int, default 50)
-- grain: one row per product and warehouse
SELECT
    product_id,
    sku,
    product_name,
    category_name,
    warehouse_code,
    available_qty,
    on_order_qty,
    reorder_point_qty,
    target_qty,
    shortfall_qty,
    status
FROM low_stock
WHERE :warehouse_id IS NULL OR warehouse_id = :warehouse_id
ORDER BY shortfall_qty DESC, available_qty ASC, product_id ASC, warehouse_id ASC
LIMIT :limit
