-- Lines of the sales orders between :first_id and :last_id.
SELECT
    sales_order_id,
    sales_order_line_id,
    product_id,
    ordered_qty,
    shipped_qty,
    returned_qty,
    unit_price
FROM sales_order_line
WHERE sales_order_id BETWEEN :first_id AND :last_id
ORDER BY sales_order_id ASC, sales_order_line_id ASC
