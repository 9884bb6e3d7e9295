-- Internal: the result create_purchase_order and set_purchase_order_line return, a purchase
-- order's lines (product order) with the order's status and expected date. A plain read,
-- after the caller's COMMIT.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE show_purchase_order(IN p_purchase_order_id BIGINT UNSIGNED)
COMMENT 'Internal: a purchase order and its lines, as the purchase procedures return them.'
SQL SECURITY INVOKER
BEGIN
    SELECT
        po.purchase_order_id,
        po.status,
        po.expected_date,
        pol.purchase_order_line_id,
        pol.product_id,
        pol.ordered_qty,
        pol.unit_cost,
        pol.ordered_qty * pol.unit_cost AS line_cost
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE po.purchase_order_id = p_purchase_order_id
    ORDER BY pol.product_id;
END
