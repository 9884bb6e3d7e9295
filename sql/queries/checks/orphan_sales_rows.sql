-- name: orphan_sales_rows
-- purpose: Sales, invoice and credit-note rows whose parent is missing (possible only if foreign-key checks were off).
-- params: none
-- grain: one row per child row and missing parent; zero rows when sound
SELECT
    'fk_sales_order__customer' AS foreign_key,
    so.sales_order_id AS child_id,
    so.customer_id AS missing_id
FROM sales_order AS so
LEFT JOIN customer AS c ON so.customer_id = c.customer_id
WHERE c.customer_id IS NULL
UNION ALL
SELECT
    'fk_sales_order__warehouse' AS foreign_key,
    so.sales_order_id AS child_id,
    so.warehouse_id AS missing_id
FROM sales_order AS so
LEFT JOIN warehouse AS w ON so.warehouse_id = w.warehouse_id
WHERE w.warehouse_id IS NULL
UNION ALL
SELECT
    'fk_sales_order_line__sales_order' AS foreign_key,
    sol.sales_order_line_id AS child_id,
    sol.sales_order_id AS missing_id
FROM sales_order_line AS sol
LEFT JOIN sales_order AS so ON sol.sales_order_id = so.sales_order_id
WHERE so.sales_order_id IS NULL
UNION ALL
SELECT
    'fk_sales_order_line__product' AS foreign_key,
    sol.sales_order_line_id AS child_id,
    sol.product_id AS missing_id
FROM sales_order_line AS sol
LEFT JOIN product AS pr ON sol.product_id = pr.product_id
WHERE pr.product_id IS NULL
UNION ALL
SELECT
    'fk_invoice__sales_order' AS foreign_key,
    i.invoice_id AS child_id,
    i.sales_order_id AS missing_id
FROM invoice AS i
LEFT JOIN sales_order AS so ON i.sales_order_id = so.sales_order_id
WHERE so.sales_order_id IS NULL
UNION ALL
SELECT
    'fk_invoice_line__invoice' AS foreign_key,
    il.invoice_line_id AS child_id,
    il.invoice_id AS missing_id
FROM invoice_line AS il
LEFT JOIN invoice AS i ON il.invoice_id = i.invoice_id
WHERE i.invoice_id IS NULL
UNION ALL
SELECT
    'fk_invoice_line__sales_order_line' AS foreign_key,
    il.invoice_line_id AS child_id,
    il.sales_order_line_id AS missing_id
FROM invoice_line AS il
LEFT JOIN sales_order_line AS sol ON il.sales_order_line_id = sol.sales_order_line_id
WHERE sol.sales_order_line_id IS NULL
UNION ALL
SELECT
    'fk_credit_note__invoice' AS foreign_key,
    cn.credit_note_id AS child_id,
    cn.invoice_id AS missing_id
FROM credit_note AS cn
LEFT JOIN invoice AS i ON cn.invoice_id = i.invoice_id
WHERE i.invoice_id IS NULL
UNION ALL
SELECT
    'fk_credit_note__stock_movement' AS foreign_key,
    cn.credit_note_id AS child_id,
    cn.stock_movement_id AS missing_id
FROM credit_note AS cn
LEFT JOIN stock_movement AS sm ON cn.stock_movement_id = sm.stock_movement_id
WHERE sm.stock_movement_id IS NULL
