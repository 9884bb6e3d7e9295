-- Internal: reserve (p_direction 1) or release (-1) the ordered quantity of every line of a
-- sales order. Placing an order reserves; cancelling releases. Rows are locked in product_id
-- order, so two orders over the same products cannot deadlock on stock_level.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
CREATE PROCEDURE reserve_sales_order_stock(
    IN p_sales_order_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_direction INT
)
COMMENT 'Internal: reserve (1) or release (-1) the stock of a sales order''s lines.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_change_qty INT;
    DECLARE v_available_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(128);
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE c_lines CURSOR FOR
        SELECT
            product_id,
            ordered_qty * p_direction AS change_qty
        FROM sales_order_line
        WHERE sales_order_id = p_sales_order_id
        ORDER BY product_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    OPEN c_lines;
    reserve_lines: LOOP
        FETCH c_lines INTO v_product_id, v_change_qty;
        IF v_done THEN
            LEAVE reserve_lines;
        END IF;

        -- Conditional update: reserved stays between 0 and on hand, whoever else is selling.
        -- Through the primary key, the order every stock level lock takes (post_stock_movement).
        UPDATE stock_level /*! FORCE INDEX (PRIMARY) */
        SET reserved_qty = reserved_qty + v_change_qty
        WHERE
            product_id = v_product_id
            AND warehouse_id = p_warehouse_id
            AND reserved_qty + v_change_qty BETWEEN 0 AND on_hand_qty;

        IF ROW_COUNT() = 0 THEN
            -- Aggregates always return a row, so a missing stock level cannot end the loop.
            SELECT
                MAX(on_hand_qty - reserved_qty) AS available_qty,
                MAX(reserved_qty) AS reserved_qty
            INTO v_available_qty, v_reserved_qty
            FROM stock_level
            WHERE product_id = v_product_id AND warehouse_id = p_warehouse_id
            FOR UPDATE;
            IF v_available_qty IS NULL THEN
                SET v_message = CONCAT(
                    'product ', v_product_id, ' is not stocked in warehouse ', p_warehouse_id
                );
            ELSEIF v_change_qty > 0 THEN
                SET v_message = CONCAT(
                    'insufficient stock of product ', v_product_id, ' in warehouse ',
                    p_warehouse_id, ': ', v_available_qty, ' available, ', v_change_qty,
                    ' requested'
                );
            ELSE
                SET v_message = CONCAT(
                    'cannot release ', -v_change_qty, ' of product ', v_product_id,
                    ' in warehouse ', p_warehouse_id, ': only ', v_reserved_qty, ' reserved'
                );
            END IF;
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END LOOP;
    CLOSE c_lines;
END
