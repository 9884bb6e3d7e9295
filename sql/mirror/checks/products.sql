-- Per product, what the MongoDB mirror's products collection must agree with: business key,
-- category, price, whether it is discontinued, and counts and sums of the embedded offers and
-- stock (the reorder parameters and what is on order too: the low_stock pipeline reads them),
-- and each warehouse's stock in warehouse order, which the sums would not tell apart from
-- the same values moved to another warehouse (the pipelines read stock per warehouse).
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
        SUM(reserved_qty) AS reserved_qty,
        SUM(on_order_qty) AS on_order_qty,
        SUM(reorder_point_qty) AS reorder_point_qty,
        SUM(target_qty) AS target_qty,
        GROUP_CONCAT(
            CONCAT_WS(
                ':', warehouse_id, on_hand_qty, reserved_qty, CAST(on_order_qty AS SIGNED),
                reorder_point_qty, target_qty
            ), ';'
            ORDER BY warehouse_id ASC SEPARATOR ''
        ) AS stock_by_warehouse
    FROM stock_position
    GROUP BY product_id
)

SELECT
    p.product_id,
    p.sku,
    p.category_id,
    p.unit_price,
    IF(p.is_discontinued = 1, 'discontinued', 'sold') AS sale_status,
    COALESCE(o.offer_count, 0) AS offer_count,
    COALESCE(o.offer_unit_cost, 0) AS offer_unit_cost,
    COALESCE(s.warehouse_count, 0) AS warehouse_count,
    COALESCE(s.on_hand_qty, 0) AS on_hand_qty,
    COALESCE(s.reserved_qty, 0) AS reserved_qty,
    COALESCE(s.on_order_qty, 0) AS on_order_qty,
    COALESCE(s.reorder_point_qty, 0) AS reorder_point_qty,
    COALESCE(s.target_qty, 0) AS target_qty,
    COALESCE(s.stock_by_warehouse, '') AS stock_by_warehouse
FROM product AS p
LEFT JOIN offer AS o ON p.product_id = o.product_id
LEFT JOIN stock AS s ON p.product_id = s.product_id
ORDER BY p.product_id ASC
