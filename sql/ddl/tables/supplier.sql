-- A company that sells products to us.
CREATE TABLE supplier (
    supplier_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the supplier.',
    name VARCHAR(200) NOT NULL
        COMMENT 'Registered company name, unique among suppliers.',
    contact_name VARCHAR(200) NULL
        COMMENT 'Person to ask about orders and deliveries.',
    email VARCHAR(254) NULL
        COMMENT 'Address purchase orders are sent to.',
    phone VARCHAR(40) NULL
        COMMENT 'Telephone number as dialled, free format.',
    address_line VARCHAR(200) NULL
        COMMENT 'Street address of the supplier.',
    city VARCHAR(100) NULL
        COMMENT 'City of the supplier address.',
    country_code CHAR(2) NOT NULL
        COMMENT 'ISO 3166-1 alpha-2 country of the supplier, upper case.',
    is_active BOOLEAN NOT NULL DEFAULT TRUE
        COMMENT '1 while we still buy from the supplier; 0 keeps history but stops reordering.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (supplier_id),
    CONSTRAINT uq_supplier__name UNIQUE (name),
    CONSTRAINT ck_supplier__country_code_format
        CHECK (country_code COLLATE utf8mb4_bin REGEXP '^[A-Z]{2}$'),
    CONSTRAINT ck_supplier__is_active_boolean CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Suppliers we buy products from.';
