-- A page of customers for the MongoDB mirror.
SELECT
    customer_id,
    name,
    email,
    phone,
    address_line,
    city,
    postal_code,
    country_code,
    created_at,
    updated_at
FROM customer
WHERE customer_id > :after_id
ORDER BY customer_id ASC
LIMIT :batch_size
