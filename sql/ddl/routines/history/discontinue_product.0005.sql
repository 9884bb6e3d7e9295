-- Public: stop selling and reordering a product while keeping all of its history; this is
-- what to do instead of deleting a product that has any. Stock on hand and open orders stay
-- as they are: remaining units can still be sold off, counted and transferred.
CREATE PROCEDURE discontinue_product(
    IN p_product_id BIGINT UNSIGNED
)
COMMENT 'Mark a product discontinued (no longer sold or reordered); result: the product.'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
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
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        is_discontinued
    FROM product
    WHERE product_id = p_product_id;
END
