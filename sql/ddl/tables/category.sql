-- A product category, optionally nested under a parent category.
CREATE TABLE category (
    category_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the category.',
    parent_category_id BIGINT UNSIGNED NULL
        COMMENT 'Enclosing category; NULL for a top-level category.',
    name VARCHAR(100) NOT NULL
        COMMENT 'Category name shown to buyers and analysts, unique across the catalogue.',
    description VARCHAR(500) NULL
        COMMENT 'Optional free-text description of what belongs in the category.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (category_id),
    CONSTRAINT uq_category__name UNIQUE (name),
    INDEX ix_category__parent_category_id (parent_category_id),
    CONSTRAINT fk_category__category FOREIGN KEY (parent_category_id)
        REFERENCES category (category_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Product categories, a tree: each category may sit under a parent.';
