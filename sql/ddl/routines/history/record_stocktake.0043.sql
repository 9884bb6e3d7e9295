-- Public: record a physical count; on hand becomes the counted quantity. A count below what
-- open sales orders have reserved is refused (on hand never falls below reserved): those
-- orders must be cancelled first, and the message says by how much.
CREATE PROCEDURE record_stocktake(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_counted_qty DOUBLE,
    IN p_reason LONGTEXT
)
COMMENT 'Set on-hand stock to a counted quantity; writes an adjustment for any difference.'
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_counted_qty, 'counted quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty IS NULL OR p_counted_qty < 0 THEN
        SET v_message = CONCAT(
            'counted quantity must be 0 or more, got ', COALESCE(p_counted_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT
        on_hand_qty,
        reserved_qty
    INTO v_on_hand_qty, v_reserved_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_on_hand_qty IS NULL THEN
        SET v_message = CONCAT(
            'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
            COALESCE(p_warehouse_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty < v_reserved_qty THEN
        -- The caller named the product and warehouse; 128 characters is all MySQL signals.
        SET v_message = CONCAT(
            'counted quantity ', p_counted_qty, ' is below the ', v_reserved_qty,
            ' reserved for open orders: cancel orders for ', v_reserved_qty - p_counted_qty,
            ' units first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty <> v_on_hand_qty THEN
        CALL post_stock_movement(
            p_product_id, p_warehouse_id, 'adjustment', p_counted_qty - v_on_hand_qty, 0,
            NULL, NULL, NULL, COALESCE(trimmed_text(p_reason), 'stocktake')
        );
    END IF;
    UPDATE stock_level
    SET last_counted_at = UTC_TIMESTAMP()
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
    COMMIT;
    SELECT
        on_hand_qty,
        reserved_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END
