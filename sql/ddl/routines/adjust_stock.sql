-- Public: correct on-hand stock by a signed quantity (damage, loss, found goods), with a reason.
-- The reason loses white space of any kind at its ends (trimmed_text), as text_length_problem
-- measures it; one that is blank, line breaks and tabs included, is no reason.
CREATE PROCEDURE adjust_stock(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_change_qty DOUBLE,
    IN p_reason LONGTEXT
)
COMMENT 'Adjust on-hand stock by a signed quantity with a reason; one adjustment movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_change_qty, 'adjustment quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_change_qty IS NULL OR p_change_qty = 0 THEN
        SET v_message = CONCAT(
            'adjustment quantity must be non-zero, got ', COALESCE(p_change_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF trimmed_text(p_reason) IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an adjustment needs a reason';
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    CALL post_stock_movement(
        p_product_id, p_warehouse_id, 'adjustment', p_change_qty, 0, NULL, NULL, NULL,
        trimmed_text(p_reason)
    );
    COMMIT;
    SELECT
        on_hand_qty,
        reserved_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END
