-- Public: ship an open sales order: stock leaves the warehouse (one sale movement per line),
-- the order becomes shipped and is invoiced, all in one transaction.
CREATE PROCEDURE ship_sales_order(
    IN p_sales_order_id BIGINT UNSIGNED
)
COMMENT 'Ship an open sales order and invoice it; returns the invoice id and total.'
BEGIN
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_total_amount DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    CALL lock_open_sales_order(p_sales_order_id, v_warehouse_id);
    CALL fulfil_sales_order(
        p_sales_order_id, v_warehouse_id, TRUE, v_invoice_id, v_total_amount
    );
    COMMIT;
    SELECT
        p_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id,
        v_total_amount AS total_amount;
END
