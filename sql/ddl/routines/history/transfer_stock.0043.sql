-- Public: move stock from one warehouse to another: two transfer movements, one transaction.
-- Stock may leave an inactive warehouse (emptying it before it closes) but not go into one,
-- where no order could sell it and reordering would not see it.
CREATE PROCEDURE transfer_stock(
    IN p_product_id BIGINT UNSIGNED,
    IN p_from_warehouse_id BIGINT UNSIGNED,
    IN p_to_warehouse_id BIGINT UNSIGNED,
    IN p_qty DOUBLE,
    IN p_reason LONGTEXT
)
COMMENT 'Move units between warehouses: a negative and a positive transfer movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_first_warehouse_id BIGINT UNSIGNED;
    DECLARE v_second_warehouse_id BIGINT UNSIGNED;
    DECLARE v_missing_warehouse_id BIGINT UNSIGNED;
    DECLARE v_locked_rows INT;
    DECLARE v_to_is_active BOOLEAN;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_qty, 'transfer quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('transfer quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id IS NULL OR p_to_warehouse_id IS NULL THEN
        SET v_message = CONCAT(
            'a transfer needs both warehouses, got from ', COALESCE(p_from_warehouse_id, 'NULL'),
            ' to ', COALESCE(p_to_warehouse_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id = p_to_warehouse_id THEN
        SET v_message = CONCAT('cannot transfer within warehouse ', p_from_warehouse_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- Read in the transaction with a shared lock, so the warehouse cannot be made inactive
    -- before this transfer commits; before the stock, as a sale reads its warehouse first.
    SELECT is_active INTO v_to_is_active
    FROM warehouse
    WHERE warehouse_id = p_to_warehouse_id
    LOCK IN SHARE MODE;
    IF v_to_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', p_to_warehouse_id, ' is inactive: it cannot receive a transfer'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- Lock both rows in warehouse order, whichever way the goods move: no deadlock cycle.
    SET v_first_warehouse_id = LEAST(p_from_warehouse_id, p_to_warehouse_id);
    SET v_second_warehouse_id = GREATEST(p_from_warehouse_id, p_to_warehouse_id);
    SELECT COUNT(*) INTO v_locked_rows
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = v_first_warehouse_id
    FOR UPDATE;
    IF v_locked_rows = 0 THEN
        SET v_missing_warehouse_id = v_first_warehouse_id;
    END IF;
    SELECT COUNT(*) INTO v_locked_rows
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = v_second_warehouse_id
    FOR UPDATE;
    IF v_locked_rows = 0 THEN
        SET v_missing_warehouse_id = v_second_warehouse_id;
    END IF;
    IF v_missing_warehouse_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
            v_missing_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL post_stock_movement(
        p_product_id, p_from_warehouse_id, 'transfer', -p_qty, 0, NULL, NULL, p_to_warehouse_id,
        trimmed_text(p_reason)
    );
    CALL post_stock_movement(
        p_product_id, p_to_warehouse_id, 'transfer', p_qty, 0, NULL, NULL, p_from_warehouse_id,
        trimmed_text(p_reason)
    );
    COMMIT;
END
