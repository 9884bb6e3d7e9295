-- name: reserved_differs_from_open_orders
-- purpose: Stock levels whose reserved quantity is not what their open sales orders still await, and open orders for products their warehouse does not stock.
-- params: none
-- grain: one row per product and warehouse that disagrees; zero rows when sound
WITH awaited AS (
    SELECT
        sol.product_id,
        so.warehouse_id,
        SUM(sol.ordered_qty) AS awaited_qty
    FROM sales_order AS so
    INNER JOIN sales_order_line AS sol ON so.sales_order_id = sol.sales_order_id
    WHERE so.status = 'open'
    GROUP BY sol.product_id, so.warehouse_id
)

SELECT
    sl.product_id,
    sl.warehouse_id,
    sl.reserved_qty,
    COALESCE(aw.awaited_qty, 0) AS awaited_qty
FROM stock_level AS sl
LEFT JOIN awaited AS aw
    ON sl.product_id = aw.product_id AND sl.warehouse_id = aw.warehouse_id
WHERE sl.reserved_qty <> COALESCE(aw.awaited_qty, 0)
UNION ALL
SELECT
    aw.product_id,
    aw.warehouse_id,
    NULL AS reserved_qty,
    aw.awaited_qty
FROM awaited AS aw
LEFT JOIN stock_level AS sl
    ON aw.product_id = sl.product_id AND aw.warehouse_id = sl.warehouse_id
WHERE sl.product_id IS NULL
