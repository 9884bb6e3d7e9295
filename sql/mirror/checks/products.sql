-- Per product, what the MongoDB mirror's products collection must agree with: business key,
-- category, price, and counts and sums of the embedded offers and stock.
WITH offer AS (
    SELECT
        product_id,
        COUNT(*) AS offer_count,
        SUM(unit_cost) AS offer_unit_cost
    FROM product_supplier
    GROUP BY product_id
),

stock AS (
    SELECT
        product_id,
        COUNT(*) AS warehouse_count,
        SUM(on_hand_qty) AS on_hand_qty,
        SUM(reserved_qty) AS reserved_qty
    FROM stock_level
    GROUP BY product_id
)

SELECT
    p.product_id,
    p.sku,
    p.category_id,
    p.unit_price,
    COALESCE(o.offer_count, 0) AS offer_count,
    COALESCE(o.offer_unit_cost, 0) AS offer_unit_cost,
    COALESCE(s.warehouse_count, 0) AS warehouse_count,
    COALESCE(s.on_hand_qty, 0) AS on_hand_qty,
    COALESCE(s.reserved_qty, 0) AS reserved_qty
FROM product AS p
LEFT JOIN offer AS o ON p.product_id = o.product_id
LEFT JOIN stock AS s ON p.product_id = s.product_id
ORDER BY p.product_id ASC
