-- One product on a purchase order.
CREATE TABLE purchase_order_line (
    purchase_order_line_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the purchase order line.',
    purchase_order_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Purchase order the line belongs to.',
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product ordered; each product appears at most once per purchase order.',
    ordered_qty INT NOT NULL
        COMMENT 'Units ordered from the supplier.',
    received_qty INT NOT NULL DEFAULT 0
        COMMENT 'Units received so far; receiving more than ordered is refused.',
    unit_cost DECIMAL(12, 2) NOT NULL
        COMMENT 'Price agreed with the supplier for one unit.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (purchase_order_line_id),
    CONSTRAINT uq_purchase_order_line__purchase_order_id_product_id
        UNIQUE (purchase_order_id, product_id),
    INDEX ix_purchase_order_line__product_id (product_id),
    CONSTRAINT fk_purchase_order_line__purchase_order FOREIGN KEY (purchase_order_id)
        REFERENCES purchase_order (purchase_order_id),
    CONSTRAINT fk_purchase_order_line__product FOREIGN KEY (product_id)
        REFERENCES product (product_id),
    CONSTRAINT ck_purchase_order_line__ordered_qty_positive CHECK (ordered_qty > 0),
    CONSTRAINT ck_purchase_order_line__received_within_ordered
        CHECK (received_qty >= 0 AND received_qty <= ordered_qty),
    CONSTRAINT ck_purchase_order_line__unit_cost_non_negative CHECK (unit_cost >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Purchase order lines: quantity ordered and received per product.';
