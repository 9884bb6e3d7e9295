-- Public: send a draft purchase order to its supplier. It is now on order with a promised
-- date: today + the longest lead time among its lines' offers (the order arrives as one).
-- Refused, naming the reason, when its supplier is inactive, its warehouse is inactive (no
-- new stock is ordered into one) or a line is for a discontinued product.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE send_purchase_order(IN p_purchase_order_id BIGINT UNSIGNED)
COMMENT 'Send a draft purchase order: status sent, ordered now, expected after the lead time.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_discontinued_product_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL lock_draft_purchase_order(
        p_purchase_order_id, 'sent', v_supplier_id, v_warehouse_id
    );
    -- The supplier and the warehouse under a shared lock: neither can be stopped or closed
    -- before the order is sent. (Read with the order FOR UPDATE, the supplier's row was
    -- locked exclusively, so sendings to one supplier, and drafts written for it, queued.)
    CALL check_purchase_order_parties(p_purchase_order_id, v_supplier_id, v_warehouse_id);
    SELECT MIN(pol.product_id) INTO v_discontinued_product_id
    FROM purchase_order_line AS pol
    INNER JOIN product AS p ON pol.product_id = p.product_id
    WHERE pol.purchase_order_id = p_purchase_order_id AND p.is_discontinued = 1;
    IF v_discontinued_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_discontinued_product_id, ' on purchase order ', p_purchase_order_id,
            ' is discontinued and can no longer be ordered'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE purchase_order
    SET
        status = 'sent',
        ordered_at = UTC_TIMESTAMP(),
        expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = v_supplier_id
            WHERE pol.purchase_order_id = p_purchase_order_id
        ) DAY
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    SELECT
        purchase_order_id,
        supplier_id,
        warehouse_id,
        status,
        ordered_at,
        expected_date
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id;
END
