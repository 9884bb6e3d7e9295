-- Public: change a product's name, category or list price; a NULL argument keeps the value.
-- The SKU is the product's identity on documents and is not changed here. Discontinued
-- products may still be corrected: their history keeps referring to them. The name loses
-- white space of any kind at its ends (trimmed_text). The name is LONGTEXT and the price DOUBLE, so that the checks see what was given (see
-- check_product_name and amount_problem).
CREATE PROCEDURE update_product(
    IN p_product_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DOUBLE
)
COMMENT 'Change name, category and/or list price of a product (NULL keeps); result: the product.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_name IS NULL AND p_category_id IS NULL AND p_unit_price IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for product ', COALESCE(p_product_id, 'NULL'),
            ': give a name, category or price'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A NULL name keeps the current one; a given name must be a sound one.
    IF p_name IS NOT NULL THEN
        CALL check_product_name(p_name);
    END IF;
    IF p_unit_price < 0 THEN
        SET v_message = CONCAT('unit price must be 0 or more, got ', p_unit_price);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = amount_problem(p_unit_price, 'unit price');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_category_id
    ) THEN
        SET v_message = CONCAT('unknown category ', p_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE product
    SET
        name = COALESCE(trimmed_text(p_name), name),
        category_id = COALESCE(p_category_id, category_id),
        unit_price = COALESCE(p_unit_price, unit_price)
    WHERE product_id = p_product_id;
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        category_id,
        unit_price,
        is_discontinued
    FROM product
    WHERE product_id = p_product_id;
END
