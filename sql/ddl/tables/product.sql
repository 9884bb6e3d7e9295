-- An item we stock and sell, identified by its SKU.
CREATE TABLE product (
    product_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT
        COMMENT 'Surrogate key of the product.',
    sku VARCHAR(40) NOT NULL
        COMMENT 'Stock-keeping unit: our own code for the product, unique.',
    name VARCHAR(200) NOT NULL
        COMMENT 'Product name shown on orders and invoices.',
    description VARCHAR(1000) NULL
        COMMENT 'Optional longer description of the product.',
    category_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Category the product is listed under.',
    unit_price DECIMAL(12, 2) NOT NULL
        COMMENT 'Current list selling price of one unit, in the company currency.',
    is_discontinued BOOLEAN NOT NULL DEFAULT FALSE
        COMMENT '1 when the product is no longer sold or reordered; its history stays.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (product_id),
    CONSTRAINT uq_product__sku UNIQUE (sku),
    INDEX ix_product__category_id (category_id),
    CONSTRAINT fk_product__category FOREIGN KEY (category_id)
        REFERENCES category (category_id),
    CONSTRAINT ck_product__sku_not_blank CHECK (TRIM(sku) <> ''),
    CONSTRAINT ck_product__unit_price_non_negative CHECK (unit_price >= 0),
    CONSTRAINT ck_product__is_discontinued_boolean CHECK (is_discontinued IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Products in the catalogue.';
