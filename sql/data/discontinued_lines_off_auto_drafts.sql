-- Revision 0024: take the lines of discontinued products off the drafts automatic reordering
-- wrote, as discontinue_product does since revision 0021 (products discontinued before then,
-- or by a plain UPDATE, left theirs): such a line stops its whole draft from being sent.
DELETE pol
FROM purchase_order_line AS pol
INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
INNER JOIN product AS p ON pol.product_id = p.product_id
WHERE
    po.status = 'draft'
    AND po.is_auto_generated = 1
    AND p.is_discontinued = 1
