-- A low-stock warning for one product in one warehouse.
CREATE TABLE stock_alert (
    stock_alert_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the alert.',
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product running low.',
    warehouse_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Warehouse where it runs low.',
    status ENUM('open', 'resolved') NOT NULL DEFAULT 'open'
        COMMENT 'open: available stock is at or below the reorder point; resolved: it recovered.',
    is_open TINYINT GENERATED ALWAYS AS (CASE WHEN status = 'open' THEN 1 END) VIRTUAL
        COMMENT '1 while open, NULL once resolved: the unique key on it allows one open alert per product and warehouse.',
    available_qty INT NOT NULL
        COMMENT 'Available units (on hand - reserved) when the alert was raised.',
    reorder_point_qty INT NOT NULL
        COMMENT 'Reorder point in force when the alert was raised.',
    raised_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When stock fell to or below the reorder point (UTC).',
    resolved_at DATETIME NULL
        COMMENT 'When stock recovered above the reorder point (UTC); set exactly when resolved.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (stock_alert_id),
    CONSTRAINT uq_stock_alert__product_id_warehouse_id_is_open
        UNIQUE (product_id, warehouse_id, is_open),
    INDEX ix_stock_alert__status_raised_at (status, raised_at),
    CONSTRAINT fk_stock_alert__stock_level FOREIGN KEY (product_id, warehouse_id)
        REFERENCES stock_level (product_id, warehouse_id),
    CONSTRAINT ck_stock_alert__resolved_has_resolved_at
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Low-stock alerts: at most one open per product and warehouse.';
