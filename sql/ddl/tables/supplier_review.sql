-- Our rating of a supplier, usually of one delivery.
CREATE TABLE supplier_review (
    supplier_review_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the review.',
    supplier_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Supplier reviewed.',
    purchase_order_id BIGINT UNSIGNED NULL
        COMMENT 'Delivery the review is about, reviewed at most once; NULL for a general review.',
    rating TINYINT NOT NULL
        COMMENT 'Score from 1 (poor) to 5 (excellent).',
    review_text VARCHAR(2000) NULL
        COMMENT 'What went well or badly, in the reviewer''s words.',
    reviewer_name VARCHAR(100) NOT NULL
        COMMENT 'Staff member who wrote the review.',
    reviewed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the review was written (UTC).',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (supplier_review_id),
    CONSTRAINT uq_supplier_review__purchase_order_id UNIQUE (purchase_order_id),
    INDEX ix_supplier_review__supplier_id_reviewed_at (supplier_id, reviewed_at),
    CONSTRAINT fk_supplier_review__supplier FOREIGN KEY (supplier_id)
        REFERENCES supplier (supplier_id),
    CONSTRAINT fk_supplier_review__purchase_order FOREIGN KEY (purchase_order_id)
        REFERENCES purchase_order (purchase_order_id),
    CONSTRAINT ck_supplier_review__rating_range CHECK (rating BETWEEN 1 AND 5)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Supplier reviews: ratings of suppliers and their deliveries.';
