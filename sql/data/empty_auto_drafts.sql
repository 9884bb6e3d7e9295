-- Revision 0024: an auto-generated draft left without lines (by the statement before) orders
-- nothing; it goes, as discontinue_product removes the drafts it empties.
DELETE po
FROM purchase_order AS po
LEFT JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
WHERE
    po.status = 'draft'
    AND po.is_auto_generated = 1
    AND pol.purchase_order_line_id IS NULL
