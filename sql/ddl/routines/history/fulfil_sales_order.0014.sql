-- Internal: the second half of ship_sales_order and sell_at_counter. Issues every line of the
-- order from stock (one sale movement each) and writes its invoice: one invoice line per order
-- line, the total their sum, due in 30 days. A placed order (p_placed true: open, its stock
-- reserved) has its reservations released and it and its lines are marked shipped here; a
-- counter sale (p_placed false) was written shipped by create_sales_order in this transaction.
-- The caller holds the order's row lock (lock_open_sales_order, or the insert of a counter
-- sale) and passes the order's warehouse.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
-- Lines are read without locking and written by primary key, so this takes record locks only:
-- a search by sales_order_id would, under REPEATABLE READ, also lock the index gap after the
-- newest order and hold up every other sale's new lines until this transaction commits.
CREATE PROCEDURE fulfil_sales_order(
    IN p_sales_order_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_placed BOOLEAN,
    OUT p_invoice_id BIGINT UNSIGNED,
    OUT p_total_amount DECIMAL(12, 2)
)
COMMENT 'Internal: ship an open sales order from stock and invoice it.'
BEGIN
    DECLARE v_line_count INT;
    DECLARE v_total_amount DECIMAL(65, 2);
    DECLARE v_now DATETIME DEFAULT UTC_TIMESTAMP();
    DECLARE v_message VARCHAR(128);

    -- A consistent read: the order's lines are fixed once it exists, and its row is locked.
    SELECT
        COUNT(*) AS line_count,
        SUM(ordered_qty * unit_price) AS total_amount
    INTO v_line_count, v_total_amount
    FROM sales_order_line
    WHERE sales_order_id = p_sales_order_id;
    IF v_line_count = 0 THEN
        SET v_message = CONCAT('sales order ', p_sales_order_id, ' has no lines to ship');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_total_amount > 9999999999.99 THEN
        SET v_message = CONCAT(
            'order total ', v_total_amount, ' exceeds the largest invoice amount, 9999999999.99'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET p_total_amount = v_total_amount;

    IF p_placed THEN
        UPDATE sales_order
        SET status = 'shipped', shipped_at = v_now
        WHERE sales_order_id = p_sales_order_id;
    END IF;
    INSERT INTO invoice (sales_order_id, status, total_amount, issued_at, due_date)
    VALUES (
        p_sales_order_id, 'issued', p_total_amount, v_now, DATE(v_now) + INTERVAL 30 DAY
    );
    SET p_invoice_id = LAST_INSERT_ID();

    -- Line by line in product order, the lock order placing uses too, so shipments cannot
    -- deadlock. Each line is found by the order's unique key with a consistent read (no lock),
    -- cheaper than a cursor, which materialises its result first.
    issue_lines: BEGIN
        DECLARE v_line_no INT DEFAULT 0;
        DECLARE v_sales_order_line_id BIGINT UNSIGNED;
        DECLARE v_product_id BIGINT UNSIGNED DEFAULT 0;
        DECLARE v_qty INT;
        DECLARE v_unit_price DECIMAL(12, 2);

        WHILE v_line_no < v_line_count DO
            SELECT
                sales_order_line_id,
                product_id,
                ordered_qty,
                unit_price
            INTO v_sales_order_line_id, v_product_id, v_qty, v_unit_price
            FROM sales_order_line
            WHERE sales_order_id = p_sales_order_id AND product_id > v_product_id
            ORDER BY product_id
            LIMIT 1;
            CALL post_stock_movement(
                v_product_id, p_warehouse_id, 'sale', -v_qty,
                IF(p_placed, v_qty, 0), v_sales_order_line_id, NULL, NULL, NULL
            );
            IF p_placed THEN
                UPDATE sales_order_line
                SET shipped_qty = v_qty
                WHERE sales_order_line_id = v_sales_order_line_id;
            END IF;
            INSERT INTO invoice_line (
                invoice_id, sales_order_line_id, invoiced_qty, unit_price, line_total
            )
            VALUES (
                p_invoice_id, v_sales_order_line_id, v_qty, v_unit_price, v_qty * v_unit_price
            );
            SET v_line_no = v_line_no + 1;
        END WHILE;
    END issue_lines;
END
