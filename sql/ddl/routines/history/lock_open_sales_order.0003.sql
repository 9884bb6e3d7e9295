-- Internal: lock a sales order's row and make sure it is still open, before it is shipped or
-- cancelled. Every change to an order and its lines takes this lock first, so two sessions
-- can never ship, cancel or return against the same order at once.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
CREATE PROCEDURE lock_open_sales_order(
    IN p_sales_order_id BIGINT UNSIGNED,
    OUT p_warehouse_id BIGINT UNSIGNED
)
COMMENT 'Internal: lock an open sales order (signal if unknown or not open); return its warehouse.'
BEGIN
    DECLARE v_status VARCHAR(20);
    DECLARE v_message VARCHAR(128);

    SELECT
        status,
        warehouse_id
    INTO v_status, p_warehouse_id
    FROM sales_order
    WHERE sales_order_id = p_sales_order_id
    FOR UPDATE;

    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown sales order ', COALESCE(p_sales_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status <> 'open' THEN
        SET v_message = CONCAT('sales order ', p_sales_order_id, ' is ', v_status, ', not open');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
