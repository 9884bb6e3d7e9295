-- Internal: check the lines in tmp_purchase_line (read_purchase_lines) against a draft of the
-- supplier's for the warehouse, refusing the first offending line's product by name: unknown,
-- discontinued, not offered by the supplier, not stocked in the warehouse, or a quantity
-- under the offer's minimum or not a whole number of its packs. The products and their
-- offers are share-locked first, in product order, so that none can be deleted, withdrawn or
-- changed before the caller writes the lines and commits. The caller has checked (and
-- share-locked) the supplier and the warehouse.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE check_purchase_lines(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED
)
COMMENT 'Internal: refuse purchase lines the supplier, its offers or the warehouse do not allow.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_locked_count INT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_min_order_qty INT;
    DECLARE v_order_multiple INT;

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
END
