-- Public: record goods arriving on a sent or partially received purchase order. p_lines is
-- JSON, [{"product_id": 7, "qty": 5}, ...], or NULL to receive everything outstanding.
-- Each line posts a receipt movement (stock rises, traced to the purchase order line) and
-- raises received_qty; more than is outstanding is refused. The order becomes
-- partially_received, or received (with received_at) once every line is complete.
-- Locks: the purchase order row first, so receipts of one order take turns; then each
-- line's stock level in product order, the order every procedure locks stock in.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE receive_purchase_order(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
COMMENT 'Receive some or all outstanding lines of a purchase order into stock.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_status VARCHAR(20);
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_lines LONGTEXT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_outstanding_qty INT;
    DECLARE v_purchase_order_line_id BIGINT UNSIGNED;
    DECLARE v_group_concat_max_len BIGINT UNSIGNED DEFAULT @@SESSION.group_concat_max_len;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        SET SESSION group_concat_max_len = v_group_concat_max_len;
        RESIGNAL;
    END;

    START TRANSACTION;
    SELECT
        status,
        warehouse_id
    INTO v_status, v_warehouse_id
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status NOT IN ('sent', 'partially_received') THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is ', v_status,
            '; only a sent or partially received order can be received'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- NULL: receive every outstanding line in full, checked like lines given by the caller.
    -- MariaDB's JSON_ARRAYAGG stops at the session's group_concat_max_len (an error once the
    -- lines outgrow it): lifted for this one statement, then put back as the caller had it.
    IF p_lines IS NULL THEN
        SET SESSION group_concat_max_len = 1073741824; -- 1 GB, the most MariaDB takes
        SET v_lines = (
            SELECT
                JSON_ARRAYAGG(
                    JSON_OBJECT('product_id', product_id, 'qty', ordered_qty - received_qty)
                )
            FROM purchase_order_line
            WHERE purchase_order_id = p_purchase_order_id AND received_qty < ordered_qty
        );
        SET SESSION group_concat_max_len = v_group_concat_max_len;
    ELSE
        SET v_lines = p_lines;
    END IF;
    CALL read_purchase_lines(v_lines);

    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE pol.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not on purchase order ', p_purchase_order_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.qty > pol.ordered_qty - pol.received_qty
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SELECT
            t.qty,
            pol.purchase_order_line_id,
            pol.ordered_qty - pol.received_qty AS outstanding_qty
        INTO v_qty, v_purchase_order_line_id, v_outstanding_qty
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.product_id = v_product_id;
        SET v_message = CONCAT(
            'purchase order line ', v_purchase_order_line_id, ' (product ', v_product_id,
            '): receiving ', v_qty, ' exceeds the ', v_outstanding_qty, ' outstanding'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- One line at a time in product order: the line, then its stock and ledger row.
    SET v_product_id = (SELECT MIN(product_id) FROM tmp_purchase_line);
    WHILE v_product_id IS NOT NULL DO
        SELECT
            t.qty,
            pol.purchase_order_line_id
        INTO v_qty, v_purchase_order_line_id
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.product_id = v_product_id;
        -- Conditional, like every stock update: never beyond what was ordered.
        UPDATE purchase_order_line
        SET received_qty = received_qty + v_qty
        WHERE
            purchase_order_line_id = v_purchase_order_line_id
            AND received_qty + v_qty <= ordered_qty;
        IF ROW_COUNT() = 0 THEN
            SET v_message = CONCAT(
                'purchase order line ', v_purchase_order_line_id, ' (product ', v_product_id,
                '): receiving ', v_qty, ' exceeds what is outstanding'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        CALL post_stock_movement(
            v_product_id, v_warehouse_id, 'receipt', v_qty, 0, NULL, v_purchase_order_line_id,
            NULL, NULL
        );
        SET v_product_id = (
            SELECT MIN(product_id)
            FROM tmp_purchase_line
            WHERE product_id > v_product_id
        );
    END WHILE;

    IF EXISTS (
        SELECT 1
        FROM purchase_order_line
        WHERE purchase_order_id = p_purchase_order_id AND received_qty < ordered_qty
    ) THEN
        UPDATE purchase_order
        SET status = 'partially_received'
        WHERE purchase_order_id = p_purchase_order_id;
    ELSE
        UPDATE purchase_order
        SET status = 'received', received_at = UTC_TIMESTAMP()
        WHERE purchase_order_id = p_purchase_order_id;
    END IF;
    COMMIT;

    SELECT
        po.purchase_order_id,
        po.status,
        pol.purchase_order_line_id,
        pol.product_id,
        t.qty AS received_now_qty,
        pol.received_qty,
        pol.ordered_qty,
        pol.ordered_qty - pol.received_qty AS outstanding_qty
    FROM tmp_purchase_line AS t
    INNER JOIN purchase_order_line AS pol
        ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
    INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
    ORDER BY pol.product_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END
