-- A page of suppliers for the MongoDB mirror.
SELECT
    supplier_id,
    name,
    contact_name,
    email,
    phone,
    address_line,
    city,
    country_code,
    is_active,
    created_at,
    updated_at
FROM supplier
WHERE supplier_id > :after_id
ORDER BY supplier_id ASC
LIMIT :batch_size
