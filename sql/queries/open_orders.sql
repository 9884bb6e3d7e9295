-- name: open_orders
-- purpose: Sales orders awaiting shipment and purchase orders awaiting delivery, oldest first; draft purchase orders, not ordered yet, last.
-- params: warehouse_id (int, optional: all warehouses)
-- grain: one row per open sales or purchase order
SELECT
    'sales' AS order_kind,
    so.sales_order_id AS order_id,
    so.status,
    c.name AS counterparty,
    w.code AS warehouse,
    so.ordered_at,
    NULL AS expected_date,
    SUM(sol.ordered_qty - sol.shipped_qty) AS outstanding_units,
    SUM((sol.ordered_qty - sol.shipped_qty) * sol.unit_price) AS outstanding_value
FROM sales_order AS so
INNER JOIN customer AS c ON so.customer_id = c.customer_id
INNER JOIN warehouse AS w ON so.warehouse_id = w.warehouse_id
INNER JOIN sales_order_line AS sol ON so.sales_order_id = sol.sales_order_id
WHERE so.status = 'open' AND (:warehouse_id IS NULL OR so.warehouse_id = :warehouse_id)
GROUP BY so.sales_order_id, so.status, c.name, w.code, so.ordered_at
UNION ALL
SELECT
    'purchase' AS order_kind,
    po.purchase_order_id AS order_id,
    po.status,
    s.name AS counterparty,
    w.code AS warehouse,
    po.ordered_at,
    po.expected_date,
    SUM(pol.ordered_qty - pol.received_qty) AS outstanding_units,
    SUM((pol.ordered_qty - pol.received_qty) * pol.unit_cost) AS outstanding_value
FROM purchase_order AS po
INNER JOIN supplier AS s ON po.supplier_id = s.supplier_id
INNER JOIN warehouse AS w ON po.warehouse_id = w.warehouse_id
INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
WHERE
    po.status IN ('draft', 'sent', 'partially_received')
    AND (:warehouse_id IS NULL OR po.warehouse_id = :warehouse_id)
GROUP BY po.purchase_order_id, po.status, s.name, w.code, po.ordered_at, po.expected_date
ORDER BY ordered_at IS NULL, ordered_at, order_kind, order_id
