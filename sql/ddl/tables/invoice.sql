-- The bill for a shipped sales order.
CREATE TABLE invoice (
    invoice_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the invoice; also its invoice number.',
    sales_order_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Sales order billed; an order is invoiced once, when it ships.',
    status ENUM('issued', 'paid', 'void') NOT NULL DEFAULT 'issued'
        COMMENT 'issued: awaiting payment; paid: settled in full; void: cancelled, not owed.',
    total_amount DECIMAL(12, 2) NOT NULL
        COMMENT 'Amount due: the sum of the invoice line totals.',
    issued_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the invoice was issued (UTC).',
    due_date DATE NOT NULL
        COMMENT 'Date payment is due.',
    paid_at DATETIME NULL
        COMMENT 'When payment was received in full (UTC); set exactly when status is paid.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (invoice_id),
    CONSTRAINT uq_invoice__sales_order_id UNIQUE (sales_order_id),
    INDEX ix_invoice__status_due_date (status, due_date),
    CONSTRAINT fk_invoice__sales_order FOREIGN KEY (sales_order_id)
        REFERENCES sales_order (sales_order_id),
    CONSTRAINT ck_invoice__total_amount_non_negative CHECK (total_amount >= 0),
    CONSTRAINT ck_invoice__due_not_before_issued CHECK (due_date >= CAST(issued_at AS DATE)),
    CONSTRAINT ck_invoice__paid_has_paid_at CHECK ((status = 'paid') = (paid_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Invoices issued to customers for shipped sales orders.';
