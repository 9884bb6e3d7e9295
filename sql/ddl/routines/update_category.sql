-- Public: rename a category or change its description. A NULL argument keeps the value; a
-- blank description is cleared, a blank name refused. Checked and trimmed as add_category
-- does, and the name stays one category's. Products refer to the category by id: they stay
-- filed under it. Moving it under another parent is move_category's.
CREATE PROCEDURE update_category(
    IN p_category_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_description LONGTEXT
)
COMMENT 'Rename a category or change its description (NULL keeps); result: the category.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second category of the name; its error is put
    -- in words (only a name given can clash).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'category ', LEFT(QUOTE(trimmed_text(p_name)), 60), ' already exists'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_name IS NULL AND p_description IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for category ', COALESCE(p_category_id, 'NULL'),
            ': give a name or a description'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = COALESCE(
        text_length_problem(p_name, 'category name', 100),
        text_length_problem(p_description, 'description', 500),
        IF(p_name IS NULL, NULL, blank_text_problem(p_name, 'category name'))
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE category
    SET
        name = COALESCE(trimmed_text(p_name), name),
        description = IF(p_description IS NULL, description, trimmed_text(p_description))
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT
        category_id,
        name,
        parent_category_id,
        description
    FROM category
    WHERE category_id = p_category_id;
END
