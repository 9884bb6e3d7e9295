-- Public: stop selling and reordering a product while keeping all of its history; this is
-- what to do instead of deleting a product that has any. Stock on hand and open orders stay
-- as they are: remaining units can still be sold off, counted and transferred. Its lines on
-- the drafts automatic reordering wrote are taken off, and a draft left without lines is
-- cancelled: they were only proposals to restock it. A line a person put on a draft stays, for them to
-- see; send_purchase_order refuses it.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which locks products
-- and then drafts), then the product, then each of those drafts and then its line, as a
-- receipt or a run locks an order before its lines. Only those drafts and lines are locked:
-- orders sent or being received are not touched.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE discontinue_product(
    IN p_product_id BIGINT UNSIGNED
)
COMMENT 'Mark a product discontinued (no longer sold or reordered); result: the product.'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE v_draft_lines_removed INT DEFAULT 0;
    DECLARE v_reorder_runs INT;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_is_auto_draft INT;
    DECLARE v_drafts_read BOOLEAN DEFAULT FALSE;
    -- A consistent read, after the reorder_run lock: no run can write an auto draft meanwhile.
    DECLARE c_draft CURSOR FOR
        SELECT DISTINCT pol.purchase_order_id
        FROM purchase_order_line AS pol
        INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
        WHERE
            pol.product_id = p_product_id
            AND po.status = 'draft'
            AND po.is_auto_generated = 1
        ORDER BY pol.purchase_order_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_drafts_read = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_is_discontinued THEN
        SET v_message = CONCAT('product ', p_product_id, ' is already discontinued');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE product
    SET is_discontinued = 1
    WHERE product_id = p_product_id;

    -- The NOT FOUND handler also caught the reads above when they found nothing.
    SET v_drafts_read = FALSE;
    OPEN c_draft;
    take_off_drafts: LOOP
        FETCH c_draft INTO v_purchase_order_id;
        IF v_drafts_read THEN
            LEAVE take_off_drafts;
        END IF;
        -- COUNT(*) always returns a row, so this read cannot end the loop through NOT FOUND.
        SELECT COUNT(*) INTO v_is_auto_draft
        FROM purchase_order
        WHERE
            purchase_order_id = v_purchase_order_id
            AND status = 'draft'
            AND is_auto_generated = 1
        FOR UPDATE;
        IF v_is_auto_draft = 1 THEN
            DELETE FROM purchase_order_line
            WHERE purchase_order_id = v_purchase_order_id AND product_id = p_product_id;
            SET v_draft_lines_removed = v_draft_lines_removed + ROW_COUNT();
            -- Cancelled, not deleted: a supplier review may refer to the draft.
            UPDATE purchase_order
            SET status = 'cancelled'
            WHERE
                purchase_order_id = v_purchase_order_id
                AND NOT EXISTS (
                    SELECT 1 FROM purchase_order_line AS pol
                    WHERE pol.purchase_order_id = v_purchase_order_id
                );
        END IF;
    END LOOP;
    CLOSE c_draft;
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        is_discontinued,
        v_draft_lines_removed AS draft_lines_removed
    FROM product
    WHERE product_id = p_product_id;
END
