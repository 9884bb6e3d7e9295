-- Credit notes of the sales orders between :first_id and :last_id, reached through the
-- order's invoice, each with the line and units it credits and how it is settled
-- (credit_note_settlement).
SELECT
    i.sales_order_id,
    cn.credit_note_id,
    sm.sales_order_line_id,
    sm.change_qty AS returned_qty,
    cn.amount,
    cn.issued_at,
    cn.settled_at,
    cns.settlement
FROM invoice AS i
INNER JOIN credit_note AS cn ON i.invoice_id = cn.invoice_id
INNER JOIN credit_note_settlement AS cns ON cn.credit_note_id = cns.credit_note_id
INNER JOIN stock_movement AS sm ON cn.stock_movement_id = sm.stock_movement_id
WHERE i.sales_order_id BETWEEN :first_id AND :last_id
ORDER BY i.sales_order_id ASC, cn.credit_note_id ASC
