-- A page of sales orders for the MongoDB mirror, with their invoice if any (columns named
-- invoice__x become the embedded invoice document; all NULL: no invoice).
SELECT
    so.sales_order_id,
    so.customer_id,
    so.warehouse_id,
    so.status,
    so.ordered_at,
    so.shipped_at,
    so.cancelled_at,
    i.invoice_id AS invoice__invoice_id,
    i.status AS invoice__status,
    i.total_amount AS invoice__total_amount,
    i.issued_at AS invoice__issued_at,
    i.due_date AS invoice__due_date,
    i.paid_at AS invoice__paid_at,
    so.created_at,
    so.updated_at
FROM sales_order AS so
LEFT JOIN invoice AS i ON so.sales_order_id = i.sales_order_id
WHERE so.sales_order_id > :after_id
ORDER BY so.sales_order_id ASC
LIMIT :batch_size
