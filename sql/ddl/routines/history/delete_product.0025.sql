-- Public: remove a product entered by mistake, with its (empty) stock levels, its open alerts
-- and its supplier offers, in one transaction. A product with any history is refused: ledger
-- movements, sales or purchase order lines, resolved alerts or stock on hand must keep
-- pointing at it, so such a product is discontinued instead. Open alerts are no history: the
-- insert trigger raises one for every new, still empty stock level.
CREATE PROCEDURE delete_product(
    IN p_product_id BIGINT UNSIGNED
)
COMMENT 'Delete a product without history (else refused: discontinue it); result: what went.'
BEGIN
    DECLARE v_sku VARCHAR(40);
    DECLARE v_history VARCHAR(40);
    DECLARE v_stock_level_count INT;
    DECLARE v_alert_count INT;
    DECLARE v_offer_count INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    -- The product row first, then its stock levels (the primary key scan takes them in
    -- warehouse order, as everywhere): a sale locks the product (shared) before its stock,
    -- so the other order could deadlock with one. Until we finish, no movement can be posted
    -- and no order line can refer to the product.
    SELECT sku INTO v_sku
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    SELECT COUNT(*) INTO v_stock_level_count
    FROM stock_level
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_sku IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF EXISTS (
        SELECT 1 FROM stock_movement
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'stock movements';
    ELSEIF EXISTS (
        SELECT 1 FROM sales_order_line
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'sales order lines';
    ELSEIF EXISTS (
        SELECT 1 FROM purchase_order_line
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'purchase order lines';
    ELSEIF EXISTS (
        SELECT 1 FROM stock_alert
        WHERE product_id = p_product_id AND status = 'resolved'
    ) THEN
        SET v_history = 'resolved low-stock alerts';
    ELSEIF EXISTS (
        SELECT 1 FROM stock_level
        WHERE product_id = p_product_id AND (on_hand_qty > 0 OR reserved_qty > 0)
    ) THEN
        SET v_history = 'stock on hand';
    END IF;
    IF v_history IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' has history (', v_history,
            '): discontinue it instead of deleting it'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    DELETE FROM stock_alert
    WHERE product_id = p_product_id;
    SET v_alert_count = ROW_COUNT();
    DELETE FROM stock_level
    WHERE product_id = p_product_id;
    DELETE FROM product_supplier
    WHERE product_id = p_product_id;
    SET v_offer_count = ROW_COUNT();
    DELETE FROM product
    WHERE product_id = p_product_id;
    COMMIT;

    SELECT
        p_product_id AS product_id,
        v_sku AS sku,
        v_stock_level_count AS deleted_stock_level_count,
        v_alert_count AS deleted_alert_count,
        v_offer_count AS deleted_offer_count;
END
