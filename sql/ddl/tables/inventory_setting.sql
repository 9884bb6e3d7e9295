-- Settings of the inventory calculations: one row, one typed and checked column per setting.
CREATE TABLE inventory_setting (
    inventory_setting_id TINYINT UNSIGNED NOT NULL DEFAULT 1
        COMMENT 'Always 1: the table holds exactly one row, the settings in force.',
    default_service_level DECIMAL(5, 4) NOT NULL DEFAULT 0.9500
        COMMENT 'Share of replenishment cycles that should end without a stock-out, used when a recommendation is asked for without one (0.95: 95%).',
    default_history_days SMALLINT NOT NULL DEFAULT 90
        COMMENT 'Days of sales history the demand statistics read when none is given.',
    ordering_cost DECIMAL(12, 2) NOT NULL DEFAULT 50.00
        COMMENT 'Cost of placing and receiving one purchase order line, in the company currency: S in the economic order quantity.',
    holding_rate DECIMAL(6, 4) NOT NULL DEFAULT 0.2500
        COMMENT 'Yearly cost of holding one unit in stock as a fraction of its unit cost: H = holding rate x unit cost.',
    smoothing_alpha DECIMAL(4, 3) NOT NULL DEFAULT 0.300
        COMMENT 'Weight of the latest day in the exponentially smoothed demand forecast (0 < alpha <= 1; higher reacts faster).',
    moving_average_days SMALLINT NOT NULL DEFAULT 28
        COMMENT 'Most recent days averaged by the moving-average demand forecast (at most the history window).',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When a setting was last changed (UTC).',
    PRIMARY KEY (inventory_setting_id),
    CONSTRAINT ck_inventory_setting__single_row CHECK (inventory_setting_id = 1),
    CONSTRAINT ck_inventory_setting__default_service_level_range
        CHECK (default_service_level > 0 AND default_service_level < 1),
    CONSTRAINT ck_inventory_setting__default_history_days_range
        CHECK (default_history_days BETWEEN 1 AND 3660),
    CONSTRAINT ck_inventory_setting__ordering_cost_non_negative CHECK (ordering_cost >= 0),
    CONSTRAINT ck_inventory_setting__holding_rate_positive CHECK (holding_rate > 0),
    CONSTRAINT ck_inventory_setting__smoothing_alpha_range
        CHECK (smoothing_alpha > 0 AND smoothing_alpha <= 1),
    CONSTRAINT ck_inventory_setting__moving_average_days_positive CHECK (moving_average_days >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Settings of the reorder calculations (service level, costs, forecast): one row.';
