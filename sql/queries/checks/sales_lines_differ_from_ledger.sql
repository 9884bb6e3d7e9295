-- name: sales_lines_differ_from_ledger
-- purpose: Sales order lines whose shipped or returned units disagree with their sale and return movements (product, warehouse and quantity), or that shipped units before their order shipped.
-- params: none
-- grain: one row per sales order line that disagrees; zero rows when sound
WITH ledger AS (
    SELECT
        sm.sales_order_line_id,
        -SUM(CASE WHEN sm.movement_type = 'sale' THEN sm.change_qty ELSE 0 END) AS sold_qty,
        SUM(CASE WHEN sm.movement_type = 'return' THEN sm.change_qty ELSE 0 END)
            AS taken_back_qty,
        SUM(
            CASE
                WHEN sm.product_id <> sol.product_id OR sm.warehouse_id <> so.warehouse_id
                    THEN 1
                ELSE 0
            END
        ) AS misplaced_movements
    FROM stock_movement AS sm
    INNER JOIN sales_order_line AS sol ON sm.sales_order_line_id = sol.sales_order_line_id
    INNER JOIN sales_order AS so ON sol.sales_order_id = so.sales_order_id
    GROUP BY sm.sales_order_line_id
)

SELECT
    sol.sales_order_line_id,
    so.status,
    sol.shipped_qty,
    sol.returned_qty,
    COALESCE(lg.sold_qty, 0) AS sold_qty,
    COALESCE(lg.taken_back_qty, 0) AS taken_back_qty,
    COALESCE(lg.misplaced_movements, 0) AS misplaced_movements
FROM sales_order AS so
INNER JOIN sales_order_line AS sol ON so.sales_order_id = sol.sales_order_id
LEFT JOIN ledger AS lg ON sol.sales_order_line_id = lg.sales_order_line_id
WHERE
    sol.shipped_qty <> COALESCE(lg.sold_qty, 0)
    OR sol.returned_qty <> COALESCE(lg.taken_back_qty, 0)
    OR COALESCE(lg.misplaced_movements, 0) > 0
    OR (so.status <> 'shipped' AND sol.shipped_qty > 0)
