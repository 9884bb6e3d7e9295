-- Lines of the purchase orders between :first_id and :last_id.
SELECT
    purchase_order_id,
    purchase_order_line_id,
    product_id,
    ordered_qty,
    received_qty,
    unit_cost
FROM purchase_order_line
WHERE purchase_order_id BETWEEN :first_id AND :last_id
ORDER BY purchase_order_id ASC, purchase_order_line_id ASC
