-- Public: cancel an open sales order and release the stock it reserved.
CREATE PROCEDURE cancel_sales_order(
    IN p_sales_order_id BIGINT UNSIGNED
)
COMMENT 'Cancel an open sales order and release its reservations.'
BEGIN
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    CALL lock_open_sales_order(p_sales_order_id, v_warehouse_id);
    CALL reserve_sales_order_stock(p_sales_order_id, v_warehouse_id, -1);
    UPDATE sales_order
    SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP()
    WHERE sales_order_id = p_sales_order_id;
    COMMIT;
    SELECT
        sales_order_id,
        status,
        cancelled_at
    FROM sales_order
    WHERE sales_order_id = p_sales_order_id;
END
