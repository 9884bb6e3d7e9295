-- Revision 0024: an auto-generated draft without lines (the statement before may have left
-- some) orders nothing; it is cancelled, as discontinue_product cancels the drafts it empties
-- (not deleted: a supplier review may refer to it).
UPDATE purchase_order AS po
LEFT JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
SET po.status = 'cancelled'
WHERE
    po.status = 'draft'
    AND po.is_auto_generated = 1
    AND pol.purchase_order_line_id IS NULL
