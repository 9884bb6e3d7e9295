-- Public: add a product to the catalogue and stock it, at zero, in every active warehouse.
-- Reorder parameters are given as a reorder point and a reorder quantity, the way buyers think
-- of them; stock_level stores the order-up-to level, target = reorder point + reorder quantity.
-- The SKU and the name lose white space of any kind at their ends (trimmed_text). Texts are
-- LONGTEXT and the price DOUBLE, so that the checks see what was given (see
-- text_length_problem and amount_problem).
CREATE PROCEDURE add_product(
    IN p_sku LONGTEXT,
    IN p_name LONGTEXT,
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DOUBLE,
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
)
COMMENT 'Add a product and a stock level in every active warehouse; result: the new product_id.'
BEGIN
    DECLARE v_sku LONGTEXT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_count INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the real guard against a duplicate SKU (two callers may pass the
    -- check below at once); its error is turned into the same message the check gives.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('SKU ''', v_sku, ''' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- The first problem found, in this order, is the one named.
    SET v_message = COALESCE(
        text_length_problem(p_sku, 'SKU', 40),
        blank_text_problem(p_sku, 'SKU'),
        control_character_problem(p_sku, 'SKU')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_product_name(p_name);
    IF p_unit_price IS NULL OR p_unit_price < 0 THEN
        SET v_message = CONCAT(
            'unit price must be 0 or more, got ', COALESCE(p_unit_price, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = amount_problem(p_unit_price, 'unit price');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_reorder_parameters(p_reorder_point_qty, p_reorder_qty);

    SET v_sku = trimmed_text(p_sku);

    START TRANSACTION;
    -- The foreign key stays the guard; this check only gives the clear message.
    IF NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_category_id
    ) THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF EXISTS (
        SELECT 1 FROM product
        WHERE sku = v_sku
    ) THEN
        SET v_message = CONCAT('SKU ''', v_sku, ''' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    INSERT INTO product (sku, name, category_id, unit_price)
    VALUES (v_sku, trimmed_text(p_name), p_category_id, p_unit_price);
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_product_id = LAST_INSERT_ID();

    -- The stock_level insert trigger opens a low-stock alert for each warehouse at once:
    -- an empty shelf is at or below any reorder point.
    INSERT INTO stock_level (product_id, warehouse_id, reorder_point_qty, target_qty)
    SELECT
        v_product_id AS product_id,
        warehouse_id,
        p_reorder_point_qty AS reorder_point_qty,
        p_reorder_point_qty + p_reorder_qty AS target_qty
    FROM warehouse
    WHERE is_active = 1
    ORDER BY warehouse_id;
    SET v_warehouse_count = ROW_COUNT();
    COMMIT;

    SELECT
        v_product_id AS product_id,
        v_sku AS sku,
        v_warehouse_count AS stocked_warehouse_count;
END
