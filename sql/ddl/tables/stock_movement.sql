-- The stock ledger: every change to on-hand stock, with the document that caused it.
CREATE TABLE stock_movement (
    stock_movement_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the movement.',
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product that moved.',
    warehouse_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Warehouse whose on-hand stock changed.',
    movement_type ENUM('receipt', 'sale', 'return', 'adjustment', 'transfer') NOT NULL
        COMMENT 'receipt: goods in from a purchase order (+); sale: goods out on a sales order (-); return: goods back from a customer (+); adjustment: stocktake or write-off (+/-); transfer: between warehouses (- at source, + at destination).',
    change_qty INT NOT NULL
        COMMENT 'Signed change in on-hand units: positive in, negative out, never zero.',
    balance_after_qty INT NOT NULL
        COMMENT 'On-hand units of the product in the warehouse right after this movement.',
    occurred_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
        COMMENT 'When the goods physically moved (UTC).',
    sales_order_line_id BIGINT UNSIGNED NULL
        COMMENT 'Sales order line shipped (sale) or returned (return); NULL for other types.',
    purchase_order_line_id BIGINT UNSIGNED NULL
        COMMENT 'Purchase order line received (receipt); NULL for other types.',
    counterpart_warehouse_id BIGINT UNSIGNED NULL
        COMMENT 'Other warehouse of a transfer; NULL for other types.',
    reason VARCHAR(255) NULL
        COMMENT 'Why stock was adjusted or transferred, in words; required for adjustments.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC); ledger rows are never meant to change.',
    PRIMARY KEY (stock_movement_id),
    INDEX ix_stock_movement__product_id_warehouse_id_occurred_at
        (product_id, warehouse_id, occurred_at),
    INDEX ix_stock_movement__sales_order_line_id (sales_order_line_id),
    INDEX ix_stock_movement__purchase_order_line_id (purchase_order_line_id),
    INDEX ix_stock_movement__counterpart_warehouse_id (counterpart_warehouse_id),
    INDEX ix_stock_movement__occurred_at (occurred_at),
    CONSTRAINT fk_stock_movement__stock_level FOREIGN KEY (product_id, warehouse_id)
        REFERENCES stock_level (product_id, warehouse_id),
    CONSTRAINT fk_stock_movement__sales_order_line FOREIGN KEY (sales_order_line_id)
        REFERENCES sales_order_line (sales_order_line_id),
    CONSTRAINT fk_stock_movement__purchase_order_line FOREIGN KEY (purchase_order_line_id)
        REFERENCES purchase_order_line (purchase_order_line_id),
    CONSTRAINT fk_stock_movement__warehouse FOREIGN KEY (counterpart_warehouse_id)
        REFERENCES warehouse (warehouse_id),
    CONSTRAINT ck_stock_movement__change_qty_sign_matches_type CHECK (
        (movement_type IN ('receipt', 'return') AND change_qty > 0)
        OR (movement_type = 'sale' AND change_qty < 0)
        OR (movement_type IN ('adjustment', 'transfer') AND change_qty <> 0)
    ),
    CONSTRAINT ck_stock_movement__reference_matches_type CHECK (
        (
            movement_type IN ('sale', 'return')
            AND sales_order_line_id IS NOT NULL
            AND purchase_order_line_id IS NULL
            AND counterpart_warehouse_id IS NULL
        )
        OR (
            movement_type = 'receipt'
            AND purchase_order_line_id IS NOT NULL
            AND sales_order_line_id IS NULL
            AND counterpart_warehouse_id IS NULL
        )
        OR (
            movement_type = 'adjustment'
            AND reason IS NOT NULL
            AND sales_order_line_id IS NULL
            AND purchase_order_line_id IS NULL
            AND counterpart_warehouse_id IS NULL
        )
        OR (
            movement_type = 'transfer'
            AND counterpart_warehouse_id IS NOT NULL
            AND sales_order_line_id IS NULL
            AND purchase_order_line_id IS NULL
        )
    ),
    CONSTRAINT ck_stock_movement__transfer_between_different_warehouses
        CHECK (counterpart_warehouse_id IS NULL OR counterpart_warehouse_id <> warehouse_id),
    CONSTRAINT ck_stock_movement__balance_after_non_negative CHECK (balance_after_qty >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Stock ledger: one signed, typed row per change to on-hand stock.';
