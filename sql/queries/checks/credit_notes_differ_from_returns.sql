-- name: credit_notes_differ_from_returns
-- purpose: Returns on an invoice that counts without their credit note, and credit notes that credit other than their return's units at the billed price on its invoice, or were settled other than by the payment they were deducted from or by a refund of what was owed back.
-- params: none
-- grain: one row per return movement or credit note in error; zero rows when sound
SELECT
    sm.stock_movement_id,
    cn.credit_note_id,
    il.invoice_id,
    sm.change_qty AS returned_qty,
    il.unit_price,
    cn.invoice_id AS credited_invoice_id,
    cn.amount AS credited_amount,
    NULL AS settlement
FROM stock_movement AS sm
INNER JOIN invoice_line AS il ON sm.sales_order_line_id = il.sales_order_line_id
INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
LEFT JOIN credit_note AS cn ON sm.stock_movement_id = cn.stock_movement_id
WHERE sm.movement_type = 'return' AND cn.credit_note_id IS NULL
UNION ALL
SELECT
    sm.stock_movement_id,
    cn.credit_note_id,
    il.invoice_id,
    sm.change_qty AS returned_qty,
    il.unit_price,
    cn.invoice_id AS credited_invoice_id,
    cn.amount AS credited_amount,
    cns.settlement
FROM credit_note AS cn
INNER JOIN credit_note_settlement AS cns ON cn.credit_note_id = cns.credit_note_id
INNER JOIN invoice AS i ON cn.invoice_id = i.invoice_id
INNER JOIN stock_movement AS sm ON cn.stock_movement_id = sm.stock_movement_id
LEFT JOIN invoice_line AS il ON sm.sales_order_line_id = il.sales_order_line_id
WHERE
    sm.movement_type <> 'return'
    OR il.invoice_id IS NULL
    OR cn.invoice_id <> il.invoice_id
    OR cn.amount <> sm.change_qty * il.unit_price
    OR (
        cn.settled_at IS NOT NULL
        AND cns.settlement <> 'refunded'
        AND NOT (cns.settlement = 'deducted' AND cn.settled_at <=> i.paid_at)
    )
