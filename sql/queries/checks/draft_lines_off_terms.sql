-- name: draft_lines_off_terms
-- purpose: Draft purchase order lines that could not go out as they are: the supplier makes no offer for the product, or the quantity is under the offer's minimum or not a whole number of its packs.
-- params: none
-- grain: one row per draft purchase order line; zero rows when sound
-- A draft is sent with the quantities it holds: create_purchase_order, set_purchase_order_line
-- and reorder_stock write them on the offer's terms; set_supplier_offer refuses terms a
-- draft's quantity breaks, and withdraw_supplier_offer an offer a draft holds. A line off them
-- was written past the procedures (or on two Galera nodes at once, or before revision 0048).
SELECT
    pol.purchase_order_line_id,
    pol.purchase_order_id,
    po.supplier_id,
    pol.product_id,
    pol.ordered_qty,
    ps.min_order_qty,
    ps.order_multiple
FROM purchase_order_line AS pol
INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
LEFT JOIN product_supplier AS ps
    ON pol.product_id = ps.product_id AND po.supplier_id = ps.supplier_id
WHERE
    po.status = 'draft'
    AND (
        ps.product_id IS NULL
        OR pol.ordered_qty < ps.min_order_qty
        OR MOD(pol.ordered_qty, ps.order_multiple) <> 0
    )
