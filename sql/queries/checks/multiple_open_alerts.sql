-- name: multiple_open_alerts
-- purpose: Products with more than one open low-stock alert in the same warehouse.
-- params: none
-- grain: one row per product and warehouse with duplicates; zero rows when sound
SELECT
    product_id,
    warehouse_id,
    COUNT(*) AS open_alerts
FROM stock_alert
WHERE status = 'open'
GROUP BY product_id, warehouse_id
HAVING COUNT(*) > 1
