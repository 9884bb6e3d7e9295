-- The category tree as a whole: one row that every move of a category writes first, so moves
-- take turns. A move checks that the new parent does not lie within the category moved; two
-- moves checked at once could each pass and together close a loop (A under B, B under A).
-- Writing this row makes the second wait for the first on one server, and on a Galera
-- cluster, where row locks hold on one node only, makes the two writes conflict (1213).
CREATE TABLE category_tree (
    category_tree_id TINYINT UNSIGNED NOT NULL
        COMMENT 'Always 1: the one row every move of a category writes before it checks.',
    move_count BIGINT UNSIGNED NOT NULL DEFAULT 0
        COMMENT 'Calls of move_category committed so far.',
    last_moved_at DATETIME(6) NULL
        COMMENT 'When the latest committed move was made (UTC).',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (category_tree_id),
    CONSTRAINT ck_category_tree__single_row CHECK (category_tree_id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'The category tree: one row that serialises moves of categories and counts them.';
