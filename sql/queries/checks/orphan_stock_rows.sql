-- name: orphan_stock_rows
-- purpose: Stock movements and alerts whose parent is missing (possible only if foreign-key checks were off).
-- params: none
-- grain: one row per child row and missing parent; zero rows when sound
SELECT
    'fk_stock_movement__stock_level' AS foreign_key,
    sm.stock_movement_id AS child_id,
    CONCAT(sm.product_id, '/', sm.warehouse_id) AS missing_key
FROM stock_movement AS sm
LEFT JOIN stock_level AS sl
    ON sm.product_id = sl.product_id AND sm.warehouse_id = sl.warehouse_id
WHERE sl.product_id IS NULL
UNION ALL
SELECT
    'fk_stock_movement__sales_order_line' AS foreign_key,
    sm.stock_movement_id AS child_id,
    CAST(sm.sales_order_line_id AS CHAR) AS missing_key
FROM stock_movement AS sm
LEFT JOIN sales_order_line AS sol ON sm.sales_order_line_id = sol.sales_order_line_id
WHERE sm.sales_order_line_id IS NOT NULL AND sol.sales_order_line_id IS NULL
UNION ALL
SELECT
    'fk_stock_movement__purchase_order_line' AS foreign_key,
    sm.stock_movement_id AS child_id,
    CAST(sm.purchase_order_line_id AS CHAR) AS missing_key
FROM stock_movement AS sm
LEFT JOIN purchase_order_line AS pol
    ON sm.purchase_order_line_id = pol.purchase_order_line_id
WHERE sm.purchase_order_line_id IS NOT NULL AND pol.purchase_order_line_id IS NULL
UNION ALL
SELECT
    'fk_stock_movement__warehouse' AS foreign_key,
    sm.stock_movement_id AS child_id,
    CAST(sm.counterpart_warehouse_id AS CHAR) AS missing_key
FROM stock_movement AS sm
LEFT JOIN warehouse AS w ON sm.counterpart_warehouse_id = w.warehouse_id
WHERE sm.counterpart_warehouse_id IS NOT NULL AND w.warehouse_id IS NULL
UNION ALL
SELECT
    'fk_stock_alert__stock_level' AS foreign_key,
    sa.stock_alert_id AS child_id,
    CONCAT(sa.product_id, '/', sa.warehouse_id) AS missing_key
FROM stock_alert AS sa
LEFT JOIN stock_level AS sl
    ON sa.product_id = sl.product_id AND sa.warehouse_id = sl.warehouse_id
WHERE sl.product_id IS NULL
