-- A place where stock is kept.
CREATE TABLE warehouse (
    warehouse_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the warehouse.',
    code VARCHAR(20) NOT NULL
        COMMENT 'Short code used on documents and shelves, unique (for example WH-NORTH).',
    name VARCHAR(100) NOT NULL
        COMMENT 'Descriptive name of the warehouse.',
    city VARCHAR(100) NULL
        COMMENT 'City the warehouse is in.',
    country_code CHAR(2) NOT NULL
        COMMENT 'ISO 3166-1 alpha-2 country of the warehouse, upper case.',
    is_active BOOLEAN NOT NULL DEFAULT TRUE
        COMMENT '1 while the warehouse ships and receives; 0 keeps history only.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (warehouse_id),
    CONSTRAINT uq_warehouse__code UNIQUE (code),
    CONSTRAINT ck_warehouse__country_code_format
        CHECK (country_code COLLATE utf8mb4_bin REGEXP '^[A-Z]{2}$'),
    CONSTRAINT ck_warehouse__is_active_boolean CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Warehouses that hold stock and fulfil orders.';
