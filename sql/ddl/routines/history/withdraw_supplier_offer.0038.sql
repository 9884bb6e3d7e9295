-- Public: remove a supplier's offer for a product: the supplier no longer sells it to us, so
-- automatic reordering buys it elsewhere (reorder_supplier) and no draft may be written from
-- the offer. Refused while a draft purchase order of the supplier holds the product: it was
-- written on the offer's terms and would be sent on them; cancel the draft first (an auto
-- draft is proposed again, from the next choice, by the next reorder run). Orders already sent
-- are not in the way: what they order may still arrive, and a receipt needs no offer.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which writes drafts
-- from the offers), then the product, then the offer, as set_supplier_offer and
-- delete_product lock a product before its offers; create_purchase_order share-locks the
-- offer it prices a draft from, so the check for drafts below sees any draft committed
-- before the offer's lock was granted.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE withdraw_supplier_offer(
    IN p_product_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED
)
COMMENT 'Remove a supplier offer for a product; result: who reordering now buys it from.'
BEGIN
    DECLARE v_reorder_runs INT;
    DECLARE v_product_found INT;
    DECLARE v_offer_found INT;
    DECLARE v_draft_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    SELECT COUNT(*) INTO v_product_found
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_product_found = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT COUNT(*) INTO v_offer_found
    FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_offer_found = 0 THEN
        SET v_message = CONCAT(
            'supplier ', COALESCE(p_supplier_id, 'NULL'), ' makes no offer for product ',
            p_product_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A plain read, the first of the transaction, so its snapshot comes after the locks.
    SELECT MIN(po.purchase_order_id) INTO v_draft_id
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE
        po.supplier_id = p_supplier_id
        AND po.status = 'draft'
        AND pol.product_id = p_product_id;
    IF v_draft_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is on draft purchase order ', v_draft_id,
            ' of supplier ', p_supplier_id, ': cancel the draft first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    DELETE FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        p_product_id AS product_id,
        p_supplier_id AS withdrawn_supplier_id,
        (
            SELECT rs.supplier_id
            FROM reorder_supplier AS rs
            WHERE rs.product_id = p_product_id
        ) AS reorder_supplier_id;
END
