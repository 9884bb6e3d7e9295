-- name: received_exceeds_ordered
-- purpose: Purchase order lines that received more units than were ordered, or fewer than none.
-- params: none
-- grain: one row per purchase order line; zero rows when sound
SELECT
    purchase_order_line_id,
    purchase_order_id,
    product_id,
    ordered_qty,
    received_qty
FROM purchase_order_line
WHERE received_qty > ordered_qty OR received_qty < 0
