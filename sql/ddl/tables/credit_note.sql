-- The credit for goods a customer returned: the returned units at the price billed. Issued
-- before the invoice is paid, it is deducted from what the invoice asks and settled by the
-- payment; issued after, it is owed back and settled by its refund (credit_note_settlement
-- says which). A void invoice bills nothing, so its returns are not credited.
CREATE TABLE credit_note (
    credit_note_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the credit note; also its credit note number.',
    invoice_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Invoice credited: the one that billed the returned units.',
    stock_movement_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Return movement credited: the units that came back; a return is credited once.',
    amount DECIMAL(12, 2) NOT NULL
        COMMENT 'Amount credited: the returned units times the unit price billed.',
    issued_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the credit note was issued, with the return (UTC).',
    settled_at DATETIME NULL
        COMMENT 'When the credit was settled (UTC): by the invoice payment it was deducted from, or by its refund; NULL while open.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (credit_note_id),
    CONSTRAINT uq_credit_note__stock_movement_id UNIQUE (stock_movement_id),
    INDEX ix_credit_note__invoice_id (invoice_id),
    INDEX ix_credit_note__settled_at (settled_at),
    CONSTRAINT fk_credit_note__invoice FOREIGN KEY (invoice_id)
        REFERENCES invoice (invoice_id),
    CONSTRAINT fk_credit_note__stock_movement FOREIGN KEY (stock_movement_id)
        REFERENCES stock_movement (stock_movement_id),
    CONSTRAINT ck_credit_note__amount_non_negative CHECK (amount >= 0),
    CONSTRAINT ck_credit_note__settled_not_before_issued
        CHECK (settled_at IS NULL OR settled_at >= issued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Credit notes: what each customer return credits on its invoice, and its settlement.';
