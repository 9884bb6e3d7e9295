-- Which supplier offers which product, and on what terms (many-to-many).
CREATE TABLE product_supplier (
    product_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Product on offer.',
    supplier_id BIGINT UNSIGNED NOT NULL
        COMMENT 'Supplier making the offer.',
    supplier_sku VARCHAR(60) NOT NULL
        COMMENT 'The supplier''s own code for the product, quoted on purchase orders.',
    unit_cost DECIMAL(12, 2) NOT NULL
        COMMENT 'Price the supplier charges us for one unit.',
    lead_time_days SMALLINT NOT NULL
        COMMENT 'Promised days from sending a purchase order to delivery.',
    min_order_qty INT NOT NULL DEFAULT 1
        COMMENT 'Smallest quantity the supplier accepts on one order line.',
    order_multiple INT NOT NULL DEFAULT 1
        COMMENT 'Quantities must be a whole multiple of this pack size.',
    is_preferred BOOLEAN NOT NULL DEFAULT FALSE
        COMMENT '1 for the supplier automatic reordering uses first for this product.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (product_id, supplier_id),
    CONSTRAINT uq_product_supplier__supplier_id_supplier_sku UNIQUE (supplier_id, supplier_sku),
    CONSTRAINT fk_product_supplier__product FOREIGN KEY (product_id)
        REFERENCES product (product_id),
    CONSTRAINT fk_product_supplier__supplier FOREIGN KEY (supplier_id)
        REFERENCES supplier (supplier_id),
    CONSTRAINT ck_product_supplier__unit_cost_positive CHECK (unit_cost > 0),
    CONSTRAINT ck_product_supplier__lead_time_days_non_negative CHECK (lead_time_days >= 0),
    CONSTRAINT ck_product_supplier__min_order_qty_positive CHECK (min_order_qty >= 1),
    CONSTRAINT ck_product_supplier__order_multiple_positive CHECK (order_multiple >= 1),
    CONSTRAINT ck_product_supplier__is_preferred_boolean CHECK (is_preferred IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Supplier offers: the terms on which each supplier sells each product.';
