-- Public: cancel a purchase order that will not (fully) arrive: a draft, a sent order, or
-- the rest of a partially received one. What was received stays received, with its ledger
-- rows; the outstanding quantity stops counting as on order, so reordering can replace it.
CREATE PROCEDURE cancel_purchase_order(IN p_purchase_order_id BIGINT UNSIGNED)
COMMENT 'Cancel a draft, sent or partially received purchase order; receipts stay.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_status VARCHAR(20);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT status INTO v_status
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status IN ('received', 'cancelled') THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is already ', v_status
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE purchase_order
    SET status = 'cancelled'
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    SELECT
        purchase_order_id,
        supplier_id,
        warehouse_id,
        status
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id;
END
