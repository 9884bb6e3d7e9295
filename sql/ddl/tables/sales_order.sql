-- A customer's order, fulfilled from one warehouse.
CREATE TABLE sales_order (
    sales_order_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the sales order; also its order number.',
    customer_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Customer who placed the order.',
    warehouse_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Warehouse that reserves and ships the stock.',
    status ENUM('open', 'shipped', 'cancelled') NOT NULL DEFAULT 'open'
        COMMENT 'open: placed, stock reserved; shipped: stock issued and invoiced; cancelled: reservations released.',
    ordered_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the customer placed the order (UTC).',
    shipped_at DATETIME NULL
        COMMENT 'When the order left the warehouse (UTC); set exactly when status is shipped.',
    cancelled_at DATETIME NULL
        COMMENT 'When the order was cancelled (UTC); set exactly when status is cancelled.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (sales_order_id),
    INDEX ix_sales_order__customer_id_ordered_at (customer_id, ordered_at),
    INDEX ix_sales_order__warehouse_id_status (warehouse_id, status),
    INDEX ix_sales_order__ordered_at (ordered_at),
    CONSTRAINT fk_sales_order__customer FOREIGN KEY (customer_id)
        REFERENCES customer (customer_id),
    CONSTRAINT fk_sales_order__warehouse FOREIGN KEY (warehouse_id)
        REFERENCES warehouse (warehouse_id),
    CONSTRAINT ck_sales_order__status_timestamps CHECK (
        (status = 'open' AND shipped_at IS NULL AND cancelled_at IS NULL)
        OR (status = 'shipped' AND shipped_at IS NOT NULL AND cancelled_at IS NULL)
        OR (status = 'cancelled' AND cancelled_at IS NOT NULL AND shipped_at IS NULL)
    ),
    CONSTRAINT ck_sales_order__shipped_not_before_ordered
        CHECK (shipped_at IS NULL OR shipped_at >= ordered_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Sales orders: what customers ordered, from which warehouse, and how far it got.';
