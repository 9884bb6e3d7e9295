-- Public: delete a category that nothing is filed under: refused while products or other
-- categories are (move them first: update_product, move_category).
CREATE PROCEDURE delete_category(
    IN p_category_id BIGINT UNSIGNED
)
COMMENT 'Delete a category with no products and no categories under it; result: its id.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_product_count INT;
    DECLARE v_child_count INT;
    DECLARE v_message VARCHAR(255);
    -- The foreign keys stay the guard, a backstop: the procedures that file a product or a
    -- category under it read it with a shared lock first (a subquery in an IF takes one under
    -- REPEATABLE READ), so they wait for this lock and then find it gone. Their error is put
    -- in words.
    DECLARE EXIT HANDLER FOR 1451
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'category ', p_category_id, ' had a product or a category filed under it meanwhile'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT
        (
            SELECT COUNT(*) FROM product
            WHERE category_id = p_category_id
        ) AS product_count,
        (
            SELECT COUNT(*) FROM category
            WHERE parent_category_id = p_category_id
        ) AS child_count
    INTO v_product_count, v_child_count;
    IF v_product_count > 0 THEN
        SET v_message = CONCAT(
            'category ', p_category_id, ' still holds products (', v_product_count,
            '): file them under another category first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_child_count > 0 THEN
        SET v_message = CONCAT(
            'category ', p_category_id, ' still has categories under it (', v_child_count,
            '): move or delete them first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    DELETE FROM category
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT p_category_id AS category_id;
END
