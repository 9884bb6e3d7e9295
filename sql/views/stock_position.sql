-- Stock position per product and warehouse: what is on hand, promised, available and on
-- order (open purchase order lines, drafts included). Reordering and the overviews build on it.
-- A draft counts only while it could be sent (send_purchase_order's rules): its supplier and
-- warehouse active, and no line of it for a discontinued product (one such line stops the
-- whole draft). A draft that can never go out would otherwise hold the position up for good,
-- and reordering would never replace it.
CREATE VIEW stock_position AS
WITH open_purchase AS (
    SELECT
        pol.product_id,
        po.warehouse_id,
        SUM(pol.ordered_qty - pol.received_qty) AS on_order_qty
    FROM purchase_order_line AS pol
    INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
    INNER JOIN supplier AS s ON po.supplier_id = s.supplier_id
    INNER JOIN warehouse AS w ON po.warehouse_id = w.warehouse_id
    WHERE
        po.status IN ('draft', 'sent', 'partially_received')
        AND (
            po.status <> 'draft'
            OR (
                s.is_active = 1
                AND w.is_active = 1
                AND NOT EXISTS (
                    SELECT 1
                    FROM purchase_order_line AS stopper
                    INNER JOIN product AS p ON stopper.product_id = p.product_id
                    WHERE
                        stopper.purchase_order_id = po.purchase_order_id
                        AND p.is_discontinued = 1
                )
            )
        )
    GROUP BY pol.product_id, po.warehouse_id
)

SELECT
    sl.product_id,
    sl.warehouse_id,
    sl.on_hand_qty,
    sl.reserved_qty,
    sl.reorder_point_qty,
    sl.target_qty,
    sl.on_hand_qty - sl.reserved_qty AS available_qty,
    COALESCE(op.on_order_qty, 0) AS on_order_qty,
    sl.on_hand_qty - sl.reserved_qty + COALESCE(op.on_order_qty, 0) AS position_qty
FROM stock_level AS sl
LEFT JOIN open_purchase AS op
    ON sl.product_id = op.product_id AND sl.warehouse_id = op.warehouse_id
