-- Public: a buyer's change to a draft purchase order before it is sent: the product's line
-- gets quantity p_qty (a new line when the draft has none for it), or comes off the draft
-- with 0. A quantity set is checked as create_purchase_order checks a line
-- (check_purchase_lines: the supplier's offer, its minimum and packs, the product stocked in
-- the warehouse) and priced from the offer as it is now; the draft's provisional expected
-- date follows its lines' lead times. The last line does not come off: cancel the draft
-- instead. A draft reorder_stock wrote stays one: a later run may add to it again, and
-- stopping its supplier or closing its warehouse cancels it.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which grows drafts,
-- and with set_supplier_offer and withdraw_supplier_offer, which look into them), then the
-- draft, then the supplier and the warehouse, then the product and its offer.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE set_purchase_order_line(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_product_id BIGINT UNSIGNED,
    IN p_qty DOUBLE
)
COMMENT 'Set the quantity of a product on a draft purchase order; 0 takes its line off.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_reorder_runs INT;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_line_count INT;
    DECLARE v_has_line BOOLEAN;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = COALESCE(
        whole_number_problem(p_qty, 'qty'),
        IF(
            p_qty IS NULL OR p_qty < 0,
            CONCAT('qty must be 0 (take the line off) or more, got ', COALESCE(p_qty, 'NULL')),
            NULL
        )
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- No product has id 0; read_purchase_lines would call it a bad "line 1".
    IF COALESCE(p_product_id, 0) = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    CALL lock_draft_purchase_order(
        p_purchase_order_id, 'changed', v_supplier_id, v_warehouse_id
    );
    -- A plain read, the first of the transaction, so its snapshot comes after the draft's
    -- lock: every procedure that writes a draft's lines locks the draft first.
    SELECT
        COUNT(*) AS line_count,
        COALESCE(MAX(product_id = p_product_id), FALSE) AS has_line
    INTO v_line_count, v_has_line
    FROM purchase_order_line
    WHERE purchase_order_id = p_purchase_order_id;

    IF p_qty = 0 THEN
        IF NOT v_has_line THEN
            SET v_message = CONCAT(
                'product ', p_product_id, ' is not on purchase order ', p_purchase_order_id
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF v_line_count = 1 THEN
            SET v_message = CONCAT(
                'product ', p_product_id, ' is the last line of purchase order ',
                p_purchase_order_id, ': cancel the draft instead'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        DELETE FROM purchase_order_line
        WHERE purchase_order_id = p_purchase_order_id AND product_id = p_product_id;
    ELSE
        CALL check_purchase_order_parties(p_purchase_order_id, v_supplier_id, v_warehouse_id);
        -- Cast, both: MariaDB writes a BIGINT UNSIGNED parameter into JSON as a string.
        CALL read_purchase_lines(
            JSON_ARRAY(
                JSON_OBJECT(
                    'product_id', CAST(p_product_id AS UNSIGNED), 'qty', CAST(p_qty AS SIGNED)
                )
            )
        );
        CALL check_purchase_lines(v_supplier_id, v_warehouse_id);
        -- The offer as it is now (a locking read; check_purchase_lines share-locked it). The
        -- line is written with VALUES: an INSERT ... SELECT would hold the table's
        -- auto-increment lock for as long as its insert waited.
        SELECT unit_cost INTO v_unit_cost
        FROM product_supplier
        WHERE product_id = p_product_id AND supplier_id = v_supplier_id
        LOCK IN SHARE MODE;
        IF v_has_line THEN
            UPDATE purchase_order_line
            SET ordered_qty = p_qty, unit_cost = v_unit_cost
            WHERE purchase_order_id = p_purchase_order_id AND product_id = p_product_id;
        ELSE
            INSERT INTO purchase_order_line (
                purchase_order_id, product_id, ordered_qty, unit_cost
            )
            VALUES (p_purchase_order_id, p_product_id, p_qty, v_unit_cost);
        END IF;
    END IF;

    UPDATE purchase_order
    SET
        expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = v_supplier_id
            WHERE pol.purchase_order_id = p_purchase_order_id
        ) DAY
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    CALL show_purchase_order(p_purchase_order_id);
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END
