-- name: orphan_catalog_rows
-- purpose: Catalogue rows whose parent is missing (possible only if foreign-key checks were off).
-- params: none
-- grain: one row per child row and missing parent; zero rows when sound
SELECT
    'fk_category__category' AS foreign_key,
    CAST(c.category_id AS CHAR) AS child_key,
    c.parent_category_id AS missing_id
FROM category AS c
LEFT JOIN category AS p ON c.parent_category_id = p.category_id
WHERE c.parent_category_id IS NOT NULL AND p.category_id IS NULL
UNION ALL
SELECT
    'fk_product__category' AS foreign_key,
    CAST(pr.product_id AS CHAR) AS child_key,
    pr.category_id AS missing_id
FROM product AS pr
LEFT JOIN category AS c ON pr.category_id = c.category_id
WHERE c.category_id IS NULL
UNION ALL
SELECT
    'fk_product_supplier__product' AS foreign_key,
    CONCAT(ps.product_id, '/', ps.supplier_id) AS child_key,
    ps.product_id AS missing_id
FROM product_supplier AS ps
LEFT JOIN product AS pr ON ps.product_id = pr.product_id
WHERE pr.product_id IS NULL
UNION ALL
SELECT
    'fk_product_supplier__supplier' AS foreign_key,
    CONCAT(ps.product_id, '/', ps.supplier_id) AS child_key,
    ps.supplier_id AS missing_id
FROM product_supplier AS ps
LEFT JOIN supplier AS s ON ps.supplier_id = s.supplier_id
WHERE s.supplier_id IS NULL
UNION ALL
SELECT
    'fk_stock_level__product' AS foreign_key,
    CONCAT(sl.product_id, '/', sl.warehouse_id) AS child_key,
    sl.product_id AS missing_id
FROM stock_level AS sl
LEFT JOIN product AS pr ON sl.product_id = pr.product_id
WHERE pr.product_id IS NULL
UNION ALL
SELECT
    'fk_stock_level__warehouse' AS foreign_key,
    CONCAT(sl.product_id, '/', sl.warehouse_id) AS child_key,
    sl.warehouse_id AS missing_id
FROM stock_level AS sl
LEFT JOIN warehouse AS w ON sl.warehouse_id = w.warehouse_id
WHERE w.warehouse_id IS NULL
