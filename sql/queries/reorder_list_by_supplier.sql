-- name: reorder_list_by_supplier
-- purpose: What automatic reordering would order now, grouped by supplier and warehouse, with each line's cost.
-- params: supplier_id (int, optional: all suppliers)
-- grain: one row per product and warehouse to reorder, ordered by supplier and warehouse
SELECT
    s.supplier_id,
    s.name AS supplier_name,
    w.code AS warehouse_code,
    p.sku,
    p.name AS product_name,
    rs.position_qty,
    rs.reorder_point_qty,
    rs.target_qty,
    rs.order_qty,
    rs.unit_cost,
    rs.expected_date,
    rs.order_qty * rs.unit_cost AS line_cost,
    SUM(rs.order_qty * rs.unit_cost) OVER (
        PARTITION BY rs.supplier_id, rs.warehouse_id
    ) AS order_cost
FROM reorder_suggestion AS rs
INNER JOIN supplier AS s ON rs.supplier_id = s.supplier_id
INNER JOIN warehouse AS w ON rs.warehouse_id = w.warehouse_id
INNER JOIN product AS p ON rs.product_id = p.product_id
WHERE :supplier_id IS NULL OR rs.supplier_id = :supplier_id
ORDER BY s.name ASC, w.code ASC, p.sku ASC
