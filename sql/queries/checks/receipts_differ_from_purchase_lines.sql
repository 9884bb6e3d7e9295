-- name: receipts_differ_from_purchase_lines
-- purpose: Purchase order lines whose received quantity is not the sum of their receipt movements, or whose receipts moved another product or warehouse.
-- params: none
-- grain: one row per purchase order line that disagrees with the ledger; zero rows when sound
WITH receipt AS (
    SELECT
        pol.purchase_order_line_id,
        pol.purchase_order_id,
        pol.product_id,
        po.warehouse_id,
        pol.received_qty,
        sm.change_qty,
        CASE
            WHEN sm.product_id <> pol.product_id OR sm.warehouse_id <> po.warehouse_id THEN 1
            ELSE 0
        END AS is_misplaced
    FROM purchase_order_line AS pol
    INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
    LEFT JOIN stock_movement AS sm
        ON
            pol.purchase_order_line_id = sm.purchase_order_line_id
            AND sm.movement_type = 'receipt'
)

SELECT
    purchase_order_line_id,
    purchase_order_id,
    product_id,
    warehouse_id,
    received_qty,
    COALESCE(SUM(change_qty), 0) AS receipt_qty,
    COALESCE(SUM(is_misplaced), 0) AS misplaced_receipt_count
FROM receipt
GROUP BY purchase_order_line_id, purchase_order_id, product_id, warehouse_id, received_qty
HAVING
    received_qty <> COALESCE(SUM(change_qty), 0)
    OR COALESCE(SUM(is_misplaced), 0) > 0
