-- Public: ship an open sales order: stock leaves the warehouse (one sale movement per line),
-- the order becomes shipped and is invoiced, all in one transaction. Nothing ships from an
-- inactive warehouse (an order placed before it closed is cancelled and placed elsewhere);
-- cancelling such an order, and returns into the warehouse, stay allowed.
CREATE PROCEDURE ship_sales_order(
    IN p_sales_order_id BIGINT UNSIGNED
)
COMMENT 'Ship an open sales order and invoice it; returns the invoice id and total.'
BEGIN
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_warehouse_is_active BOOLEAN;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_total_amount DECIMAL(12, 2);
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    CALL lock_open_sales_order(p_sales_order_id, v_warehouse_id);
    -- A shared lock, as every sale in the warehouse takes one: sales do not wait for it, and
    -- the warehouse cannot be made inactive before this shipment commits.
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = v_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', v_warehouse_id, ' of sales order ', p_sales_order_id,
            ' is inactive: nothing ships from it (cancel the order, place it elsewhere)'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL fulfil_sales_order(
        p_sales_order_id, v_warehouse_id, TRUE, v_invoice_id, v_total_amount
    );
    COMMIT;
    SELECT
        p_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id,
        v_total_amount AS total_amount;
END
