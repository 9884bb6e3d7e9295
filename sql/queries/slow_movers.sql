-- name: slow_movers
-- purpose: Stock that sells slowly or not at all: units sold in a window, days of cover, and dead stock.
-- params: days (int, default 90), cover_days (int, default 180), as_of (date, optional: today)
-- grain: one row per product and warehouse holding stock that is dead or slow
-- The window is the `days` whole days ending with as_of, the days the rate is divided by;
-- the stock is what was on hand at the end of as_of.
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

-- On hand at the end of as_of: the ledger's balance after the last movement by then (the
-- ledger sums to on hand, check ledger_differs_from_on_hand); without as_of, the stock level.
stock AS (
    SELECT
        sl.product_id,
        sl.warehouse_id,
        CASE
            WHEN :as_of IS NULL THEN sl.on_hand_qty
            ELSE COALESCE((
                SELECT sm.balance_after_qty
                FROM stock_movement AS sm
                WHERE
                    sm.product_id = sl.product_id
                    AND sm.warehouse_id = sl.warehouse_id
                    AND sm.occurred_at < :as_of + INTERVAL 1 DAY
                ORDER BY sm.occurred_at DESC, sm.stock_movement_id DESC
                LIMIT 1
            ), 0)
        END AS on_hand_qty
    FROM stock_level AS sl
),

cover AS (
    SELECT
        st.product_id,
        st.warehouse_id,
        st.on_hand_qty,
        s.last_sold_at,
        COALESCE(s.units_sold, 0) AS units_sold,
        st.on_hand_qty / NULLIF(COALESCE(s.units_sold, 0) / :days, 0) AS days_of_cover
    FROM stock AS st
    LEFT JOIN sold AS s ON st.product_id = s.product_id AND st.warehouse_id = s.warehouse_id
    WHERE st.on_hand_qty > 0
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
