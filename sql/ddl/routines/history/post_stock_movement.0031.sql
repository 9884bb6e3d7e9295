-- Internal: the one place on-hand stock changes. Updates stock_level and writes the ledger row.
-- Runs inside the caller's transaction (it starts none); the caller handles rollback.
CREATE PROCEDURE post_stock_movement(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_movement_type VARCHAR(20),
    IN p_change_qty INT,
    IN p_released_reserved_qty INT,
    IN p_sales_order_line_id BIGINT UNSIGNED,
    IN p_purchase_order_line_id BIGINT UNSIGNED,
    IN p_counterpart_warehouse_id BIGINT UNSIGNED,
    IN p_reason VARCHAR(255)
)
COMMENT 'Internal: change on-hand (and release reserved) stock and write the matching ledger row.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(255);

    -- Conditional update: it changes the row only when the result keeps stock consistent,
    -- so concurrent callers can never drive it negative or below what is reserved, nor past
    -- what the INT column holds.
    UPDATE stock_level
    SET
        on_hand_qty = on_hand_qty + p_change_qty,
        reserved_qty = reserved_qty - p_released_reserved_qty
    WHERE
        product_id = p_product_id
        AND warehouse_id = p_warehouse_id
        AND reserved_qty >= p_released_reserved_qty
        AND on_hand_qty + p_change_qty >= reserved_qty - p_released_reserved_qty
        AND on_hand_qty + p_change_qty <= 2147483647;

    IF ROW_COUNT() = 0 THEN
        SELECT
            on_hand_qty,
            reserved_qty
        INTO v_on_hand_qty, v_reserved_qty
        FROM stock_level
        WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        IF v_on_hand_qty IS NULL THEN
            -- COALESCE: a NULL anywhere in CONCAT makes the whole message NULL, and SIGNAL
            -- refuses a NULL message with an error of its own.
            SET v_message = CONCAT(
                'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
                COALESCE(p_warehouse_id, 'NULL')
            );
        ELSEIF v_on_hand_qty + p_change_qty > 2147483647 THEN
            SET v_message = CONCAT(
                'on hand of product ', p_product_id, ' in warehouse ', p_warehouse_id,
                ' would exceed 2147483647: ', v_on_hand_qty, ' on hand, change ', p_change_qty
            );
        ELSE
            SET v_message = CONCAT(
                'insufficient stock of product ', p_product_id, ' in warehouse ',
                p_warehouse_id, ': ', v_on_hand_qty - v_reserved_qty, ' available, change ',
                COALESCE(p_change_qty, 'NULL')
            );
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The balance is read from the row just updated, in the same statement as the ledger row:
    -- this transaction holds that row locked, so no other change can come between.
    INSERT INTO stock_movement (
        product_id, warehouse_id, movement_type, change_qty, balance_after_qty, occurred_at,
        sales_order_line_id, purchase_order_line_id, counterpart_warehouse_id, reason
    )
    SELECT
        product_id,
        warehouse_id,
        p_movement_type AS movement_type, -- noqa: RF02
        p_change_qty AS change_qty, -- noqa: RF02
        on_hand_qty AS balance_after_qty,
        UTC_TIMESTAMP(6) AS occurred_at,
        p_sales_order_line_id AS sales_order_line_id, -- noqa: RF02
        p_purchase_order_line_id AS purchase_order_line_id, -- noqa: RF02
        p_counterpart_warehouse_id AS counterpart_warehouse_id, -- noqa: RF02
        p_reason AS reason -- noqa: RF02
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END
