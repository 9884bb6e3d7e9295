-- Public: stop selling and reordering a product while keeping all of its history; this is
-- what to do instead of deleting a product that has any. Stock on hand and open orders stay
-- as they are: remaining units can still be sold off, counted and transferred. Its lines on
-- the drafts automatic reordering wrote are taken off (and a draft left without lines goes):
-- they were only proposals to restock it. A line a person put on a draft stays, for them to
-- see; send_purchase_order refuses it. It takes its turn with reorder_stock on the
-- reorder_run row first: a run locks products and then drafts, and this locks a product and
-- then drafts in another order, so without the turn the two could deadlock.
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
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    DROP TEMPORARY TABLE IF EXISTS tmp_discontinued_draft;
    CREATE TEMPORARY TABLE tmp_discontinued_draft (
        purchase_order_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
    );

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

    INSERT INTO tmp_discontinued_draft (purchase_order_id)
    SELECT DISTINCT po.purchase_order_id
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE
        pol.product_id = p_product_id
        AND po.status = 'draft'
        AND po.is_auto_generated = 1;
    DELETE FROM purchase_order_line
    WHERE
        product_id = p_product_id
        AND purchase_order_id IN (
            SELECT d.purchase_order_id FROM tmp_discontinued_draft AS d
        );
    SET v_draft_lines_removed = ROW_COUNT();
    DELETE FROM purchase_order
    WHERE
        purchase_order_id IN (SELECT d.purchase_order_id FROM tmp_discontinued_draft AS d)
        AND NOT EXISTS (
            SELECT 1 FROM purchase_order_line AS pol
            WHERE pol.purchase_order_id = purchase_order.purchase_order_id
        );
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_discontinued_draft;

    SELECT
        product_id,
        sku,
        name,
        is_discontinued,
        v_draft_lines_removed AS draft_lines_removed
    FROM product
    WHERE product_id = p_product_id;
END
