-- Per purchase order, what the MongoDB mirror's purchase_orders collection must agree with:
-- supplier, status, and counts and sums of the embedded lines.
WITH line AS (
    SELECT
        purchase_order_id,
        COUNT(*) AS line_count,
        SUM(ordered_qty) AS ordered_qty,
        SUM(received_qty) AS received_qty,
        SUM(received_qty * unit_cost) AS received_cost
    FROM purchase_order_line
    GROUP BY purchase_order_id
)

SELECT
    po.purchase_order_id,
    po.supplier_id,
    po.status,
    COALESCE(l.line_count, 0) AS line_count,
    COALESCE(l.ordered_qty, 0) AS ordered_qty,
    COALESCE(l.received_qty, 0) AS received_qty,
    COALESCE(l.received_cost, 0) AS received_cost
FROM purchase_order AS po
LEFT JOIN line AS l ON po.purchase_order_id = l.purchase_order_id
ORDER BY po.purchase_order_id ASC
