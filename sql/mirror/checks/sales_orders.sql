-- Per sales order, what the MongoDB mirror's sales_orders collection must agree with:
-- customer, status, counts and sums of the embedded lines, and the embedded invoice (its
-- status too: the revenue pipelines count paid and issued invoices, never void ones) with
-- its credit notes.
WITH line AS (
    SELECT
        sales_order_id,
        COUNT(*) AS line_count,
        SUM(ordered_qty) AS ordered_qty,
        SUM(shipped_qty) AS shipped_qty,
        SUM(returned_qty) AS returned_qty,
        SUM(ordered_qty * unit_price) AS line_value
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
        SUM(amount) AS credited_amount
    FROM credit_note
    GROUP BY invoice_id
)

SELECT
    so.sales_order_id,
    so.customer_id,
    so.status,
    i.invoice_id,
    i.status AS invoice_status,
    i.total_amount AS invoice_total,
    COALESCE(l.line_count, 0) AS line_count,
    COALESCE(l.ordered_qty, 0) AS ordered_qty,
    COALESCE(l.shipped_qty, 0) AS shipped_qty,
    COALESCE(l.returned_qty, 0) AS returned_qty,
    COALESCE(l.line_value, 0) AS line_value,
    COALESCE(il.invoiced_amount, 0) AS invoiced_amount,
    COALESCE(cr.credit_note_count, 0) AS credit_note_count,
    COALESCE(cr.credited_amount, 0) AS credited_amount
FROM sales_order AS so
LEFT JOIN line AS l ON so.sales_order_id = l.sales_order_id
LEFT JOIN invoice AS i ON so.sales_order_id = i.sales_order_id
LEFT JOIN invoiced AS il ON i.invoice_id = il.invoice_id
LEFT JOIN credited AS cr ON i.invoice_id = cr.invoice_id
ORDER BY so.sales_order_id ASC
