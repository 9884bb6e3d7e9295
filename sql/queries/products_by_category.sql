-- name: products_by_category
-- purpose: How many products each category lists, active and discontinued.
-- params: none
-- grain: one row per category with products
SELECT
    c.category_id,
    c.name AS category_name,
    COUNT(*) AS product_count,
    SUM(p.is_discontinued) AS discontinued_count
FROM product AS p
INNER JOIN category AS c ON p.category_id = c.category_id
GROUP BY c.category_id, c.name
ORDER BY product_count DESC, c.category_id ASC
