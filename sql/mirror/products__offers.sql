-- Supplier offers of the products between :first_id and :last_id: prices and lead times.
SELECT
    ps.product_id,
    ps.supplier_id,
    s.name AS supplier_name,
    ps.supplier_sku,
    ps.unit_cost,
    ps.lead_time_days,
    ps.min_order_qty,
    ps.order_multiple,
    ps.is_preferred
FROM product_supplier AS ps
INNER JOIN supplier AS s ON ps.supplier_id = s.supplier_id
WHERE ps.product_id BETWEEN :first_id AND :last_id
ORDER BY ps.product_id ASC, ps.supplier_id ASC
