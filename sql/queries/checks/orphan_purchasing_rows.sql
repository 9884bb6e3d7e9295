-- name: orphan_purchasing_rows
-- purpose: Purchase order and supplier review rows whose parent is missing (possible only if foreign-key checks were off).
-- params: none
-- grain: one row per child row and missing parent; zero rows when sound
SELECT
    'fk_purchase_order__supplier' AS foreign_key,
    po.purchase_order_id AS child_id,
    po.supplier_id AS missing_id
FROM purchase_order AS po
LEFT JOIN supplier AS s ON po.supplier_id = s.supplier_id
WHERE s.supplier_id IS NULL
UNION ALL
SELECT
    'fk_purchase_order__warehouse' AS foreign_key,
    po.purchase_order_id AS child_id,
    po.warehouse_id AS missing_id
FROM purchase_order AS po
LEFT JOIN warehouse AS w ON po.warehouse_id = w.warehouse_id
WHERE w.warehouse_id IS NULL
UNION ALL
SELECT
    'fk_purchase_order_line__purchase_order' AS foreign_key,
    pol.purchase_order_line_id AS child_id,
    pol.purchase_order_id AS missing_id
FROM purchase_order_line AS pol
LEFT JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
WHERE po.purchase_order_id IS NULL
UNION ALL
SELECT
    'fk_purchase_order_line__product' AS foreign_key,
    pol.purchase_order_line_id AS child_id,
    pol.product_id AS missing_id
FROM purchase_order_line AS pol
LEFT JOIN product AS pr ON pol.product_id = pr.product_id
WHERE pr.product_id IS NULL
UNION ALL
SELECT
    'fk_supplier_review__supplier' AS foreign_key,
    sr.supplier_review_id AS child_id,
    sr.supplier_id AS missing_id
FROM supplier_review AS sr
LEFT JOIN supplier AS s ON sr.supplier_id = s.supplier_id
WHERE s.supplier_id IS NULL
UNION ALL
SELECT
    'fk_supplier_review__purchase_order' AS foreign_key,
    sr.supplier_review_id AS child_id,
    sr.purchase_order_id AS missing_id
FROM supplier_review AS sr
LEFT JOIN purchase_order AS po ON sr.purchase_order_id = po.purchase_order_id
WHERE sr.purchase_order_id IS NOT NULL AND po.purchase_order_id IS NULL
