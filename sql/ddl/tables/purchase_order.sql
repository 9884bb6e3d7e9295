-- An order we place with a supplier, delivered to one warehouse.
CREATE TABLE purchase_order (
    purchase_order_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the purchase order; also its order number.',
    supplier_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Supplier the order is placed with.',
    warehouse_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Warehouse the goods are delivered to.',
    status ENUM('draft', 'sent', 'partially_received', 'received', 'cancelled')
        NOT NULL DEFAULT 'draft'
        COMMENT 'draft: not yet sent; sent: awaiting delivery; partially_received: some lines short; received: complete; cancelled: will not arrive.',
    is_auto_generated BOOLEAN NOT NULL DEFAULT FALSE
        COMMENT '1 when automatic reordering created the order, 0 when a buyer did.',
    ordered_at DATETIME NULL
        COMMENT 'When the order was sent to the supplier (UTC); NULL while a draft.',
    expected_date DATE NULL
        COMMENT 'Delivery date promised: order date plus the supplier lead time.',
    received_at DATETIME NULL
        COMMENT 'When the last outstanding unit arrived (UTC); set exactly when status is received.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (purchase_order_id),
    INDEX ix_purchase_order__supplier_id_status (supplier_id, status),
    INDEX ix_purchase_order__warehouse_id_status (warehouse_id, status),
    CONSTRAINT fk_purchase_order__supplier FOREIGN KEY (supplier_id)
        REFERENCES supplier (supplier_id),
    CONSTRAINT fk_purchase_order__warehouse FOREIGN KEY (warehouse_id)
        REFERENCES warehouse (warehouse_id),
    CONSTRAINT ck_purchase_order__sent_has_ordered_at
        CHECK (status IN ('draft', 'cancelled') OR ordered_at IS NOT NULL),
    CONSTRAINT ck_purchase_order__received_has_received_at
        CHECK ((status = 'received') = (received_at IS NOT NULL)),
    CONSTRAINT ck_purchase_order__is_auto_generated_boolean CHECK (is_auto_generated IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Purchase orders: what we ordered from suppliers and how much has arrived.';
