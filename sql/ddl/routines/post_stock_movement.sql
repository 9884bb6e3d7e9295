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
    -- what the INT column holds. Through the primary key, as SELECT ... FOR UPDATE locks a
    -- stock level: left to itself, MariaDB's UPDATE went through ix_stock_level__warehouse_id,
    -- locking that index entry before the row, and a sale deadlocked with a transfer or a
    -- count that held the row and came for the entry. The hint is in an executable comment,
    -- which the server runs and sqlfluff (it cannot parse an UPDATE's index hint) passes by.
    UPDATE stock_level /*! FORCE INDEX (PRIMARY) */
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

    -- The balance is read from the row just updated (a transaction sees its own change, and
    -- it holds the row locked, so no other change can come between), then the ledger row is
    -- written with VALUES: an INSERT ... SELECT holds the table's auto-increment lock for the
    -- whole statement (innodb_autoinc_lock_mode 1, MariaDB's default), and a foreign key check
    -- waiting meanwhile (the counterpart warehouse of a transfer, locked by a warehouse
    -- change) held up every stock movement in the database, which failed with 1467.
    SELECT on_hand_qty INTO v_on_hand_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
    INSERT INTO stock_movement (
        product_id, warehouse_id, movement_type, change_qty, balance_after_qty, occurred_at,
        sales_order_line_id, purchase_order_line_id, counterpart_warehouse_id, reason
    )
    VALUES (
        p_product_id, p_warehouse_id, p_movement_type, p_change_qty, v_on_hand_qty,
        UTC_TIMESTAMP(6), p_sales_order_line_id, p_purchase_order_line_id,
        p_counterpart_warehouse_id, p_reason
    );
END
