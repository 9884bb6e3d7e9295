-- Public: a one-step sale: place the order and ship it in the same transaction, so the
-- customer leaves with the goods and the invoice. p_lines as for place_sales_order.
-- Nothing is reserved: the stock is issued at once, and post_stock_movement's conditional
-- update refuses a sale of more than is available (on hand minus others' reservations).
CREATE PROCEDURE sell_at_counter(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
COMMENT 'Place and ship a sales order in one transaction; returns order, invoice and total.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_total_amount DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL create_sales_order(p_customer_id, p_warehouse_id, p_lines, FALSE, v_sales_order_id);
    -- The order was inserted by this transaction, so its row is locked already.
    CALL fulfil_sales_order(
        v_sales_order_id, p_warehouse_id, FALSE, v_invoice_id, v_total_amount
    );
    COMMIT;
    SELECT
        v_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id,
        v_total_amount AS total_amount;
END
