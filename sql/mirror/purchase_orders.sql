-- A page of purchase orders for the MongoDB mirror.
SELECT
    purchase_order_id,
    supplier_id,
    warehouse_id,
    status,
    is_auto_generated,
    ordered_at,
    expected_date,
    received_at,
    created_at,
    updated_at
FROM purchase_order
WHERE purchase_order_id > :after_id
ORDER BY purchase_order_id ASC
LIMIT :batch_size
