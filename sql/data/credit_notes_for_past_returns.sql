-- Credit notes for the returns recorded before credit notes existed: one per return
-- movement whose invoice counts (revenue_invoice), issued when the goods came back; settled
-- by the invoice's payment when that came after (deducted from it), open otherwise.
INSERT INTO credit_note (invoice_id, stock_movement_id, amount, issued_at, settled_at)
SELECT
    il.invoice_id,
    sm.stock_movement_id,
    sm.change_qty * il.unit_price AS amount,
    CAST(sm.occurred_at AS DATETIME) AS issued_at,
    IF(i.paid_at >= CAST(sm.occurred_at AS DATETIME), i.paid_at, NULL) AS settled_at
FROM stock_movement AS sm
INNER JOIN invoice_line AS il ON sm.sales_order_line_id = il.sales_order_line_id
INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
INNER JOIN invoice AS i ON ri.invoice_id = i.invoice_id
WHERE sm.movement_type = 'return'
ORDER BY sm.stock_movement_id;
