-- Inventory overview. One row per product and warehouse that stocks it (a stock_level row).
--   category_id, category_name: the category the product is listed under (not rolled up).
--   on_hand_qty: units in the warehouse; reserved_qty: units promised to open sales orders.
--   available_qty: on hand - reserved, what can still be sold.
--   on_order_qty: units on open purchase orders (drafts included) not yet received.
--   position_qty: available + on order, the stock position reordering looks at.
--   reorder_point_qty, target_qty: reorder when the position falls to the point; order up to
--   the target.
--   status: 'discontinued' for a discontinued product, else 'out_of_stock' when nothing is
--   available (available <= 0), else 'low' when the position is at or below the reorder
--   point, else 'ok'.
CREATE VIEW inventory_overview AS
SELECT
    sp.product_id,
    p.sku,
    p.name AS product_name,
    p.category_id,
    c.name AS category_name,
    sp.warehouse_id,
    w.code AS warehouse_code,
    sp.on_hand_qty,
    sp.reserved_qty,
    sp.available_qty,
    sp.on_order_qty,
    sp.position_qty,
    sp.reorder_point_qty,
    sp.target_qty,
    CASE
        WHEN p.is_discontinued = 1 THEN 'discontinued'
        WHEN sp.available_qty <= 0 THEN 'out_of_stock'
        WHEN sp.position_qty <= sp.reorder_point_qty THEN 'low'
        ELSE 'ok'
    END AS status
FROM stock_position AS sp
INNER JOIN product AS p ON sp.product_id = p.product_id
INNER JOIN category AS c ON p.category_id = c.category_id
INNER JOIN warehouse AS w ON sp.warehouse_id = w.warehouse_id
