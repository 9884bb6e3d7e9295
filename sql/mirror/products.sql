-- A page of products for the MongoDB mirror, with their category (columns named
-- category__x become the embedded category document).
SELECT
    p.product_id,
    p.sku,
    p.name,
    p.description,
    p.unit_price,
    p.is_discontinued,
    c.category_id AS category__category_id,
    c.name AS category__name,
    c.parent_category_id AS category__parent_category_id,
    p.created_at,
    p.updated_at
FROM product AS p
INNER JOIN category AS c ON p.category_id = c.category_id
WHERE p.product_id > :after_id
ORDER BY p.product_id ASC
LIMIT :batch_size
