-- name: supplier_performance
-- purpose: Suppliers ranked by on-time delivery, with promised and actual lead times, average unit cost and review score.
-- params: none
-- grain: one row per supplier
SELECT
    supplier_id,
    supplier_name,
    is_active,
    received_order_count,
    on_time_rate,
    avg_promised_lead_days,
    avg_actual_lead_days,
    avg_unit_cost,
    avg_rating,
    review_count
FROM supplier_performance
ORDER BY on_time_rate IS NULL ASC, on_time_rate DESC, avg_rating DESC, supplier_id ASC
