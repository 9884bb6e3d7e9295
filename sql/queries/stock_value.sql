-- name: stock_value
-- purpose: Value of stock on hand at average purchase cost, by category and warehouse, with subtotals.
-- params: none
-- grain: one row per category and warehouse, plus a subtotal per category (warehouse 'all') and a grand total
-- The unit cost comes from the view product_unit_cost (average received cost, else the
-- cheapest supplier offer).
SELECT
    COALESCE(c.name, 'all') AS category,
    COALESCE(w.code, 'all') AS warehouse,
    SUM(sl.on_hand_qty) AS units_on_hand,
    ROUND(SUM(sl.on_hand_qty * puc.unit_cost), 2) AS stock_value
FROM stock_level AS sl
INNER JOIN product AS p ON sl.product_id = p.product_id
INNER JOIN category AS c ON p.category_id = c.category_id
INNER JOIN warehouse AS w ON sl.warehouse_id = w.warehouse_id
INNER JOIN product_unit_cost AS puc ON sl.product_id = puc.product_id
GROUP BY c.name, w.code WITH ROLLUP
