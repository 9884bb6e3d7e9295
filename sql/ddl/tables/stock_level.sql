-- How much of a product a warehouse holds, and when to reorder it.
CREATE TABLE stock_level (
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product held.',
    warehouse_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Warehouse holding it.',
    on_hand_qty INT NOT NULL DEFAULT 0
        COMMENT 'Units physically in the warehouse; always equals the sum of its stock movements.',
    reserved_qty INT NOT NULL DEFAULT 0
        COMMENT 'Units promised to open sales orders and not yet shipped; available = on hand - reserved.',
    reorder_point_qty INT NOT NULL DEFAULT 0
        COMMENT 'When available plus on-order units fall to this level, stock is reordered.',
    target_qty INT NOT NULL DEFAULT 0
        COMMENT 'Order-up-to level: reordering tops the stock position up to this many units.',
    last_counted_at DATETIME NULL
        COMMENT 'When the last stocktake counted this product here; NULL if never counted.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (product_id, warehouse_id),
    INDEX ix_stock_level__warehouse_id (warehouse_id),
    CONSTRAINT fk_stock_level__product FOREIGN KEY (product_id)
        REFERENCES product (product_id),
    CONSTRAINT fk_stock_level__warehouse FOREIGN KEY (warehouse_id)
        REFERENCES warehouse (warehouse_id),
    CONSTRAINT ck_stock_level__on_hand_non_negative CHECK (on_hand_qty >= 0),
    CONSTRAINT ck_stock_level__reserved_within_on_hand
        CHECK (reserved_qty >= 0 AND reserved_qty <= on_hand_qty),
    CONSTRAINT ck_stock_level__reorder_point_non_negative CHECK (reorder_point_qty >= 0),
    CONSTRAINT ck_stock_level__target_not_below_reorder_point
        CHECK (target_qty >= reorder_point_qty)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Stock of each product in each warehouse, with its reorder parameters.';
