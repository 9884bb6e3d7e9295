-- Supplier performance. One row per supplier, including suppliers with no orders or reviews.
--   received_order_count: purchase orders with the supplier that were received in full
--   (status 'received').
--   on_time_order_count: those received on or before their expected date (received_at's
--   date <= expected_date).
--   on_time_rate: on-time orders / received orders that had an expected date, 0 to 1;
--   NULL when there are none.
--   avg_promised_lead_days: mean of expected_date - ordered_at's date over the received orders
--   that had an expected date: the lead time promised.
--   avg_actual_lead_days: mean of received_at's date - ordered_at's date over the same
--   orders: the lead time delivered. Both count calendar days, so an order is on time exactly
--   when its actual lead time is at most its promised one.
--   received_unit_count: units received from the supplier on any order.
--   avg_unit_cost: average price paid per unit received, weighted by the units received
--   (sum of received units x unit cost / received units); NULL when nothing was received.
--   avg_rating: mean review rating (1 to 5); review_count: number of reviews.
CREATE VIEW supplier_performance AS
WITH received_order AS (
    SELECT
        supplier_id,
        COUNT(*) AS received_order_count,
        COUNT(expected_date) AS promised_order_count,
        SUM(CASE WHEN CAST(received_at AS DATE) <= expected_date THEN 1 ELSE 0 END)
            AS on_time_order_count,
        AVG(CASE WHEN expected_date IS NOT NULL THEN DATEDIFF(expected_date, ordered_at) END)
            AS avg_promised_lead_days,
        AVG(CASE WHEN expected_date IS NOT NULL THEN DATEDIFF(received_at, ordered_at) END)
            AS avg_actual_lead_days
    FROM purchase_order
    WHERE status = 'received'
    GROUP BY supplier_id
),

received_cost AS (
    SELECT
        po.supplier_id,
        SUM(pol.received_qty) AS received_unit_count,
        SUM(pol.received_qty * pol.unit_cost) / SUM(pol.received_qty) AS avg_unit_cost
    FROM purchase_order_line AS pol
    INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
    WHERE pol.received_qty > 0
    GROUP BY po.supplier_id
),

review AS (
    SELECT
        supplier_id,
        COUNT(*) AS review_count,
        AVG(rating) AS avg_rating
    FROM supplier_review
    GROUP BY supplier_id
)

SELECT
    s.supplier_id,
    s.name AS supplier_name,
    s.is_active,
    COALESCE(ro.received_order_count, 0) AS received_order_count,
    COALESCE(ro.on_time_order_count, 0) AS on_time_order_count,
    ROUND(ro.on_time_order_count / NULLIF(ro.promised_order_count, 0), 4) AS on_time_rate,
    ROUND(ro.avg_promised_lead_days, 2) AS avg_promised_lead_days,
    ROUND(ro.avg_actual_lead_days, 2) AS avg_actual_lead_days,
    COALESCE(rc.received_unit_count, 0) AS received_unit_count,
    ROUND(rc.avg_unit_cost, 2) AS avg_unit_cost,
    ROUND(rv.avg_rating, 2) AS avg_rating,
    COALESCE(rv.review_count, 0) AS review_count
FROM supplier AS s
LEFT JOIN received_order AS ro ON s.supplier_id = ro.supplier_id
LEFT JOIN received_cost AS rc ON s.supplier_id = rc.supplier_id
LEFT JOIN review AS rv ON s.supplier_id = rv.supplier_id
