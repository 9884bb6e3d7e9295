-- What automatic reordering would order now: every product (not discontinued) in every active
-- warehouse whose stock position (on hand + on order - reserved; drafts count as on order)
-- is at or below its reorder point and below its target. The quantity tops the position up
-- to the target, at least the supplier's minimum order, rounded UP to a whole number of its
-- order multiple; the supplier is the one reorder_supplier chooses. A product no active
-- supplier offers is not listed (its low-stock alert still is): there is no one to order from.
-- reorder_stock() turns these rows into draft purchase orders.
CREATE VIEW reorder_suggestion AS
SELECT
    sp.product_id,
    sp.warehouse_id,
    rs.supplier_id,
    sp.on_hand_qty,
    sp.reserved_qty,
    sp.on_order_qty,
    sp.position_qty,
    sp.reorder_point_qty,
    sp.target_qty,
    rs.min_order_qty,
    rs.order_multiple,
    rs.unit_cost,
    rs.lead_time_days,
    CEIL(GREATEST(sp.target_qty - sp.position_qty, rs.min_order_qty) / rs.order_multiple)
    * rs.order_multiple AS order_qty,
    UTC_DATE() + INTERVAL rs.lead_time_days DAY AS expected_date
FROM stock_position AS sp
INNER JOIN product AS p ON sp.product_id = p.product_id
INNER JOIN warehouse AS w ON sp.warehouse_id = w.warehouse_id
INNER JOIN reorder_supplier AS rs ON sp.product_id = rs.product_id
WHERE
    p.is_discontinued = 0
    AND w.is_active = 1
    AND sp.position_qty <= sp.reorder_point_qty
    AND sp.position_qty < sp.target_qty
