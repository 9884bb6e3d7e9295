-- Public: cancel an issued invoice: it stays on record, is not owed and no longer counts
-- as revenue (revenue_invoice). A paid invoice cannot be voided (the money was received),
-- nor a void one again. The goods are not touched: units that come back are returned with
-- return_sales_order_line.
CREATE PROCEDURE void_invoice(
    IN p_invoice_id BIGINT UNSIGNED
)
COMMENT 'Void an issued invoice: kept on record, no longer owed nor counted as revenue.'
BEGIN
    DECLARE v_status VARCHAR(10);
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    UPDATE invoice
    SET status = 'void'
    WHERE invoice_id = p_invoice_id AND status = 'issued';
    IF ROW_COUNT() = 0 THEN
        SELECT status INTO v_status
        FROM invoice
        WHERE invoice_id = p_invoice_id;
        SET v_message = CASE
            WHEN v_status IS NULL
                THEN CONCAT('unknown invoice ', COALESCE(p_invoice_id, 'NULL'))
            WHEN v_status = 'paid'
                THEN CONCAT('invoice ', p_invoice_id, ' is paid and cannot be voided')
            ELSE CONCAT('invoice ', p_invoice_id, ' is already void')
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    COMMIT;
    SELECT
        invoice_id,
        sales_order_id,
        status,
        total_amount,
        issued_at
    FROM invoice
    WHERE invoice_id = p_invoice_id;
END
