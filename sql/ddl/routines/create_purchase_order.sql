-- Public: a buyer's draft purchase order with a supplier for one warehouse. Lines are JSON,
-- [{"product_id": 7, "qty": 12}, ...]; each is priced from the supplier's offer for the
-- product and must respect that offer's minimum order quantity and order multiple
-- (check_purchase_lines). The expected date is provisional (today + the longest lead time)
-- until the order is sent. Everything it checks is share-locked first, in one transaction with
-- the insert: the supplier, the warehouse, then the products and their offers in product
-- order. None can be deleted, withdrawn or made inactive between the checks and the insert (a
-- withdrawn offer had left its line out of the draft without a word, a deleted product failed
-- with a raw 1452).
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE create_purchase_order(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
COMMENT 'Create a draft purchase order from JSON lines, priced from the supplier offers.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_is_active TINYINT;
    DECLARE v_warehouse_is_active TINYINT;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_expected_date DATE;
    DECLARE v_line_count INT;
    DECLARE v_line_no INT DEFAULT 0;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    IF v_supplier_is_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_supplier_is_active = 0 THEN
        SET v_message = CONCAT('supplier ', p_supplier_id, ' is inactive');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active IS NULL THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT('warehouse ', p_warehouse_id, ' is inactive');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    CALL read_purchase_lines(p_lines);
    CALL check_purchase_lines(p_supplier_id, p_warehouse_id);

    -- The header is written with VALUES: an INSERT ... SELECT holds the table's
    -- auto-increment lock for as long as its insert waits, and every draft waited with it.
    SELECT UTC_DATE() + INTERVAL MAX(ps.lead_time_days) DAY INTO v_expected_date
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    INSERT INTO purchase_order (
        supplier_id, warehouse_id, status, is_auto_generated, expected_date
    )
    VALUES (p_supplier_id, p_warehouse_id, 'draft', 0, v_expected_date);
    SET v_purchase_order_id = LAST_INSERT_ID();
    -- The lines too, one by one in the order given (read_purchase_lines numbers them from 1):
    -- the lines' INSERT ... SELECT, waiting for a reorder run's gap lock with the table's
    -- auto-increment lock held, deadlocked with the run's own insert of lines.
    SELECT COUNT(*) INTO v_line_count
    FROM tmp_purchase_line;
    WHILE v_line_no < v_line_count DO
        SET v_line_no = v_line_no + 1;
        SELECT
            t.product_id,
            t.qty,
            ps.unit_cost
        INTO v_product_id, v_qty, v_unit_cost
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.line_no = v_line_no
        LOCK IN SHARE MODE;
        INSERT INTO purchase_order_line (purchase_order_id, product_id, ordered_qty, unit_cost)
        VALUES (v_purchase_order_id, v_product_id, v_qty, v_unit_cost);
    END WHILE;
    COMMIT;

    CALL show_purchase_order(v_purchase_order_id);
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END
