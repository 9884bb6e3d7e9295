-- sims schema snapshot, written by `make schema-dump` from a migrated database.
-- Do not edit: change the migrations, then run `make schema-dump`.
-- server flavor: MariaDB

-- table: category
CREATE TABLE `category` (
  `category_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the category.',
  `parent_category_id` bigint(20) unsigned DEFAULT NULL COMMENT 'Enclosing category; NULL for a top-level category.',
  `name` varchar(100) NOT NULL COMMENT 'Category name shown to buyers and analysts, unique across the catalogue.',
  `description` varchar(500) DEFAULT NULL COMMENT 'Optional free-text description of what belongs in the category.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`category_id`),
  UNIQUE KEY `uq_category__name` (`name`),
  KEY `ix_category__parent_category_id` (`parent_category_id`),
  CONSTRAINT `fk_category__category` FOREIGN KEY (`parent_category_id`) REFERENCES `category` (`category_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Product categories, a tree: each category may sit under a parent.';

-- table: customer
CREATE TABLE `customer` (
  `customer_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the customer.',
  `name` varchar(200) NOT NULL COMMENT 'Customer name as printed on invoices (company or person).',
  `email` varchar(254) NOT NULL COMMENT 'Contact and invoicing e-mail address, unique among customers.',
  `phone` varchar(40) DEFAULT NULL COMMENT 'Telephone number as dialled, free format.',
  `address_line` varchar(200) DEFAULT NULL COMMENT 'Street address for deliveries and invoices.',
  `city` varchar(100) DEFAULT NULL COMMENT 'City of the customer address.',
  `postal_code` varchar(20) DEFAULT NULL COMMENT 'Postal code of the customer address.',
  `country_code` char(2) NOT NULL COMMENT 'ISO 3166-1 alpha-2 country of the customer, upper case.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`customer_id`),
  UNIQUE KEY `uq_customer__email` (`email`),
  CONSTRAINT `ck_customer__country_code_format` CHECK (`country_code` collate utf8mb4_bin regexp '^[A-Z]{2}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Customers who place sales orders.';

-- table: invoice
CREATE TABLE `invoice` (
  `invoice_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the invoice; also its invoice number.',
  `sales_order_id` bigint(20) unsigned NOT NULL COMMENT 'Sales order billed; an order is invoiced once, when it ships.',
  `status` enum('issued','paid','void') NOT NULL DEFAULT 'issued' COMMENT 'issued: awaiting payment; paid: settled in full; void: cancelled, not owed.',
  `total_amount` decimal(12,2) NOT NULL COMMENT 'Amount due: the sum of the invoice line totals.',
  `issued_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the invoice was issued (UTC).',
  `due_date` date NOT NULL COMMENT 'Date payment is due.',
  `paid_at` datetime DEFAULT NULL COMMENT 'When payment was received in full (UTC); set exactly when status is paid.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`invoice_id`),
  UNIQUE KEY `uq_invoice__sales_order_id` (`sales_order_id`),
  KEY `ix_invoice__status_due_date` (`status`,`due_date`),
  CONSTRAINT `fk_invoice__sales_order` FOREIGN KEY (`sales_order_id`) REFERENCES `sales_order` (`sales_order_id`),
  CONSTRAINT `ck_invoice__total_amount_non_negative` CHECK (`total_amount` >= 0),
  CONSTRAINT `ck_invoice__due_not_before_issued` CHECK (`due_date` >= cast(`issued_at` as date)),
  CONSTRAINT `ck_invoice__paid_has_paid_at` CHECK (`status` = 'paid' = (`paid_at` is not null))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Invoices issued to customers for shipped sales orders.';

-- table: invoice_line
CREATE TABLE `invoice_line` (
  `invoice_line_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the invoice line.',
  `invoice_id` bigint(20) unsigned NOT NULL COMMENT 'Invoice the line belongs to.',
  `sales_order_line_id` bigint(20) unsigned NOT NULL COMMENT 'Sales order line billed; each is billed at most once.',
  `invoiced_qty` int(11) NOT NULL COMMENT 'Units billed: the units shipped on the sales order line.',
  `unit_price` decimal(12,2) NOT NULL COMMENT 'Price of one unit as billed.',
  `line_total` decimal(12,2) NOT NULL COMMENT 'Amount of the line: invoiced quantity times unit price.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`invoice_line_id`),
  UNIQUE KEY `uq_invoice_line__sales_order_line_id` (`sales_order_line_id`),
  KEY `ix_invoice_line__invoice_id` (`invoice_id`),
  CONSTRAINT `fk_invoice_line__invoice` FOREIGN KEY (`invoice_id`) REFERENCES `invoice` (`invoice_id`),
  CONSTRAINT `fk_invoice_line__sales_order_line` FOREIGN KEY (`sales_order_line_id`) REFERENCES `sales_order_line` (`sales_order_line_id`),
  CONSTRAINT `ck_invoice_line__invoiced_qty_positive` CHECK (`invoiced_qty` > 0),
  CONSTRAINT `ck_invoice_line__unit_price_non_negative` CHECK (`unit_price` >= 0),
  CONSTRAINT `ck_invoice_line__line_total_is_qty_times_price` CHECK (`line_total` = `invoiced_qty` * `unit_price`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Invoice lines: what each invoice bills, one line per shipped order line.';

-- table: product
CREATE TABLE `product` (
  `product_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the product.',
  `sku` varchar(40) NOT NULL COMMENT 'Stock-keeping unit: our own code for the product, unique.',
  `name` varchar(200) NOT NULL COMMENT 'Product name shown on orders and invoices.',
  `description` varchar(1000) DEFAULT NULL COMMENT 'Optional longer description of the product.',
  `category_id` bigint(20) unsigned NOT NULL COMMENT 'Category the product is listed under.',
  `unit_price` decimal(12,2) NOT NULL COMMENT 'Current list selling price of one unit, in the company currency.',
  `is_discontinued` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 when the product is no longer sold or reordered; its history stays.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`product_id`),
  UNIQUE KEY `uq_product__sku` (`sku`),
  KEY `ix_product__category_id` (`category_id`),
  CONSTRAINT `fk_product__category` FOREIGN KEY (`category_id`) REFERENCES `category` (`category_id`),
  CONSTRAINT `ck_product__sku_not_blank` CHECK (trim(`sku`) <> ''),
  CONSTRAINT `ck_product__unit_price_non_negative` CHECK (`unit_price` >= 0),
  CONSTRAINT `ck_product__is_discontinued_boolean` CHECK (`is_discontinued` in (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Products in the catalogue.';

-- table: product_supplier
CREATE TABLE `product_supplier` (
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product on offer.',
  `supplier_id` bigint(20) unsigned NOT NULL COMMENT 'Supplier making the offer.',
  `supplier_sku` varchar(60) NOT NULL COMMENT 'The supplier''s own code for the product, quoted on purchase orders.',
  `unit_cost` decimal(12,2) NOT NULL COMMENT 'Price the supplier charges us for one unit.',
  `lead_time_days` smallint(6) NOT NULL COMMENT 'Promised days from sending a purchase order to delivery.',
  `min_order_qty` int(11) NOT NULL DEFAULT 1 COMMENT 'Smallest quantity the supplier accepts on one order line.',
  `order_multiple` int(11) NOT NULL DEFAULT 1 COMMENT 'Quantities must be a whole multiple of this pack size.',
  `is_preferred` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 for the supplier automatic reordering uses first for this product.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`product_id`,`supplier_id`),
  UNIQUE KEY `uq_product_supplier__supplier_id_supplier_sku` (`supplier_id`,`supplier_sku`),
  CONSTRAINT `fk_product_supplier__product` FOREIGN KEY (`product_id`) REFERENCES `product` (`product_id`),
  CONSTRAINT `fk_product_supplier__supplier` FOREIGN KEY (`supplier_id`) REFERENCES `supplier` (`supplier_id`),
  CONSTRAINT `ck_product_supplier__unit_cost_positive` CHECK (`unit_cost` > 0),
  CONSTRAINT `ck_product_supplier__lead_time_days_non_negative` CHECK (`lead_time_days` >= 0),
  CONSTRAINT `ck_product_supplier__min_order_qty_positive` CHECK (`min_order_qty` >= 1),
  CONSTRAINT `ck_product_supplier__order_multiple_positive` CHECK (`order_multiple` >= 1),
  CONSTRAINT `ck_product_supplier__is_preferred_boolean` CHECK (`is_preferred` in (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Supplier offers: the terms on which each supplier sells each product.';

-- table: purchase_order
CREATE TABLE `purchase_order` (
  `purchase_order_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the purchase order; also its order number.',
  `supplier_id` bigint(20) unsigned NOT NULL COMMENT 'Supplier the order is placed with.',
  `warehouse_id` bigint(20) unsigned NOT NULL COMMENT 'Warehouse the goods are delivered to.',
  `status` enum('draft','sent','partially_received','received','cancelled') NOT NULL DEFAULT 'draft' COMMENT 'draft: not yet sent; sent: awaiting delivery; partially_received: some lines short; received: complete; cancelled: will not arrive.',
  `is_auto_generated` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 when automatic reordering created the order, 0 when a buyer did.',
  `ordered_at` datetime DEFAULT NULL COMMENT 'When the order was sent to the supplier (UTC); NULL while a draft.',
  `expected_date` date DEFAULT NULL COMMENT 'Delivery date promised: order date plus the supplier lead time.',
  `received_at` datetime DEFAULT NULL COMMENT 'When the last outstanding unit arrived (UTC); set exactly when status is received.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`purchase_order_id`),
  KEY `ix_purchase_order__supplier_id_status` (`supplier_id`,`status`),
  KEY `ix_purchase_order__warehouse_id_status` (`warehouse_id`,`status`),
  CONSTRAINT `fk_purchase_order__supplier` FOREIGN KEY (`supplier_id`) REFERENCES `supplier` (`supplier_id`),
  CONSTRAINT `fk_purchase_order__warehouse` FOREIGN KEY (`warehouse_id`) REFERENCES `warehouse` (`warehouse_id`),
  CONSTRAINT `ck_purchase_order__sent_has_ordered_at` CHECK (`status` in ('draft','cancelled') or `ordered_at` is not null),
  CONSTRAINT `ck_purchase_order__received_has_received_at` CHECK (`status` = 'received' = (`received_at` is not null)),
  CONSTRAINT `ck_purchase_order__is_auto_generated_boolean` CHECK (`is_auto_generated` in (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Purchase orders: what we ordered from suppliers and how much has arrived.';

-- table: purchase_order_line
CREATE TABLE `purchase_order_line` (
  `purchase_order_line_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the purchase order line.',
  `purchase_order_id` bigint(20) unsigned NOT NULL COMMENT 'Purchase order the line belongs to.',
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product ordered; each product appears at most once per purchase order.',
  `ordered_qty` int(11) NOT NULL COMMENT 'Units ordered from the supplier.',
  `received_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Units received so far; receiving more than ordered is refused.',
  `unit_cost` decimal(12,2) NOT NULL COMMENT 'Price agreed with the supplier for one unit.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`purchase_order_line_id`),
  UNIQUE KEY `uq_purchase_order_line__purchase_order_id_product_id` (`purchase_order_id`,`product_id`),
  KEY `ix_purchase_order_line__product_id` (`product_id`),
  CONSTRAINT `fk_purchase_order_line__product` FOREIGN KEY (`product_id`) REFERENCES `product` (`product_id`),
  CONSTRAINT `fk_purchase_order_line__purchase_order` FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_order` (`purchase_order_id`),
  CONSTRAINT `ck_purchase_order_line__ordered_qty_positive` CHECK (`ordered_qty` > 0),
  CONSTRAINT `ck_purchase_order_line__received_within_ordered` CHECK (`received_qty` >= 0 and `received_qty` <= `ordered_qty`),
  CONSTRAINT `ck_purchase_order_line__unit_cost_non_negative` CHECK (`unit_cost` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Purchase order lines: quantity ordered and received per product.';

-- table: sales_order
CREATE TABLE `sales_order` (
  `sales_order_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the sales order; also its order number.',
  `customer_id` bigint(20) unsigned NOT NULL COMMENT 'Customer who placed the order.',
  `warehouse_id` bigint(20) unsigned NOT NULL COMMENT 'Warehouse that reserves and ships the stock.',
  `status` enum('open','shipped','cancelled') NOT NULL DEFAULT 'open' COMMENT 'open: placed, stock reserved; shipped: stock issued and invoiced; cancelled: reservations released.',
  `ordered_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the customer placed the order (UTC).',
  `shipped_at` datetime DEFAULT NULL COMMENT 'When the order left the warehouse (UTC); set exactly when status is shipped.',
  `cancelled_at` datetime DEFAULT NULL COMMENT 'When the order was cancelled (UTC); set exactly when status is cancelled.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`sales_order_id`),
  KEY `ix_sales_order__customer_id_ordered_at` (`customer_id`,`ordered_at`),
  KEY `ix_sales_order__warehouse_id_status` (`warehouse_id`,`status`),
  KEY `ix_sales_order__ordered_at` (`ordered_at`),
  CONSTRAINT `fk_sales_order__customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`customer_id`),
  CONSTRAINT `fk_sales_order__warehouse` FOREIGN KEY (`warehouse_id`) REFERENCES `warehouse` (`warehouse_id`),
  CONSTRAINT `ck_sales_order__status_timestamps` CHECK (`status` = 'open' and `shipped_at` is null and `cancelled_at` is null or `status` = 'shipped' and `shipped_at` is not null and `cancelled_at` is null or `status` = 'cancelled' and `cancelled_at` is not null and `shipped_at` is null),
  CONSTRAINT `ck_sales_order__shipped_not_before_ordered` CHECK (`shipped_at` is null or `shipped_at` >= `ordered_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Sales orders: what customers ordered, from which warehouse, and how far it got.';

-- table: sales_order_line
CREATE TABLE `sales_order_line` (
  `sales_order_line_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the order line.',
  `sales_order_id` bigint(20) unsigned NOT NULL COMMENT 'Order the line belongs to.',
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product ordered; each product appears at most once per order.',
  `ordered_qty` int(11) NOT NULL COMMENT 'Units the customer ordered.',
  `shipped_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Units shipped so far, never more than ordered.',
  `returned_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Units the customer sent back, never more than shipped.',
  `unit_price` decimal(12,2) NOT NULL COMMENT 'Selling price of one unit agreed when the order was placed.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`sales_order_line_id`),
  UNIQUE KEY `uq_sales_order_line__sales_order_id_product_id` (`sales_order_id`,`product_id`),
  KEY `ix_sales_order_line__product_id` (`product_id`),
  CONSTRAINT `fk_sales_order_line__product` FOREIGN KEY (`product_id`) REFERENCES `product` (`product_id`),
  CONSTRAINT `fk_sales_order_line__sales_order` FOREIGN KEY (`sales_order_id`) REFERENCES `sales_order` (`sales_order_id`),
  CONSTRAINT `ck_sales_order_line__ordered_qty_positive` CHECK (`ordered_qty` > 0),
  CONSTRAINT `ck_sales_order_line__shipped_within_ordered` CHECK (`shipped_qty` >= 0 and `shipped_qty` <= `ordered_qty`),
  CONSTRAINT `ck_sales_order_line__returned_within_shipped` CHECK (`returned_qty` >= 0 and `returned_qty` <= `shipped_qty`),
  CONSTRAINT `ck_sales_order_line__unit_price_non_negative` CHECK (`unit_price` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Sales order lines: quantity ordered, shipped and returned per product.';

-- table: stock_alert
CREATE TABLE `stock_alert` (
  `stock_alert_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the alert.',
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product running low.',
  `warehouse_id` bigint(20) unsigned NOT NULL COMMENT 'Warehouse where it runs low.',
  `status` enum('open','resolved') NOT NULL DEFAULT 'open' COMMENT 'open: available stock is at or below the reorder point; resolved: it recovered.',
  `is_open` tinyint(4) GENERATED ALWAYS AS (case when `status` = 'open' then 1 end) VIRTUAL COMMENT '1 while open, NULL once resolved: the unique key on it allows one open alert per product and warehouse.',
  `available_qty` int(11) NOT NULL COMMENT 'Available units (on hand - reserved) when the alert was raised.',
  `reorder_point_qty` int(11) NOT NULL COMMENT 'Reorder point in force when the alert was raised.',
  `raised_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When stock fell to or below the reorder point (UTC).',
  `resolved_at` datetime DEFAULT NULL COMMENT 'When stock recovered above the reorder point (UTC); set exactly when resolved.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`stock_alert_id`),
  UNIQUE KEY `uq_stock_alert__product_id_warehouse_id_is_open` (`product_id`,`warehouse_id`,`is_open`),
  KEY `ix_stock_alert__status_raised_at` (`status`,`raised_at`),
  CONSTRAINT `fk_stock_alert__stock_level` FOREIGN KEY (`product_id`, `warehouse_id`) REFERENCES `stock_level` (`product_id`, `warehouse_id`),
  CONSTRAINT `ck_stock_alert__resolved_has_resolved_at` CHECK (`status` = 'resolved' = (`resolved_at` is not null))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Low-stock alerts: at most one open per product and warehouse.';

-- table: stock_level
CREATE TABLE `stock_level` (
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product held.',
  `warehouse_id` bigint(20) unsigned NOT NULL COMMENT 'Warehouse holding it.',
  `on_hand_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Units physically in the warehouse; always equals the sum of its stock movements.',
  `reserved_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Units promised to open sales orders and not yet shipped; available = on hand - reserved.',
  `reorder_point_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'When available plus on-order units fall to this level, stock is reordered.',
  `target_qty` int(11) NOT NULL DEFAULT 0 COMMENT 'Order-up-to level: reordering tops the stock position up to this many units.',
  `last_counted_at` datetime DEFAULT NULL COMMENT 'When the last stocktake counted this product here; NULL if never counted.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`product_id`,`warehouse_id`),
  KEY `ix_stock_level__warehouse_id` (`warehouse_id`),
  CONSTRAINT `fk_stock_level__product` FOREIGN KEY (`product_id`) REFERENCES `product` (`product_id`),
  CONSTRAINT `fk_stock_level__warehouse` FOREIGN KEY (`warehouse_id`) REFERENCES `warehouse` (`warehouse_id`),
  CONSTRAINT `ck_stock_level__on_hand_non_negative` CHECK (`on_hand_qty` >= 0),
  CONSTRAINT `ck_stock_level__reserved_within_on_hand` CHECK (`reserved_qty` >= 0 and `reserved_qty` <= `on_hand_qty`),
  CONSTRAINT `ck_stock_level__reorder_point_non_negative` CHECK (`reorder_point_qty` >= 0),
  CONSTRAINT `ck_stock_level__target_not_below_reorder_point` CHECK (`target_qty` >= `reorder_point_qty`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Stock of each product in each warehouse, with its reorder parameters.';

-- table: stock_movement
CREATE TABLE `stock_movement` (
  `stock_movement_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the movement.',
  `product_id` bigint(20) unsigned NOT NULL COMMENT 'Product that moved.',
  `warehouse_id` bigint(20) unsigned NOT NULL COMMENT 'Warehouse whose on-hand stock changed.',
  `movement_type` enum('receipt','sale','return','adjustment','transfer') NOT NULL COMMENT 'receipt: goods in from a purchase order (+); sale: goods out on a sales order (-); return: goods back from a customer (+); adjustment: stocktake or write-off (+/-); transfer: between warehouses (- at source, + at destination).',
  `change_qty` int(11) NOT NULL COMMENT 'Signed change in on-hand units: positive in, negative out, never zero.',
  `balance_after_qty` int(11) NOT NULL COMMENT 'On-hand units of the product in the warehouse right after this movement.',
  `occurred_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) COMMENT 'When the goods physically moved (UTC).',
  `sales_order_line_id` bigint(20) unsigned DEFAULT NULL COMMENT 'Sales order line shipped (sale) or returned (return); NULL for other types.',
  `purchase_order_line_id` bigint(20) unsigned DEFAULT NULL COMMENT 'Purchase order line received (receipt); NULL for other types.',
  `counterpart_warehouse_id` bigint(20) unsigned DEFAULT NULL COMMENT 'Other warehouse of a transfer; NULL for other types.',
  `reason` varchar(255) DEFAULT NULL COMMENT 'Why stock was adjusted or transferred, in words; required for adjustments.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC); ledger rows are never meant to change.',
  PRIMARY KEY (`stock_movement_id`),
  KEY `ix_stock_movement__product_id_warehouse_id_occurred_at` (`product_id`,`warehouse_id`,`occurred_at`),
  KEY `ix_stock_movement__sales_order_line_id` (`sales_order_line_id`),
  KEY `ix_stock_movement__purchase_order_line_id` (`purchase_order_line_id`),
  KEY `ix_stock_movement__counterpart_warehouse_id` (`counterpart_warehouse_id`),
  KEY `ix_stock_movement__occurred_at` (`occurred_at`),
  CONSTRAINT `fk_stock_movement__purchase_order_line` FOREIGN KEY (`purchase_order_line_id`) REFERENCES `purchase_order_line` (`purchase_order_line_id`),
  CONSTRAINT `fk_stock_movement__sales_order_line` FOREIGN KEY (`sales_order_line_id`) REFERENCES `sales_order_line` (`sales_order_line_id`),
  CONSTRAINT `fk_stock_movement__stock_level` FOREIGN KEY (`product_id`, `warehouse_id`) REFERENCES `stock_level` (`product_id`, `warehouse_id`),
  CONSTRAINT `fk_stock_movement__warehouse` FOREIGN KEY (`counterpart_warehouse_id`) REFERENCES `warehouse` (`warehouse_id`),
  CONSTRAINT `ck_stock_movement__change_qty_sign_matches_type` CHECK (`movement_type` in ('receipt','return') and `change_qty` > 0 or `movement_type` = 'sale' and `change_qty` < 0 or `movement_type` in ('adjustment','transfer') and `change_qty` <> 0),
  CONSTRAINT `ck_stock_movement__reference_matches_type` CHECK (`movement_type` in ('sale','return') and `sales_order_line_id` is not null and `purchase_order_line_id` is null and `counterpart_warehouse_id` is null or `movement_type` = 'receipt' and `purchase_order_line_id` is not null and `sales_order_line_id` is null and `counterpart_warehouse_id` is null or `movement_type` = 'adjustment' and `reason` is not null and `sales_order_line_id` is null and `purchase_order_line_id` is null and `counterpart_warehouse_id` is null or `movement_type` = 'transfer' and `counterpart_warehouse_id` is not null and `sales_order_line_id` is null and `purchase_order_line_id` is null),
  CONSTRAINT `ck_stock_movement__transfer_between_different_warehouses` CHECK (`counterpart_warehouse_id` is null or `counterpart_warehouse_id` <> `warehouse_id`),
  CONSTRAINT `ck_stock_movement__balance_after_non_negative` CHECK (`balance_after_qty` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Stock ledger: one signed, typed row per change to on-hand stock.';

-- table: supplier
CREATE TABLE `supplier` (
  `supplier_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the supplier.',
  `name` varchar(200) NOT NULL COMMENT 'Registered company name, unique among suppliers.',
  `contact_name` varchar(200) DEFAULT NULL COMMENT 'Person to ask about orders and deliveries.',
  `email` varchar(254) DEFAULT NULL COMMENT 'Address purchase orders are sent to.',
  `phone` varchar(40) DEFAULT NULL COMMENT 'Telephone number as dialled, free format.',
  `address_line` varchar(200) DEFAULT NULL COMMENT 'Street address of the supplier.',
  `city` varchar(100) DEFAULT NULL COMMENT 'City of the supplier address.',
  `country_code` char(2) NOT NULL COMMENT 'ISO 3166-1 alpha-2 country of the supplier, upper case.',
  `is_active` tinyint(1) NOT NULL DEFAULT 1 COMMENT '1 while we still buy from the supplier; 0 keeps history but stops reordering.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`supplier_id`),
  UNIQUE KEY `uq_supplier__name` (`name`),
  CONSTRAINT `ck_supplier__country_code_format` CHECK (`country_code` collate utf8mb4_bin regexp '^[A-Z]{2}$'),
  CONSTRAINT `ck_supplier__is_active_boolean` CHECK (`is_active` in (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Suppliers we buy products from.';

-- table: supplier_review
CREATE TABLE `supplier_review` (
  `supplier_review_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the review.',
  `supplier_id` bigint(20) unsigned NOT NULL COMMENT 'Supplier reviewed.',
  `purchase_order_id` bigint(20) unsigned DEFAULT NULL COMMENT 'Delivery the review is about, reviewed at most once; NULL for a general review.',
  `rating` tinyint(4) NOT NULL COMMENT 'Score from 1 (poor) to 5 (excellent).',
  `review_text` varchar(2000) DEFAULT NULL COMMENT 'What went well or badly, in the reviewer''s words.',
  `reviewer_name` varchar(100) NOT NULL COMMENT 'Staff member who wrote the review.',
  `reviewed_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the review was written (UTC).',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`supplier_review_id`),
  UNIQUE KEY `uq_supplier_review__purchase_order_id` (`purchase_order_id`),
  KEY `ix_supplier_review__supplier_id_reviewed_at` (`supplier_id`,`reviewed_at`),
  CONSTRAINT `fk_supplier_review__purchase_order` FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_order` (`purchase_order_id`),
  CONSTRAINT `fk_supplier_review__supplier` FOREIGN KEY (`supplier_id`) REFERENCES `supplier` (`supplier_id`),
  CONSTRAINT `ck_supplier_review__rating_range` CHECK (`rating` between 1 and 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Supplier reviews: ratings of suppliers and their deliveries.';

-- table: warehouse
CREATE TABLE `warehouse` (
  `warehouse_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the warehouse.',
  `code` varchar(20) NOT NULL COMMENT 'Short code used on documents and shelves, unique (for example WH-NORTH).',
  `name` varchar(100) NOT NULL COMMENT 'Descriptive name of the warehouse.',
  `city` varchar(100) DEFAULT NULL COMMENT 'City the warehouse is in.',
  `country_code` char(2) NOT NULL COMMENT 'ISO 3166-1 alpha-2 country of the warehouse, upper case.',
  `is_active` tinyint(1) NOT NULL DEFAULT 1 COMMENT '1 while the warehouse ships and receives; 0 keeps history only.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`warehouse_id`),
  UNIQUE KEY `uq_warehouse__code` (`code`),
  CONSTRAINT `ck_warehouse__country_code_format` CHECK (`country_code` collate utf8mb4_bin regexp '^[A-Z]{2}$'),
  CONSTRAINT `ck_warehouse__is_active_boolean` CHECK (`is_active` in (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Warehouses that hold stock and fulfil orders.';

-- view: inventory_overview
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `inventory_overview` AS select `sp`.`product_id` AS `product_id`,`p`.`sku` AS `sku`,`p`.`name` AS `product_name`,`p`.`category_id` AS `category_id`,`c`.`name` AS `category_name`,`sp`.`warehouse_id` AS `warehouse_id`,`w`.`code` AS `warehouse_code`,`sp`.`on_hand_qty` AS `on_hand_qty`,`sp`.`reserved_qty` AS `reserved_qty`,`sp`.`available_qty` AS `available_qty`,`sp`.`on_order_qty` AS `on_order_qty`,`sp`.`position_qty` AS `position_qty`,`sp`.`reorder_point_qty` AS `reorder_point_qty`,`sp`.`target_qty` AS `target_qty`,case when `p`.`is_discontinued` = 1 then 'discontinued' when `sp`.`available_qty` <= 0 then 'out_of_stock' when `sp`.`position_qty` <= `sp`.`reorder_point_qty` then 'low' else 'ok' end AS `status` from (((`stock_position` `sp` join `product` `p` on(`sp`.`product_id` = `p`.`product_id`)) join `category` `c` on(`p`.`category_id` = `c`.`category_id`)) join `warehouse` `w` on(`sp`.`warehouse_id` = `w`.`warehouse_id`));

-- view: low_stock
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `low_stock` AS select `inventory_overview`.`product_id` AS `product_id`,`inventory_overview`.`sku` AS `sku`,`inventory_overview`.`product_name` AS `product_name`,`inventory_overview`.`category_id` AS `category_id`,`inventory_overview`.`category_name` AS `category_name`,`inventory_overview`.`warehouse_id` AS `warehouse_id`,`inventory_overview`.`warehouse_code` AS `warehouse_code`,`inventory_overview`.`on_hand_qty` AS `on_hand_qty`,`inventory_overview`.`reserved_qty` AS `reserved_qty`,`inventory_overview`.`available_qty` AS `available_qty`,`inventory_overview`.`on_order_qty` AS `on_order_qty`,`inventory_overview`.`position_qty` AS `position_qty`,`inventory_overview`.`reorder_point_qty` AS `reorder_point_qty`,`inventory_overview`.`target_qty` AS `target_qty`,`inventory_overview`.`status` AS `status`,greatest(`inventory_overview`.`target_qty` - `inventory_overview`.`position_qty`,0) AS `shortfall_qty` from `inventory_overview` where `inventory_overview`.`available_qty` <= `inventory_overview`.`reorder_point_qty` and `inventory_overview`.`status` <> 'discontinued';

-- view: sales_by_category_month
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `sales_by_category_month` AS with shipped_line as (select `so`.`sales_order_id` AS `sales_order_id`,`p`.`category_id` AS `category_id`,`sol`.`shipped_qty` AS `shipped_qty`,case when `i`.`status` <> 'void' then `il`.`line_total` end AS `billed_amount`,cast(`so`.`shipped_at` as date) - interval dayofmonth(`so`.`shipped_at`) - 1 day AS `month_start_date` from ((((`sales_order` `so` join `sales_order_line` `sol` on(`so`.`sales_order_id` = `sol`.`sales_order_id`)) join `product` `p` on(`sol`.`product_id` = `p`.`product_id`)) left join `invoice_line` `il` on(`sol`.`sales_order_line_id` = `il`.`sales_order_line_id`)) left join `invoice` `i` on(`il`.`invoice_id` = `i`.`invoice_id`)) where `so`.`status` = 'shipped' and `sol`.`shipped_qty` > 0)select `sl`.`month_start_date` AS `month_start_date`,`sl`.`category_id` AS `category_id`,`c`.`name` AS `category_name`,sum(`sl`.`shipped_qty`) AS `shipped_unit_count`,coalesce(sum(`sl`.`billed_amount`),0) AS `revenue`,count(distinct `sl`.`sales_order_id`) AS `order_count` from (`shipped_line` `sl` join `category` `c` on(`sl`.`category_id` = `c`.`category_id`)) group by `sl`.`month_start_date`,`sl`.`category_id`,`c`.`name`;

-- view: stock_position
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `stock_position` AS with open_purchase as (select `pol`.`product_id` AS `product_id`,`po`.`warehouse_id` AS `warehouse_id`,sum(`pol`.`ordered_qty` - `pol`.`received_qty`) AS `on_order_qty` from (`purchase_order_line` `pol` join `purchase_order` `po` on(`pol`.`purchase_order_id` = `po`.`purchase_order_id`)) where `po`.`status` in ('draft','sent','partially_received') group by `pol`.`product_id`,`po`.`warehouse_id`)select `sl`.`product_id` AS `product_id`,`sl`.`warehouse_id` AS `warehouse_id`,`sl`.`on_hand_qty` AS `on_hand_qty`,`sl`.`reserved_qty` AS `reserved_qty`,`sl`.`reorder_point_qty` AS `reorder_point_qty`,`sl`.`target_qty` AS `target_qty`,`sl`.`on_hand_qty` - `sl`.`reserved_qty` AS `available_qty`,coalesce(`op`.`on_order_qty`,0) AS `on_order_qty`,`sl`.`on_hand_qty` - `sl`.`reserved_qty` + coalesce(`op`.`on_order_qty`,0) AS `position_qty` from (`stock_level` `sl` left join `open_purchase` `op` on(`sl`.`product_id` = `op`.`product_id` and `sl`.`warehouse_id` = `op`.`warehouse_id`));

-- view: supplier_performance
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `supplier_performance` AS with received_order as (select `purchase_order`.`supplier_id` AS `supplier_id`,count(0) AS `received_order_count`,count(`purchase_order`.`expected_date`) AS `promised_order_count`,sum(case when cast(`purchase_order`.`received_at` as date) <= `purchase_order`.`expected_date` then 1 else 0 end) AS `on_time_order_count`,avg(case when `purchase_order`.`expected_date` is not null then to_days(`purchase_order`.`expected_date`) - to_days(`purchase_order`.`ordered_at`) end) AS `avg_promised_lead_days`,avg(case when `purchase_order`.`expected_date` is not null then to_days(`purchase_order`.`received_at`) - to_days(`purchase_order`.`ordered_at`) end) AS `avg_actual_lead_days` from `purchase_order` where `purchase_order`.`status` = 'received' group by `purchase_order`.`supplier_id`), received_cost as (select `po`.`supplier_id` AS `supplier_id`,sum(`pol`.`received_qty`) AS `received_unit_count`,sum(`pol`.`received_qty` * `pol`.`unit_cost`) / sum(`pol`.`received_qty`) AS `avg_unit_cost` from (`purchase_order_line` `pol` join `purchase_order` `po` on(`pol`.`purchase_order_id` = `po`.`purchase_order_id`)) where `pol`.`received_qty` > 0 group by `po`.`supplier_id`), review as (select `supplier_review`.`supplier_id` AS `supplier_id`,count(0) AS `review_count`,avg(`supplier_review`.`rating`) AS `avg_rating` from `supplier_review` group by `supplier_review`.`supplier_id`)select `s`.`supplier_id` AS `supplier_id`,`s`.`name` AS `supplier_name`,`s`.`is_active` AS `is_active`,coalesce(`ro`.`received_order_count`,0) AS `received_order_count`,coalesce(`ro`.`on_time_order_count`,0) AS `on_time_order_count`,round(`ro`.`on_time_order_count` / nullif(`ro`.`promised_order_count`,0),4) AS `on_time_rate`,round(`ro`.`avg_promised_lead_days`,2) AS `avg_promised_lead_days`,round(`ro`.`avg_actual_lead_days`,2) AS `avg_actual_lead_days`,coalesce(`rc`.`received_unit_count`,0) AS `received_unit_count`,round(`rc`.`avg_unit_cost`,2) AS `avg_unit_cost`,round(`rv`.`avg_rating`,2) AS `avg_rating`,coalesce(`rv`.`review_count`,0) AS `review_count` from (((`supplier` `s` left join `received_order` `ro` on(`s`.`supplier_id` = `ro`.`supplier_id`)) left join `received_cost` `rc` on(`s`.`supplier_id` = `rc`.`supplier_id`)) left join `review` `rv` on(`s`.`supplier_id` = `rv`.`supplier_id`));

-- procedure: add_product
CREATE PROCEDURE `add_product`(
    IN p_sku VARCHAR(255),
    IN p_name VARCHAR(1000),
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DECIMAL(12, 2),
    IN p_reorder_point_qty INT,
    IN p_reorder_qty INT
)
    COMMENT 'Add a product and a stock level in every active warehouse; result: the new product_id.'
BEGIN
    DECLARE v_sku VARCHAR(255) DEFAULT TRIM(p_sku);
    DECLARE v_name VARCHAR(1000) DEFAULT TRIM(p_name);
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_count INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the real guard against a duplicate SKU (two callers may pass the
    -- check below at once); its error is turned into the same message the check gives.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('SKU ''', v_sku, ''' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF v_sku IS NULL OR v_sku = '' THEN
        SET v_message = CONCAT('SKU must not be blank, got ', COALESCE(QUOTE(p_sku), 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF CHAR_LENGTH(v_sku) > 40 THEN
        SET v_message = CONCAT('SKU is longer than 40 characters: ', LEFT(v_sku, 60));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_name IS NULL OR v_name = '' THEN
        SET v_message = CONCAT(
            'product name must not be blank, got ', COALESCE(QUOTE(p_name), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF CHAR_LENGTH(v_name) > 200 THEN
        SET v_message = CONCAT(
            'product name is longer than 200 characters: ', LEFT(v_name, 60), '...'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_unit_price IS NULL OR p_unit_price < 0 THEN
        SET v_message = CONCAT(
            'unit price must be 0 or more, got ', COALESCE(p_unit_price, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_point_qty IS NULL OR p_reorder_point_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder point must be 0 or more, got ', COALESCE(p_reorder_point_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_qty IS NULL OR p_reorder_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder quantity must be 0 or more, got ', COALESCE(p_reorder_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- The foreign key stays the guard; this check only gives the clear message.
    IF NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_category_id
    ) THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF EXISTS (
        SELECT 1 FROM product
        WHERE sku = v_sku
    ) THEN
        SET v_message = CONCAT('SKU ''', v_sku, ''' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    INSERT INTO product (sku, name, category_id, unit_price)
    VALUES (v_sku, v_name, p_category_id, p_unit_price);
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_product_id = LAST_INSERT_ID();

    -- The stock_level insert trigger opens a low-stock alert for each warehouse at once:
    -- an empty shelf is at or below any reorder point.
    INSERT INTO stock_level (product_id, warehouse_id, reorder_point_qty, target_qty)
    SELECT
        v_product_id AS product_id,
        warehouse_id,
        p_reorder_point_qty AS reorder_point_qty,
        p_reorder_point_qty + p_reorder_qty AS target_qty
    FROM warehouse
    WHERE is_active = 1
    ORDER BY warehouse_id;
    SET v_warehouse_count = ROW_COUNT();
    COMMIT;

    SELECT
        v_product_id AS product_id,
        v_sku AS sku,
        v_warehouse_count AS stocked_warehouse_count;
END;

-- procedure: adjust_stock
CREATE PROCEDURE `adjust_stock`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_change_qty INT,
    IN p_reason VARCHAR(255)
)
    COMMENT 'Adjust on-hand stock by a signed quantity with a reason; one adjustment movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_change_qty IS NULL OR p_change_qty = 0 THEN
        SET v_message = CONCAT(
            'adjustment quantity must be non-zero, got ', COALESCE(p_change_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reason IS NULL OR TRIM(p_reason) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an adjustment needs a reason';
    END IF;

    START TRANSACTION;
    CALL post_stock_movement(
        p_product_id, p_warehouse_id, 'adjustment', p_change_qty, 0, NULL, NULL, NULL,
        TRIM(p_reason)
    );
    COMMIT;
    SELECT
        on_hand_qty,
        reserved_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END;

-- procedure: delete_product
CREATE PROCEDURE `delete_product`(
    IN p_product_id BIGINT UNSIGNED
)
    COMMENT 'Delete a product without history (else refused: discontinue it); result: what went.'
BEGIN
    DECLARE v_sku VARCHAR(40);
    DECLARE v_history VARCHAR(40);
    DECLARE v_stock_level_count INT;
    DECLARE v_alert_count INT;
    DECLARE v_offer_count INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    -- Stock levels first (the primary key scan takes them in warehouse order, as everywhere),
    -- then the product row: until we finish, no movement can be posted and no order line can
    -- refer to the product.
    SELECT COUNT(*) INTO v_stock_level_count
    FROM stock_level
    WHERE product_id = p_product_id
    FOR UPDATE;
    SELECT sku INTO v_sku
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_sku IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF EXISTS (
        SELECT 1 FROM stock_movement
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'stock movements';
    ELSEIF EXISTS (
        SELECT 1 FROM sales_order_line
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'sales order lines';
    ELSEIF EXISTS (
        SELECT 1 FROM purchase_order_line
        WHERE product_id = p_product_id
    ) THEN
        SET v_history = 'purchase order lines';
    ELSEIF EXISTS (
        SELECT 1 FROM stock_alert
        WHERE product_id = p_product_id AND status = 'resolved'
    ) THEN
        SET v_history = 'resolved low-stock alerts';
    ELSEIF EXISTS (
        SELECT 1 FROM stock_level
        WHERE product_id = p_product_id AND (on_hand_qty > 0 OR reserved_qty > 0)
    ) THEN
        SET v_history = 'stock on hand';
    END IF;
    IF v_history IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' has history (', v_history,
            '): discontinue it instead of deleting it'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    DELETE FROM stock_alert
    WHERE product_id = p_product_id;
    SET v_alert_count = ROW_COUNT();
    DELETE FROM stock_level
    WHERE product_id = p_product_id;
    DELETE FROM product_supplier
    WHERE product_id = p_product_id;
    SET v_offer_count = ROW_COUNT();
    DELETE FROM product
    WHERE product_id = p_product_id;
    COMMIT;

    SELECT
        p_product_id AS product_id,
        v_sku AS sku,
        v_stock_level_count AS deleted_stock_level_count,
        v_alert_count AS deleted_alert_count,
        v_offer_count AS deleted_offer_count;
END;

-- procedure: discontinue_product
CREATE PROCEDURE `discontinue_product`(
    IN p_product_id BIGINT UNSIGNED
)
    COMMENT 'Mark a product discontinued (no longer sold or reordered); result: the product.'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_is_discontinued THEN
        SET v_message = CONCAT('product ', p_product_id, ' is already discontinued');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE product
    SET is_discontinued = 1
    WHERE product_id = p_product_id;
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        is_discontinued
    FROM product
    WHERE product_id = p_product_id;
END;

-- procedure: post_stock_movement
CREATE PROCEDURE `post_stock_movement`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_movement_type VARCHAR(20),
    IN p_change_qty INT,
    IN p_released_reserved_qty INT,
    IN p_sales_order_line_id BIGINT UNSIGNED,
    IN p_purchase_order_line_id BIGINT UNSIGNED,
    IN p_counterpart_warehouse_id BIGINT UNSIGNED,
    IN p_reason VARCHAR(255)
)
    COMMENT 'Internal: change on-hand (and release reserved) stock and write the matching ledger row.'
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(255);

    -- Conditional update: it changes the row only when the result keeps stock consistent,
    -- so concurrent callers can never drive it negative or below what is reserved.
    UPDATE stock_level
    SET
        on_hand_qty = on_hand_qty + p_change_qty,
        reserved_qty = reserved_qty - p_released_reserved_qty
    WHERE
        product_id = p_product_id
        AND warehouse_id = p_warehouse_id
        AND reserved_qty >= p_released_reserved_qty
        AND on_hand_qty + p_change_qty >= reserved_qty - p_released_reserved_qty;

    IF ROW_COUNT() = 0 THEN
        SELECT
            on_hand_qty,
            reserved_qty
        INTO v_on_hand_qty, v_reserved_qty
        FROM stock_level
        WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        IF v_on_hand_qty IS NULL THEN
            SET v_message = CONCAT(
                'product ', p_product_id, ' is not stocked in warehouse ', p_warehouse_id
            );
        ELSE
            SET v_message = CONCAT(
                'insufficient stock of product ', p_product_id, ' in warehouse ',
                p_warehouse_id, ': ', v_on_hand_qty - v_reserved_qty, ' available, change ',
                p_change_qty
            );
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    SELECT on_hand_qty INTO v_on_hand_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;

    INSERT INTO stock_movement (
        product_id, warehouse_id, movement_type, change_qty, balance_after_qty, occurred_at,
        sales_order_line_id, purchase_order_line_id, counterpart_warehouse_id, reason
    )
    VALUES (
        p_product_id, p_warehouse_id, p_movement_type, p_change_qty, v_on_hand_qty,
        UTC_TIMESTAMP(6), p_sales_order_line_id, p_purchase_order_line_id,
        p_counterpart_warehouse_id, p_reason
    );
END;

-- procedure: record_stocktake
CREATE PROCEDURE `record_stocktake`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_counted_qty INT,
    IN p_reason VARCHAR(255)
)
    COMMENT 'Set on-hand stock to a counted quantity; writes an adjustment for any difference.'
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_counted_qty IS NULL OR p_counted_qty < 0 THEN
        SET v_message = CONCAT(
            'counted quantity must be 0 or more, got ', COALESCE(p_counted_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT on_hand_qty INTO v_on_hand_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_on_hand_qty IS NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is not stocked in warehouse ', p_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty <> v_on_hand_qty THEN
        CALL post_stock_movement(
            p_product_id, p_warehouse_id, 'adjustment', p_counted_qty - v_on_hand_qty, 0,
            NULL, NULL, NULL, COALESCE(NULLIF(TRIM(p_reason), ''), 'stocktake')
        );
    END IF;
    UPDATE stock_level
    SET last_counted_at = UTC_TIMESTAMP()
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
    COMMIT;
    SELECT
        on_hand_qty,
        reserved_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END;

-- procedure: set_reorder_parameters
CREATE PROCEDURE `set_reorder_parameters`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_reorder_point_qty INT,
    IN p_reorder_qty INT
)
    COMMENT 'Set reorder point and target (point + reorder qty) per product and warehouse (NULL: all).'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_is_active BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_reorder_point_qty IS NULL OR p_reorder_point_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder point must be 0 or more, got ', COALESCE(p_reorder_point_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_qty IS NULL OR p_reorder_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder quantity must be 0 or more, got ', COALESCE(p_reorder_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF p_warehouse_id IS NULL THEN
        -- Rows are locked in warehouse order, the order every procedure uses.
        UPDATE stock_level
        SET
            reorder_point_qty = p_reorder_point_qty,
            target_qty = p_reorder_point_qty + p_reorder_qty
        WHERE product_id = p_product_id
        ORDER BY warehouse_id;
        IF NOT EXISTS (
            SELECT 1 FROM stock_level
            WHERE product_id = p_product_id
        ) THEN
            SET v_message = CONCAT('product ', p_product_id, ' is not stocked in any warehouse');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    ELSE
        SELECT is_active INTO v_is_active
        FROM warehouse
        WHERE warehouse_id = p_warehouse_id;
        IF v_is_active IS NULL THEN
            SET v_message = CONCAT('unknown warehouse ', p_warehouse_id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        UPDATE stock_level
        SET
            reorder_point_qty = p_reorder_point_qty,
            target_qty = p_reorder_point_qty + p_reorder_qty
        WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        -- ROW_COUNT() counts changed rows only: ask whether the row exists instead.
        IF NOT EXISTS (
            SELECT 1 FROM stock_level
            WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id
        ) THEN
            IF NOT v_is_active THEN
                SET v_message = CONCAT(
                    'warehouse ', p_warehouse_id, ' is inactive: it cannot start stocking product ',
                    p_product_id
                );
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
            END IF;
            IF v_is_discontinued THEN
                SET v_message = CONCAT(
                    'product ', p_product_id,
                    ' is discontinued: it cannot be stocked in warehouse ', p_warehouse_id
                );
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
            END IF;
            INSERT INTO stock_level (product_id, warehouse_id, reorder_point_qty, target_qty)
            VALUES (
                p_product_id, p_warehouse_id, p_reorder_point_qty,
                p_reorder_point_qty + p_reorder_qty
            );
        END IF;
    END IF;
    COMMIT;

    SELECT
        product_id,
        warehouse_id,
        reorder_point_qty,
        target_qty,
        target_qty - reorder_point_qty AS reorder_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE
        product_id = p_product_id
        AND (p_warehouse_id IS NULL OR warehouse_id = p_warehouse_id)
    ORDER BY warehouse_id;
END;

-- procedure: transfer_stock
CREATE PROCEDURE `transfer_stock`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_from_warehouse_id BIGINT UNSIGNED,
    IN p_to_warehouse_id BIGINT UNSIGNED,
    IN p_qty INT,
    IN p_reason VARCHAR(255)
)
    COMMENT 'Move units between warehouses: a negative and a positive transfer movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_first_warehouse_id BIGINT UNSIGNED;
    DECLARE v_second_warehouse_id BIGINT UNSIGNED;
    DECLARE v_missing_warehouse_id BIGINT UNSIGNED;
    DECLARE v_locked_rows INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('transfer quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id = p_to_warehouse_id THEN
        SET v_message = CONCAT('cannot transfer within warehouse ', p_from_warehouse_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- Lock both rows in warehouse order, whichever way the goods move: no deadlock cycle.
    SET v_first_warehouse_id = LEAST(p_from_warehouse_id, p_to_warehouse_id);
    SET v_second_warehouse_id = GREATEST(p_from_warehouse_id, p_to_warehouse_id);
    SELECT COUNT(*) INTO v_locked_rows
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = v_first_warehouse_id
    FOR UPDATE;
    IF v_locked_rows = 0 THEN
        SET v_missing_warehouse_id = v_first_warehouse_id;
    END IF;
    SELECT COUNT(*) INTO v_locked_rows
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = v_second_warehouse_id
    FOR UPDATE;
    IF v_locked_rows = 0 THEN
        SET v_missing_warehouse_id = v_second_warehouse_id;
    END IF;
    IF v_missing_warehouse_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is not stocked in warehouse ', v_missing_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL post_stock_movement(
        p_product_id, p_from_warehouse_id, 'transfer', -p_qty, 0, NULL, NULL, p_to_warehouse_id,
        p_reason
    );
    CALL post_stock_movement(
        p_product_id, p_to_warehouse_id, 'transfer', p_qty, 0, NULL, NULL, p_from_warehouse_id,
        p_reason
    );
    COMMIT;
END;

-- procedure: update_product
CREATE PROCEDURE `update_product`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_name VARCHAR(1000),
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DECIMAL(12, 2)
)
    COMMENT 'Change name, category and/or list price of a product (NULL keeps); result: the product.'
BEGIN
    DECLARE v_name VARCHAR(1000) DEFAULT TRIM(p_name);
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_name IS NULL AND p_category_id IS NULL AND p_unit_price IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for product ', COALESCE(p_product_id, 'NULL'),
            ': give a name, category or price'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_name = '' THEN
        SET v_message = CONCAT('product name must not be blank, got ', QUOTE(p_name));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF CHAR_LENGTH(v_name) > 200 THEN
        SET v_message = CONCAT(
            'product name is longer than 200 characters: ', LEFT(v_name, 60), '...'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_unit_price < 0 THEN
        SET v_message = CONCAT('unit price must be 0 or more, got ', p_unit_price);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_category_id
    ) THEN
        SET v_message = CONCAT('unknown category ', p_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE product
    SET
        name = COALESCE(v_name, name),
        category_id = COALESCE(p_category_id, category_id),
        unit_price = COALESCE(p_unit_price, unit_price)
    WHERE product_id = p_product_id;
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        category_id,
        unit_price,
        is_discontinued
    FROM product
    WHERE product_id = p_product_id;
END;

-- trigger: stock_level__after_insert
CREATE TRIGGER stock_level__after_insert
AFTER INSERT ON stock_level
FOR EACH ROW
BEGIN
    IF NEW.on_hand_qty - NEW.reserved_qty <= NEW.reorder_point_qty THEN
        -- The unique key (product, warehouse, is_open) admits one open alert: keep it.
        INSERT INTO stock_alert (
            product_id, warehouse_id, available_qty, reorder_point_qty, raised_at
        )
        VALUES (
            NEW.product_id, NEW.warehouse_id, NEW.on_hand_qty - NEW.reserved_qty,
            NEW.reorder_point_qty, UTC_TIMESTAMP()
        )
        ON DUPLICATE KEY UPDATE stock_alert_id = stock_alert_id;
    END IF;
END;

-- trigger: stock_level__after_update
CREATE TRIGGER stock_level__after_update
AFTER UPDATE ON stock_level
FOR EACH ROW
BEGIN
    IF NEW.on_hand_qty - NEW.reserved_qty <= NEW.reorder_point_qty THEN
        -- The unique key (product, warehouse, is_open) admits one open alert: keep it.
        INSERT INTO stock_alert (
            product_id, warehouse_id, available_qty, reorder_point_qty, raised_at
        )
        VALUES (
            NEW.product_id, NEW.warehouse_id, NEW.on_hand_qty - NEW.reserved_qty,
            NEW.reorder_point_qty, UTC_TIMESTAMP()
        )
        ON DUPLICATE KEY UPDATE stock_alert_id = stock_alert_id;
    ELSEIF OLD.on_hand_qty - OLD.reserved_qty <= OLD.reorder_point_qty THEN
        UPDATE stock_alert
        SET status = 'resolved', resolved_at = UTC_TIMESTAMP()
        WHERE
            product_id = NEW.product_id
            AND warehouse_id = NEW.warehouse_id
            AND status = 'open';
    END IF;
END;
