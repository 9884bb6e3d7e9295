-- One billed sales order line.
CREATE TABLE invoice_line (
    invoice_line_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the invoice line.',
    invoice_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Invoice the line belongs to.',
    sales_order_line_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Sales order line billed; each is billed at most once.',
    invoiced_qty INT NOT NULL
        COMMENT 'Units billed: the units shipped on the sales order line.',
    unit_price DECIMAL(12, 2) NOT NULL
        COMMENT 'Price of one unit as billed.',
    line_total DECIMAL(12, 2) NOT NULL
        COMMENT 'Amount of the line: invoiced quantity times unit price.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (invoice_line_id),
    CONSTRAINT uq_invoice_line__sales_order_line_id UNIQUE (sales_order_line_id),
    INDEX ix_invoice_line__invoice_id (invoice_id),
    CONSTRAINT fk_invoice_line__invoice FOREIGN KEY (invoice_id)
        REFERENCES invoice (invoice_id),
    CONSTRAINT fk_invoice_line__sales_order_line FOREIGN KEY (sales_order_line_id)
        REFERENCES sales_order_line (sales_order_line_id),
    CONSTRAINT ck_invoice_line__invoiced_qty_positive CHECK (invoiced_qty > 0),
    CONSTRAINT ck_invoice_line__unit_price_non_negative CHECK (unit_price >= 0),
    CONSTRAINT ck_invoice_line__line_total_is_qty_times_price
        CHECK (line_total = invoiced_qty * unit_price)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Invoice lines: what each invoice bills, one line per shipped order line.';
