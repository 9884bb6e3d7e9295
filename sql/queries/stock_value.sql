-- name: stock_value
-- purpose: Value of stock on hand at average purchase cost, by category and warehouse, with subtotals.
-- params: none
-- grain: one row per category and warehouse, plus a subtotal per category (warehouse 'all') and a grand total
WITH received AS (
    SELECT
        product_id,
        SUM(received_qty * unit_cost) / NULLIF(SUM(received_qty), 0) AS avg_cost
    FROM purchase_order_line
    GROUP BY product_id
),

offer AS (
    SELECT
        product_id,
        MIN(unit_cost) AS min_cost
    FROM product_supplier
    GROUP BY product_id
),

unit_cost AS (
    -- Average cost paid per unit received; products never received fall back to the
    -- cheapest current supplier offer.
    SELECT
        p.product_id,
        COALESCE(r.avg_cost, o.min_cost, 0) AS unit_cost
    FROM product AS p
    LEFT JOIN received AS r ON p.product_id = r.product_id
    LEFT JOIN offer AS o ON p.product_id = o.product_id
)

SELECT
    COALESCE(c.name, 'all') AS category,
    COALESCE(w.code, 'all') AS warehouse,
    SUM(sl.on_hand_qty) AS units_on_hand,
    ROUND(SUM(sl.on_hand_qty * uc.unit_cost), 2) AS stock_value
FROM stock_level AS sl
INNER JOIN product AS p ON sl.product_id = p.product_id
INNER JOIN category AS c ON p.category_id = c.category_id
INNER JOIN warehouse AS w ON sl.warehouse_id = w.warehouse_id
INNER JOIN unit_cost AS uc ON sl.product_id = uc.product_id
GROUP BY c.name, w.code WITH ROLLUP
