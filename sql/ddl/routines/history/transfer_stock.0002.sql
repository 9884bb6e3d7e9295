-- Public: move stock from one warehouse to another: two transfer movements, one transaction.
CREATE PROCEDURE transfer_stock(
    IN p_product_id BIGINT UNSIGNED,
    IN p_from_warehouse_id BIGINT UNSIGNED,
    IN p_to_warehouse_id BIGINT UNSIGNED,
    IN p_qty INT,
    IN p_reason VARCHAR(255)
)
COMMENT 'Move units between warehouses: a negative and a positive transfer movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_first_warehouse_id BIGINT UNSIGNED;
    DECLARE v_second_warehouse_id BIGINT UNSIGNED;
    DECLARE v_missing_warehouse_id BIGINT UNSIGNED;
    DECLARE v_locked_rows INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('transfer quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id = p_to_warehouse_id THEN
        SET v_message = CONCAT('cannot transfer within warehouse ', p_from_warehouse_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
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
            'product ', p_product_id, ' is not stocked in warehouse ', v_missing_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL post_stock_movement(
        p_product_id, p_from_warehouse_id, 'transfer', -p_qty, 0, NULL, NULL, p_to_warehouse_id,
        p_reason
    );
    CALL post_stock_movement(
        p_product_id, p_to_warehouse_id, 'transfer', p_qty, 0, NULL, NULL, p_from_warehouse_id,
        p_reason
    );
    COMMIT;
END
