-- Public: a buyer's draft purchase order with a supplier for one warehouse. Lines are JSON,
-- [{"product_id": 7, "qty": 12}, ...]; each is priced from the supplier's offer for the
-- product and must respect that offer's minimum order quantity and order multiple. The
-- expected date is provisional (today + the longest lead time) until the order is sent.
-- Everything it checks is share-locked first, in one transaction with the insert: the
-- supplier, the warehouse, then the products and their offers in product order. None can be
-- deleted, withdrawn or made inactive between the checks and the insert (a withdrawn offer had
-- left its line out of the draft without a word, a deleted product failed with a raw 1452).
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
    DECLARE v_locked_count INT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_min_order_qty INT;
    DECLARE v_order_multiple INT;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
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
    -- tmp_purchase_line's key is the product: both reads lock in product order.
    SELECT COUNT(*) INTO v_locked_count
    FROM tmp_purchase_line AS t
    INNER JOIN product AS p ON t.product_id = p.product_id
    LOCK IN SHARE MODE;
    SELECT COUNT(*) INTO v_locked_count
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
    LOCK IN SHARE MODE;

    -- Each rule names the first offending line's product, in line order.
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN product AS p ON t.product_id = p.product_id
        WHERE p.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT('unknown product ', v_product_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN product AS p ON t.product_id = p.product_id
        WHERE p.is_discontinued = 1
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT('product ', v_product_id, ' is discontinued');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE ps.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not offered by supplier ', p_supplier_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A receipt needs the stock level it posts to: refuse the order now, not at delivery.
    -- A plain read (SELECT ... INTO locks nothing; a subquery in SET would share-lock the
    -- stock levels until commit, and a receipt of an order for them, which locks the
    -- order's lines and then its stock, would deadlock with this draft's line insert). A
    -- stock level goes only with its product (delete_product), which is share-locked above.
    SET v_product_id = NULL;
    SELECT t.product_id INTO v_product_id
    FROM tmp_purchase_line AS t
    LEFT JOIN stock_level AS sl
        ON t.product_id = sl.product_id AND sl.warehouse_id = p_warehouse_id
    WHERE sl.product_id IS NULL
    ORDER BY t.line_no
    LIMIT 1;
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not stocked in warehouse ', p_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.qty < ps.min_order_qty OR t.qty % ps.order_multiple <> 0
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SELECT
            t.qty,
            ps.min_order_qty,
            ps.order_multiple
        INTO v_qty, v_min_order_qty, v_order_multiple
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.product_id = v_product_id;
        SET v_message = CONCAT(
            'product ', v_product_id, ': qty ', v_qty,
            IF(
                v_qty < v_min_order_qty,
                CONCAT(' is below the minimum order of ', v_min_order_qty),
                CONCAT(' is not a multiple of ', v_order_multiple)
            )
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    INSERT INTO purchase_order (
        supplier_id, warehouse_id, status, is_auto_generated, expected_date
    )
    SELECT
        p_supplier_id AS supplier_id,
        p_warehouse_id AS warehouse_id,
        'draft' AS status,
        0 AS is_auto_generated,
        UTC_DATE() + INTERVAL MAX(ps.lead_time_days) DAY AS expected_date
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id;
    SET v_purchase_order_id = LAST_INSERT_ID();
    INSERT INTO purchase_order_line (purchase_order_id, product_id, ordered_qty, unit_cost)
    SELECT
        v_purchase_order_id,
        t.product_id,
        t.qty,
        ps.unit_cost
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
    ORDER BY t.line_no;
    COMMIT;

    SELECT
        po.purchase_order_id,
        po.status,
        po.expected_date,
        pol.purchase_order_line_id,
        pol.product_id,
        pol.ordered_qty,
        pol.unit_cost,
        pol.ordered_qty * pol.unit_cost AS line_cost
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE po.purchase_order_id = v_purchase_order_id
    ORDER BY pol.product_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END
