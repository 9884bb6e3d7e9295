-- One product on a sales order.
CREATE TABLE sales_order_line (
    sales_order_line_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the order line.',
    sales_order_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Order the line belongs to.',
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product ordered; each product appears at most once per order.',
    ordered_qty INT NOT NULL
        COMMENT 'Units the customer ordered.',
    shipped_qty INT NOT NULL DEFAULT 0
        COMMENT 'Units shipped so far, never more than ordered.',
    returned_qty INT NOT NULL DEFAULT 0
        COMMENT 'Units the customer sent back, never more than shipped.',
    unit_price DECIMAL(12, 2) NOT NULL
        COMMENT 'Selling price of one unit agreed when the order was placed.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (sales_order_line_id),
    CONSTRAINT uq_sales_order_line__sales_order_id_product_id UNIQUE (sales_order_id, product_id),
    INDEX ix_sales_order_line__product_id (product_id),
    CONSTRAINT fk_sales_order_line__sales_order FOREIGN KEY (sales_order_id)
        REFERENCES sales_order (sales_order_id),
    CONSTRAINT fk_sales_order_line__product FOREIGN KEY (product_id)
        REFERENCES product (product_id),
    CONSTRAINT ck_sales_order_line__ordered_qty_positive CHECK (ordered_qty > 0),
    CONSTRAINT ck_sales_order_line__shipped_within_ordered
        CHECK (shipped_qty >= 0 AND shipped_qty <= ordered_qty),
    CONSTRAINT ck_sales_order_line__returned_within_shipped
        CHECK (returned_qty >= 0 AND returned_qty <= shipped_qty),
    CONSTRAINT ck_sales_order_line__unit_price_non_negative CHECK (unit_price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Sales order lines: quantity ordered, shipped and returned per product.';
