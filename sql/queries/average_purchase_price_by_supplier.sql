-- name: average_purchase_price_by_supplier
-- purpose: Average unit price paid to each supplier (weighted by units received), and volume.
-- params: date_from (date, optional: all history)
-- grain: one row per supplier with receipts
SELECT
    s.supplier_id,
    s.name AS supplier,
    COUNT(DISTINCT po.purchase_order_id) AS purchase_orders,
    SUM(pol.received_qty) AS units_received,
    ROUND(SUM(pol.received_qty * pol.unit_cost) / NULLIF(SUM(pol.received_qty), 0), 2)
        AS avg_unit_price,
    SUM(pol.received_qty * pol.unit_cost) AS amount_spent
FROM purchase_order AS po
INNER JOIN supplier AS s ON po.supplier_id = s.supplier_id
INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
WHERE
    pol.received_qty > 0
    AND (:date_from IS NULL OR po.ordered_at >= :date_from)
GROUP BY s.supplier_id, s.name
ORDER BY avg_unit_price DESC, s.supplier_id ASC
