-- Public: add a product category, at the top of the tree or under a parent category. The
-- name is the category's identity across the catalogue (unique, compared as the column's
-- collation does: case and accents aside). Texts lose the white space at their ends
-- (trimmed_text); a blank description is stored as NULL. Texts are LONGTEXT so that the
-- checks see what was given (see text_length_problem).
CREATE PROCEDURE add_category(
    IN p_name LONGTEXT,
    IN p_parent_category_id BIGINT UNSIGNED,
    IN p_description LONGTEXT
)
COMMENT 'Add a product category, under a parent or at the top; result: the new category_id.'
BEGIN
    DECLARE v_name LONGTEXT;
    DECLARE v_category_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second category of the name (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('category ', LEFT(QUOTE(v_name), 60), ' already exists');
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
        text_length_problem(p_name, 'category name', 100),
        text_length_problem(p_description, 'description', 500),
        blank_text_problem(p_name, 'category name')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_name = trimmed_text(p_name);

    START TRANSACTION;
    -- The parent is share-locked, as the foreign key would, so that it stays until commit.
    -- A new category has no children, so it cannot close a cycle.
    IF p_parent_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_parent_category_id
        LOCK IN SHARE MODE
    ) THEN
        SET v_message = CONCAT('unknown parent category ', p_parent_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    INSERT INTO category (name, parent_category_id, description)
    VALUES (v_name, p_parent_category_id, trimmed_text(p_description));
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_category_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_category_id AS category_id,
        p_parent_category_id AS parent_category_id;
END
