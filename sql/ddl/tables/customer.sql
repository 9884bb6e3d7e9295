-- A business or person that buys from us.
CREATE TABLE customer (
    customer_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the customer.',
    name VARCHAR(200) NOT NULL
        COMMENT 'Customer name as printed on invoices (company or person).',
    email VARCHAR(254) NOT NULL
        COMMENT 'Contact and invoicing e-mail address, unique among customers.',
    phone VARCHAR(40) NULL
        COMMENT 'Telephone number as dialled, free format.',
    address_line VARCHAR(200) NULL
        COMMENT 'Street address for deliveries and invoices.',
    city VARCHAR(100) NULL
        COMMENT 'City of the customer address.',
    postal_code VARCHAR(20) NULL
        COMMENT 'Postal code of the customer address.',
    country_code CHAR(2) NOT NULL
        COMMENT 'ISO 3166-1 alpha-2 country of the customer, upper case.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (customer_id),
    CONSTRAINT uq_customer__email UNIQUE (email),
    CONSTRAINT ck_customer__country_code_format
        CHECK (country_code COLLATE utf8mb4_bin REGEXP '^[A-Z]{2}$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Customers who place sales orders.';
