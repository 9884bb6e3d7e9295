-- Per sales order, what the MongoDB mirror's sales_orders collection must agree with:
-- customer, status, when it shipped (the monthly pipeline buckets by it), counts and sums of
-- the embedded lines, and each line's product and quantities in product order (the sums
-- would not see units moved between lines), and the embedded invoice (its status too: the
-- revenue pipelines count paid and issued invoices, never void ones) with its credit notes
-- and how each is settled.
WITH line AS (
    SELECT
        sales_order_id,
        COUNT(*) AS line_count,
        SUM(ordered_qty) AS ordered_qty,
        SUM(shipped_qty) AS shipped_qty,
        SUM(returned_qty) AS returned_qty,
        SUM(ordered_qty * unit_price) AS line_value,
        GROUP_CONCAT(
            CONCAT_WS(':', product_id, ordered_qty, shipped_qty, returned_qty), ';'
            ORDER BY product_id ASC SEPARATOR ''
        ) AS lines_by_product
    FROM sales_order_line
    GROUP BY sales_order_id
),

invoiced AS (
    SELECT
        invoice_id,
        SUM(line_total) AS invoiced_amount
    FROM invoice_line
    GROUP BY invoice_id
),

credited AS (
    SELECT
        invoice_id,
        COUNT(*) AS credit_note_count,
        SUM(amount) AS credited_amount,
        GROUP_CONCAT(
            CONCAT_WS(':', credit_note_id, settlement), ';'
            ORDER BY credit_note_id ASC SEPARATOR ''
        ) AS credit_note_settlements
    FROM credit_note_settlement
    GROUP BY invoice_id
)

SELECT
    so.sales_order_id,
    so.customer_id,
    so.status,
    so.shipped_at,
    i.invoice_id,
    i.status AS invoice_status,
    i.total_amount AS invoice_total,
    COALESCE(l.line_count, 0) AS line_count,
    COALESCE(l.ordered_qty, 0) AS ordered_qty,
    COALESCE(l.shipped_qty, 0) AS shipped_qty,
    COALESCE(l.returned_qty, 0) AS returned_qty,
    COALESCE(l.line_value, 0) AS line_value,
    COALESCE(l.lines_by_product, '') AS lines_by_product,
    COALESCE(il.invoiced_amount, 0) AS invoiced_amount,
    COALESCE(cr.credit_note_count, 0) AS credit_note_count,
    COALESCE(cr.credited_amount, 0) AS credited_amount,
    COALESCE(cr.credit_note_settlements, '') AS credit_note_settlements
FROM sales_order AS so
LEFT JOIN line AS l ON so.sales_order_id = l.sales_order_id
LEFT JOIN invoice AS i ON so.sales_order_id = i.sales_order_id
LEFT JOIN invoiced AS il ON i.invoice_id = il.invoice_id
LEFT JOIN credited AS cr ON i.invoice_id = cr.invoice_id
ORDER BY so.sales_order_id ASC
