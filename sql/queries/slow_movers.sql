-- name: slow_movers
-- purpose: Stock that sells slowly or not at all: units sold in a window, days of cover, and dead stock.
-- params: days (int, default 90), cover_days (int, default 180), as_of (date, optional: today)
-- grain: one row per product and warehouse holding stock that is dead or slow
-- The window is the `days` whole days ending with as_of, the days the rate is divided by.
WITH sold AS (
    SELECT
        product_id,
        warehouse_id,
        -SUM(CASE
            WHEN occurred_at >= COALESCE(:as_of, UTC_DATE()) + INTERVAL 1 DAY - INTERVAL :days DAY
                THEN change_qty
            ELSE 0
        END) AS units_sold,
        MAX(occurred_at) AS last_sold_at
    FROM stock_movement
    WHERE movement_type = 'sale' AND occurred_at < COALESCE(:as_of, UTC_DATE()) + INTERVAL 1 DAY
    GROUP BY product_id, warehouse_id
),

cover AS (
    SELECT
        sl.product_id,
        sl.warehouse_id,
        sl.on_hand_qty,
        s.last_sold_at,
        COALESCE(s.units_sold, 0) AS units_sold,
        sl.on_hand_qty / NULLIF(COALESCE(s.units_sold, 0) / :days, 0) AS days_of_cover
    FROM stock_level AS sl
    LEFT JOIN sold AS s ON sl.product_id = s.product_id AND sl.warehouse_id = s.warehouse_id
    WHERE sl.on_hand_qty > 0
)

SELECT
    cv.product_id,
    p.sku,
    p.name,
    w.code AS warehouse,
    cv.on_hand_qty,
    cv.units_sold,
    cv.last_sold_at,
    ROUND(cv.days_of_cover) AS days_of_cover,
    CASE WHEN cv.units_sold = 0 THEN 'dead' ELSE 'slow' END AS movement_class
FROM cover AS cv
INNER JOIN product AS p ON cv.product_id = p.product_id
INNER JOIN warehouse AS w ON cv.warehouse_id = w.warehouse_id
WHERE cv.units_sold = 0 OR cv.days_of_cover > :cover_days
ORDER BY movement_class ASC, cv.days_of_cover DESC, cv.product_id ASC, cv.warehouse_id ASC
