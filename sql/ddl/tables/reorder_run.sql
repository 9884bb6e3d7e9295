-- Automatic reordering: one row that every run writes first, so concurrent runs take turns.
CREATE TABLE reorder_run (
    reorder_run_id TINYINT UNSIGNED NOT NULL
        COMMENT 'Always 1: the one row every reorder run updates before it reads the suggestions.',
    run_count BIGINT UNSIGNED NOT NULL DEFAULT 0
        COMMENT 'Reorder runs committed so far.',
    last_run_at DATETIME(6) NULL
        COMMENT 'When the latest committed run started (UTC).',
    last_order_count INT NOT NULL DEFAULT 0
        COMMENT 'Draft purchase orders the latest run created or added lines to.',
    last_line_count INT NOT NULL DEFAULT 0
        COMMENT 'Purchase order lines the latest run created or increased.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (reorder_run_id),
    CONSTRAINT ck_reorder_run__single_row CHECK (reorder_run_id = 1),
    CONSTRAINT ck_reorder_run__counts_non_negative
        CHECK (last_order_count >= 0 AND last_line_count >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Reorder runs: one row that serialises automatic reordering and records the last run.';
