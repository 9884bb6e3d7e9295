-- Public: move a category, with everything filed under it, under another parent, or to the
-- top of the tree (p_parent_category_id NULL). Refused when the new parent is the category
-- itself or lies within it: the tree would become a loop. Moves take turns on the
-- category_tree row, so two moves that would each be sound alone, but together close a loop,
-- are checked one after the other.
CREATE PROCEDURE move_category(
    IN p_category_id BIGINT UNSIGNED,
    IN p_parent_category_id BIGINT UNSIGNED
)
COMMENT 'Move a category under another parent or to the top; result: old and new parent.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_was_parent_category_id BIGINT UNSIGNED;
    DECLARE v_ancestor_id BIGINT UNSIGNED DEFAULT p_parent_category_id;
    DECLARE v_category_count INT;
    DECLARE v_steps INT DEFAULT 0;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    -- The turn first. The migration writes the row; without it moves would not take turns.
    UPDATE category_tree
    SET
        move_count = move_count + 1,
        last_moved_at = UTC_TIMESTAMP(6)
    WHERE category_tree_id = 1;
    IF ROW_COUNT() = 0 THEN
        SET v_message = 'the category_tree row is missing: run sql/data/category_tree_row.sql';
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT
        COUNT(*) AS found,
        MAX(parent_category_id) AS parent_category_id
    INTO v_found, v_was_parent_category_id
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_parent_category_id = p_category_id THEN
        SET v_message = CONCAT('category ', p_category_id, ' cannot go under itself');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_parent_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_parent_category_id
        LOCK IN SHARE MODE
    ) THEN
        SET v_message = CONCAT('unknown parent category ', p_parent_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- Up from the new parent to the top, share-locking each step: the category moved must
    -- not be met. A chain longer than the tree has categories can only be a loop already
    -- there (written past this procedure), which must not keep the walk going for ever.
    SELECT COUNT(*) INTO v_category_count FROM category;
    WHILE v_ancestor_id IS NOT NULL DO
        IF v_ancestor_id = p_category_id THEN
            SET v_message = CONCAT(
                'category ', p_category_id, ' cannot go under ', p_parent_category_id,
                ', which lies within it'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_steps = v_steps + 1;
        IF v_steps > v_category_count THEN
            SET v_message = CONCAT(
                'the categories above ', p_parent_category_id,
                ' form a loop: correct their parent_category_id first'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SELECT MAX(parent_category_id) INTO v_ancestor_id
        FROM category
        WHERE category_id = v_ancestor_id
        LOCK IN SHARE MODE;
    END WHILE;

    UPDATE category
    SET parent_category_id = p_parent_category_id
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT
        p_category_id AS category_id,
        v_was_parent_category_id AS was_parent_category_id,
        p_parent_category_id AS parent_category_id;
END
