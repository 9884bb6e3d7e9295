-- Credit notes for the returns recorded before credit notes existed: one per return
-- movement whose invoice counts (revenue_invoice), issued when the goods came back.
INSERT INTO credit_note (invoice_id, stock_movement_id, amount, issued_at)
SELECT
    il.invoice_id,
    sm.stock_movement_id,
    sm.change_qty * il.unit_price AS amount,
    sm.occurred_at AS issued_at
FROM stock_movement AS sm
INNER JOIN invoice_line AS il ON sm.sales_order_line_id = il.sales_order_line_id
INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
WHERE sm.movement_type = 'return'
ORDER BY sm.stock_movement_id;
