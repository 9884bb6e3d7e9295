-- Public: take back units of a shipped sales order line. Stock returns to the warehouse that
-- shipped it with its own return movement, and the line's returned quantity rises. When the
-- line's invoice counts (revenue_invoice: not void), a credit note of the returned units at
-- the billed price is issued in the same transaction; the result names it, with what it
-- credits (0 when nothing is credited) and how it is settled (credit_note_settlement:
-- deducted from an unpaid invoice, or a refund due on a paid one).
CREATE PROCEDURE return_sales_order_line(
    IN p_sales_order_line_id BIGINT UNSIGNED,
    IN p_qty DOUBLE,
    IN p_reason LONGTEXT
)
COMMENT 'Return units of a shipped order line to stock with a return movement and a credit note.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_returnable_qty INT;
    DECLARE v_stock_movement_id BIGINT UNSIGNED;
    DECLARE v_credit_note_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_qty, 'return quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('return quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- A line never moves to another order or product, so a plain read finds them.
    SELECT
        sales_order_id,
        product_id
    INTO v_sales_order_id, v_product_id
    FROM sales_order_line
    WHERE sales_order_line_id = p_sales_order_line_id;
    IF v_sales_order_id IS NULL THEN
        SET v_message = CONCAT(
            'unknown sales order line ', COALESCE(p_sales_order_line_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The order's lock first, as every change to an order and its lines takes it.
    SELECT
        status,
        warehouse_id
    INTO v_status, v_warehouse_id
    FROM sales_order
    WHERE sales_order_id = v_sales_order_id
    FOR UPDATE;
    IF v_status <> 'shipped' THEN
        SET v_message = CONCAT(
            'sales order ', v_sales_order_id, ' of line ', p_sales_order_line_id, ' is ',
            v_status, ', not shipped'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE sales_order_line
    SET returned_qty = returned_qty + p_qty
    WHERE
        sales_order_line_id = p_sales_order_line_id
        AND returned_qty + p_qty <= shipped_qty;
    IF ROW_COUNT() = 0 THEN
        SELECT shipped_qty - returned_qty INTO v_returnable_qty
        FROM sales_order_line
        WHERE sales_order_line_id = p_sales_order_line_id
        FOR UPDATE;
        SET v_message = CONCAT(
            'cannot return ', p_qty, ' of sales order line ', p_sales_order_line_id, ': only ',
            v_returnable_qty, ' shipped and not yet returned'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    CALL post_stock_movement(
        v_product_id, v_warehouse_id, 'return', p_qty, 0, p_sales_order_line_id, NULL, NULL,
        NULLIF(TRIM(p_reason), '')
    );
    SET v_stock_movement_id = LAST_INSERT_ID(); -- the ledger row, post_stock_movement's last insert

    INSERT INTO credit_note (invoice_id, stock_movement_id, amount, issued_at)
    SELECT
        il.invoice_id,
        v_stock_movement_id AS stock_movement_id, -- noqa: RF02
        CAST(p_qty AS SIGNED) * il.unit_price AS amount, -- noqa: RF02
        UTC_TIMESTAMP() AS issued_at
    FROM invoice_line AS il
    INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
    WHERE il.sales_order_line_id = p_sales_order_line_id; -- noqa: RF02
    IF ROW_COUNT() > 0 THEN
        SET v_credit_note_id = LAST_INSERT_ID();
    END IF;
    COMMIT;
    SELECT
        sol.sales_order_line_id,
        sol.shipped_qty,
        sol.returned_qty,
        sl.on_hand_qty,
        il.invoice_id,
        cns.credit_note_id,
        cns.settlement,
        COALESCE(cns.amount, 0) AS credited_amount
    FROM sales_order_line AS sol
    INNER JOIN stock_level AS sl
        ON sol.product_id = sl.product_id
    LEFT JOIN invoice_line AS il ON sol.sales_order_line_id = il.sales_order_line_id
    LEFT JOIN credit_note_settlement AS cns
        ON cns.credit_note_id = v_credit_note_id -- noqa: RF02
    WHERE
        sol.sales_order_line_id = p_sales_order_line_id -- noqa: RF02
        AND sl.warehouse_id = v_warehouse_id; -- noqa: RF02
END
