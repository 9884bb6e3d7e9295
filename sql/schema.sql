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

-- table: category_tree
CREATE TABLE `category_tree` (
  `category_tree_id` tinyint(3) unsigned NOT NULL COMMENT 'Always 1: the one row every move of a category writes before it checks.',
  `move_count` bigint(20) unsigned NOT NULL DEFAULT 0 COMMENT 'Calls of move_category committed so far.',
  `last_moved_at` datetime(6) DEFAULT NULL COMMENT 'When the latest committed move was made (UTC).',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`category_tree_id`),
  CONSTRAINT `ck_category_tree__single_row` CHECK (`category_tree_id` = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='The category tree: one row that serialises moves of categories and counts them.';

-- table: credit_note
CREATE TABLE `credit_note` (
  `credit_note_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key of the credit note; also its credit note number.',
  `invoice_id` bigint(20) unsigned NOT NULL COMMENT 'Invoice credited: the one that billed the returned units.',
  `stock_movement_id` bigint(20) unsigned NOT NULL COMMENT 'Return movement credited: the units that came back; a return is credited once.',
  `amount` decimal(12,2) NOT NULL COMMENT 'Amount credited: the returned units times the unit price billed.',
  `issued_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the credit note was issued, with the return (UTC).',
  `settled_at` datetime DEFAULT NULL COMMENT 'When the credit was settled (UTC): by the invoice payment it was deducted from, or by its refund; NULL while open.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`credit_note_id`),
  UNIQUE KEY `uq_credit_note__stock_movement_id` (`stock_movement_id`),
  KEY `ix_credit_note__invoice_id` (`invoice_id`),
  KEY `ix_credit_note__settled_at` (`settled_at`),
  CONSTRAINT `fk_credit_note__invoice` FOREIGN KEY (`invoice_id`) REFERENCES `invoice` (`invoice_id`),
  CONSTRAINT `fk_credit_note__stock_movement` FOREIGN KEY (`stock_movement_id`) REFERENCES `stock_movement` (`stock_movement_id`),
  CONSTRAINT `ck_credit_note__amount_non_negative` CHECK (`amount` >= 0),
  CONSTRAINT `ck_credit_note__settled_not_before_issued` CHECK (`settled_at` is null or `settled_at` >= `issued_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Credit notes: what each customer return credits on its invoice, and its settlement.';

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

-- table: inventory_setting
CREATE TABLE `inventory_setting` (
  `inventory_setting_id` tinyint(3) unsigned NOT NULL DEFAULT 1 COMMENT 'Always 1: the table holds exactly one row, the settings in force.',
  `default_service_level` decimal(5,4) NOT NULL DEFAULT 0.9500 COMMENT 'Share of replenishment cycles that should end without a stock-out, used when a recommendation is asked for without one (0.95: 95%).',
  `default_history_days` smallint(6) NOT NULL DEFAULT 90 COMMENT 'Days of sales history the demand statistics read when none is given.',
  `ordering_cost` decimal(12,2) NOT NULL DEFAULT 50.00 COMMENT 'Cost of placing and receiving one purchase order line, in the company currency: S in the economic order quantity.',
  `holding_rate` decimal(6,4) NOT NULL DEFAULT 0.2500 COMMENT 'Yearly cost of holding one unit in stock as a fraction of its unit cost: H = holding rate x unit cost.',
  `smoothing_alpha` decimal(4,3) NOT NULL DEFAULT 0.300 COMMENT 'Weight of the latest day in the exponentially smoothed demand forecast (0 < alpha <= 1; higher reacts faster).',
  `moving_average_days` smallint(6) NOT NULL DEFAULT 28 COMMENT 'Most recent days averaged by the moving-average demand forecast (at most the history window).',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When a setting was last changed (UTC).',
  PRIMARY KEY (`inventory_setting_id`),
  CONSTRAINT `ck_inventory_setting__single_row` CHECK (`inventory_setting_id` = 1),
  CONSTRAINT `ck_inventory_setting__default_service_level_range` CHECK (`default_service_level` > 0 and `default_service_level` < 1),
  CONSTRAINT `ck_inventory_setting__default_history_days_range` CHECK (`default_history_days` between 1 and 3660),
  CONSTRAINT `ck_inventory_setting__ordering_cost_non_negative` CHECK (`ordering_cost` >= 0),
  CONSTRAINT `ck_inventory_setting__holding_rate_positive` CHECK (`holding_rate` > 0),
  CONSTRAINT `ck_inventory_setting__smoothing_alpha_range` CHECK (`smoothing_alpha` > 0 and `smoothing_alpha` <= 1),
  CONSTRAINT `ck_inventory_setting__moving_average_days_positive` CHECK (`moving_average_days` >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Settings of the reorder calculations (service level, costs, forecast): one row.';

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
  KEY `ix_purchase_order__status_supplier_id` (`status`,`supplier_id`),
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
  KEY `ix_purchase_order_line__product_id_received_qty_unit_cost` (`product_id`,`received_qty`,`unit_cost`),
  CONSTRAINT `fk_purchase_order_line__product` FOREIGN KEY (`product_id`) REFERENCES `product` (`product_id`),
  CONSTRAINT `fk_purchase_order_line__purchase_order` FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_order` (`purchase_order_id`),
  CONSTRAINT `ck_purchase_order_line__ordered_qty_positive` CHECK (`ordered_qty` > 0),
  CONSTRAINT `ck_purchase_order_line__received_within_ordered` CHECK (`received_qty` >= 0 and `received_qty` <= `ordered_qty`),
  CONSTRAINT `ck_purchase_order_line__unit_cost_non_negative` CHECK (`unit_cost` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Purchase order lines: quantity ordered and received per product.';

-- table: reorder_run
CREATE TABLE `reorder_run` (
  `reorder_run_id` tinyint(3) unsigned NOT NULL COMMENT 'Always 1: the one row every reorder run updates before it reads the suggestions.',
  `run_count` bigint(20) unsigned NOT NULL DEFAULT 0 COMMENT 'Reorder runs committed so far.',
  `last_run_at` datetime(6) DEFAULT NULL COMMENT 'When the latest committed run started (UTC).',
  `last_order_count` int(11) NOT NULL DEFAULT 0 COMMENT 'Draft purchase orders the latest run created or added lines to.',
  `last_line_count` int(11) NOT NULL DEFAULT 0 COMMENT 'Purchase order lines the latest run created or increased.',
  `created_at` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the row was created (UTC).',
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row was last changed (UTC).',
  PRIMARY KEY (`reorder_run_id`),
  CONSTRAINT `ck_reorder_run__single_row` CHECK (`reorder_run_id` = 1),
  CONSTRAINT `ck_reorder_run__counts_non_negative` CHECK (`last_order_count` >= 0 and `last_line_count` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Reorder runs: one row that serialises automatic reordering and records the last run.';

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
  KEY `ix_sales_order__status_shipped_at` (`status`,`shipped_at`),
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
  KEY `ix_stock_movement__movement_type_occurred_at` (`movement_type`,`occurred_at`),
  KEY `ix_stock_movement__occurred_at_product_id_change_qty` (`occurred_at`,`product_id`,`change_qty`),
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

-- view: credit_note_settlement
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `credit_note_settlement` AS select `cn`.`credit_note_id` AS `credit_note_id`,`cn`.`invoice_id` AS `invoice_id`,`so`.`customer_id` AS `customer_id`,`cn`.`amount` AS `amount`,`cn`.`issued_at` AS `issued_at`,`cn`.`settled_at` AS `settled_at`,case when `i`.`status` = 'void' then 'void' when `i`.`paid_at` is null or `cn`.`issued_at` < `i`.`paid_at` or `cn`.`settled_at` <=> `i`.`paid_at` then 'deducted' when `cn`.`settled_at` is null then 'refund_due' else 'refunded' end AS `settlement` from ((`credit_note` `cn` join `invoice` `i` on(`cn`.`invoice_id` = `i`.`invoice_id`)) join `sales_order` `so` on(`i`.`sales_order_id` = `so`.`sales_order_id`));

-- view: inventory_overview
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `inventory_overview` AS select `sp`.`product_id` AS `product_id`,`p`.`sku` AS `sku`,`p`.`name` AS `product_name`,`p`.`category_id` AS `category_id`,`c`.`name` AS `category_name`,`sp`.`warehouse_id` AS `warehouse_id`,`w`.`code` AS `warehouse_code`,`sp`.`on_hand_qty` AS `on_hand_qty`,`sp`.`reserved_qty` AS `reserved_qty`,`sp`.`available_qty` AS `available_qty`,`sp`.`on_order_qty` AS `on_order_qty`,`sp`.`position_qty` AS `position_qty`,`sp`.`reorder_point_qty` AS `reorder_point_qty`,`sp`.`target_qty` AS `target_qty`,case when `p`.`is_discontinued` = 1 then 'discontinued' when `sp`.`available_qty` <= 0 then 'out_of_stock' when `sp`.`position_qty` <= `sp`.`reorder_point_qty` then 'low' else 'ok' end AS `status` from (((`stock_position` `sp` join `product` `p` on(`sp`.`product_id` = `p`.`product_id`)) join `category` `c` on(`p`.`category_id` = `c`.`category_id`)) join `warehouse` `w` on(`sp`.`warehouse_id` = `w`.`warehouse_id`));

-- view: low_stock
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `low_stock` AS select `inventory_overview`.`product_id` AS `product_id`,`inventory_overview`.`sku` AS `sku`,`inventory_overview`.`product_name` AS `product_name`,`inventory_overview`.`category_id` AS `category_id`,`inventory_overview`.`category_name` AS `category_name`,`inventory_overview`.`warehouse_id` AS `warehouse_id`,`inventory_overview`.`warehouse_code` AS `warehouse_code`,`inventory_overview`.`on_hand_qty` AS `on_hand_qty`,`inventory_overview`.`reserved_qty` AS `reserved_qty`,`inventory_overview`.`available_qty` AS `available_qty`,`inventory_overview`.`on_order_qty` AS `on_order_qty`,`inventory_overview`.`position_qty` AS `position_qty`,`inventory_overview`.`reorder_point_qty` AS `reorder_point_qty`,`inventory_overview`.`target_qty` AS `target_qty`,`inventory_overview`.`status` AS `status`,greatest(`inventory_overview`.`target_qty` - `inventory_overview`.`position_qty`,0) AS `shortfall_qty` from `inventory_overview` where `inventory_overview`.`available_qty` <= `inventory_overview`.`reorder_point_qty` and `inventory_overview`.`status` <> 'discontinued';

-- view: product_unit_cost
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `product_unit_cost` AS with received as (select `purchase_order_line`.`product_id` AS `product_id`,sum(`purchase_order_line`.`received_qty` * `purchase_order_line`.`unit_cost`) / nullif(sum(`purchase_order_line`.`received_qty`),0) AS `average_cost` from `purchase_order_line` group by `purchase_order_line`.`product_id`), offer as (select `product_supplier`.`product_id` AS `product_id`,min(`product_supplier`.`unit_cost`) AS `cheapest_cost` from `product_supplier` group by `product_supplier`.`product_id`)select `p`.`product_id` AS `product_id`,coalesce(`r`.`average_cost`,`o`.`cheapest_cost`,0) AS `unit_cost`,case when `r`.`average_cost` is not null then 'received' when `o`.`cheapest_cost` is not null then 'offer' else 'none' end AS `cost_basis` from ((`product` `p` left join `received` `r` on(`p`.`product_id` = `r`.`product_id`)) left join `offer` `o` on(`p`.`product_id` = `o`.`product_id`));

-- view: reorder_suggestion
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `reorder_suggestion` AS select `sp`.`product_id` AS `product_id`,`sp`.`warehouse_id` AS `warehouse_id`,`rs`.`supplier_id` AS `supplier_id`,`sp`.`on_hand_qty` AS `on_hand_qty`,`sp`.`reserved_qty` AS `reserved_qty`,`sp`.`on_order_qty` AS `on_order_qty`,`sp`.`position_qty` AS `position_qty`,`sp`.`reorder_point_qty` AS `reorder_point_qty`,`sp`.`target_qty` AS `target_qty`,`rs`.`min_order_qty` AS `min_order_qty`,`rs`.`order_multiple` AS `order_multiple`,`rs`.`unit_cost` AS `unit_cost`,`rs`.`lead_time_days` AS `lead_time_days`,ceiling(greatest(`sp`.`target_qty` - `sp`.`position_qty`,`rs`.`min_order_qty`) / `rs`.`order_multiple`) * `rs`.`order_multiple` AS `order_qty`,utc_date() + interval `rs`.`lead_time_days` day AS `expected_date` from (((`stock_position` `sp` join `product` `p` on(`sp`.`product_id` = `p`.`product_id`)) join `warehouse` `w` on(`sp`.`warehouse_id` = `w`.`warehouse_id`)) join `reorder_supplier` `rs` on(`sp`.`product_id` = `rs`.`product_id`)) where `p`.`is_discontinued` = 0 and `w`.`is_active` = 1 and `sp`.`position_qty` <= `sp`.`reorder_point_qty` and `sp`.`position_qty` < `sp`.`target_qty`;

-- view: reorder_supplier
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `reorder_supplier` AS select `ranked`.`product_id` AS `product_id`,`ranked`.`supplier_id` AS `supplier_id`,`ranked`.`unit_cost` AS `unit_cost`,`ranked`.`lead_time_days` AS `lead_time_days`,`ranked`.`min_order_qty` AS `min_order_qty`,`ranked`.`order_multiple` AS `order_multiple`,`ranked`.`is_preferred` AS `is_preferred` from (select `ps`.`product_id` AS `product_id`,`ps`.`supplier_id` AS `supplier_id`,`ps`.`unit_cost` AS `unit_cost`,`ps`.`lead_time_days` AS `lead_time_days`,`ps`.`min_order_qty` AS `min_order_qty`,`ps`.`order_multiple` AS `order_multiple`,`ps`.`is_preferred` AS `is_preferred`,row_number() over ( partition by `ps`.`product_id` order by `ps`.`is_preferred` desc,`ps`.`unit_cost`,`ps`.`lead_time_days`,`ps`.`supplier_id`) AS `choice_rank` from (`product_supplier` `ps` join `supplier` `s` on(`ps`.`supplier_id` = `s`.`supplier_id`)) where `s`.`is_active` = 1) `ranked` where `ranked`.`choice_rank` = 1;

-- view: revenue_invoice
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `revenue_invoice` AS select `i`.`invoice_id` AS `invoice_id`,`i`.`sales_order_id` AS `sales_order_id` from `invoice` `i` where `i`.`status` <> 'void';

-- view: revenue_invoice_line
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `revenue_invoice_line` AS select `sol`.`sales_order_id` AS `sales_order_id`,`il`.`sales_order_line_id` AS `sales_order_line_id`,`sol`.`product_id` AS `product_id`,`il`.`invoice_id` AS `invoice_id`,`il`.`invoiced_qty` AS `invoiced_qty`,`sol`.`returned_qty` AS `returned_qty`,`il`.`invoiced_qty` - `sol`.`returned_qty` AS `sold_qty`,`il`.`line_total` - `sol`.`returned_qty` * `il`.`unit_price` AS `revenue` from ((`invoice_line` `il` join `revenue_invoice` `ri` on(`il`.`invoice_id` = `ri`.`invoice_id`)) join `sales_order_line` `sol` on(`il`.`sales_order_line_id` = `sol`.`sales_order_line_id`));

-- view: sales_by_category_month
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `sales_by_category_month` AS with shipped_line as (select `so`.`sales_order_id` AS `sales_order_id`,`p`.`category_id` AS `category_id`,`sol`.`shipped_qty` AS `shipped_qty`,`ril`.`revenue` AS `billed_amount`,cast(`so`.`shipped_at` as date) - interval dayofmonth(`so`.`shipped_at`) - 1 day AS `month_start_date` from (((`sales_order` `so` join `sales_order_line` `sol` FORCE INDEX (`uq_sales_order_line__sales_order_id_product_id`) on(`so`.`sales_order_id` = `sol`.`sales_order_id`)) join `product` `p` on(`sol`.`product_id` = `p`.`product_id`)) left join `revenue_invoice_line` `ril` on(`sol`.`sales_order_line_id` = `ril`.`sales_order_line_id`)) where `so`.`status` = 'shipped' and `sol`.`shipped_qty` > 0)select `sl`.`month_start_date` AS `month_start_date`,`sl`.`category_id` AS `category_id`,`c`.`name` AS `category_name`,sum(`sl`.`shipped_qty`) AS `shipped_unit_count`,coalesce(sum(`sl`.`billed_amount`),0) AS `revenue`,count(distinct `sl`.`sales_order_id`) AS `order_count` from (`shipped_line` `sl` join `category` `c` on(`sl`.`category_id` = `c`.`category_id`)) group by `sl`.`month_start_date`,`sl`.`category_id`,`c`.`name`;

-- view: stock_position
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `stock_position` AS with open_purchase as (select `pol`.`product_id` AS `product_id`,`po`.`warehouse_id` AS `warehouse_id`,sum(`pol`.`ordered_qty` - `pol`.`received_qty`) AS `on_order_qty` from (((`purchase_order_line` `pol` join `purchase_order` `po` on(`pol`.`purchase_order_id` = `po`.`purchase_order_id`)) join `supplier` `s` on(`po`.`supplier_id` = `s`.`supplier_id`)) join `warehouse` `w` on(`po`.`warehouse_id` = `w`.`warehouse_id`)) where `po`.`status` in ('draft','sent','partially_received') and (`po`.`status` <> 'draft' or `s`.`is_active` = 1 and `w`.`is_active` = 1 and !exists(select 1 from (`purchase_order_line` `stopper` join `product` `p` on(`stopper`.`product_id` = `p`.`product_id`)) where `stopper`.`purchase_order_id` = `po`.`purchase_order_id` and `p`.`is_discontinued` = 1 limit 1)) group by `pol`.`product_id`,`po`.`warehouse_id`)select `sl`.`product_id` AS `product_id`,`sl`.`warehouse_id` AS `warehouse_id`,`sl`.`on_hand_qty` AS `on_hand_qty`,`sl`.`reserved_qty` AS `reserved_qty`,`sl`.`reorder_point_qty` AS `reorder_point_qty`,`sl`.`target_qty` AS `target_qty`,`sl`.`on_hand_qty` - `sl`.`reserved_qty` AS `available_qty`,coalesce(`op`.`on_order_qty`,0) AS `on_order_qty`,`sl`.`on_hand_qty` - `sl`.`reserved_qty` + coalesce(`op`.`on_order_qty`,0) AS `position_qty` from (`stock_level` `sl` left join `open_purchase` `op` on(`sl`.`product_id` = `op`.`product_id` and `sl`.`warehouse_id` = `op`.`warehouse_id`));

-- view: supplier_performance
CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `supplier_performance` AS with received_order as (select `purchase_order`.`supplier_id` AS `supplier_id`,count(0) AS `received_order_count`,count(`purchase_order`.`expected_date`) AS `promised_order_count`,sum(case when cast(`purchase_order`.`received_at` as date) <= `purchase_order`.`expected_date` then 1 else 0 end) AS `on_time_order_count`,avg(case when `purchase_order`.`expected_date` is not null then to_days(`purchase_order`.`expected_date`) - to_days(`purchase_order`.`ordered_at`) end) AS `avg_promised_lead_days`,avg(case when `purchase_order`.`expected_date` is not null then to_days(`purchase_order`.`received_at`) - to_days(`purchase_order`.`ordered_at`) end) AS `avg_actual_lead_days` from `purchase_order` where `purchase_order`.`status` = 'received' group by `purchase_order`.`supplier_id`), received_cost as (select `po`.`supplier_id` AS `supplier_id`,sum(`pol`.`received_qty`) AS `received_unit_count`,sum(`pol`.`received_qty` * `pol`.`unit_cost`) / sum(`pol`.`received_qty`) AS `avg_unit_cost` from (`purchase_order_line` `pol` join `purchase_order` `po` on(`pol`.`purchase_order_id` = `po`.`purchase_order_id`)) where `pol`.`received_qty` > 0 group by `po`.`supplier_id`), review as (select `supplier_review`.`supplier_id` AS `supplier_id`,count(0) AS `review_count`,avg(`supplier_review`.`rating`) AS `avg_rating` from `supplier_review` group by `supplier_review`.`supplier_id`)select `s`.`supplier_id` AS `supplier_id`,`s`.`name` AS `supplier_name`,`s`.`is_active` AS `is_active`,coalesce(`ro`.`received_order_count`,0) AS `received_order_count`,coalesce(`ro`.`on_time_order_count`,0) AS `on_time_order_count`,round(`ro`.`on_time_order_count` / nullif(`ro`.`promised_order_count`,0),4) AS `on_time_rate`,round(`ro`.`avg_promised_lead_days`,2) AS `avg_promised_lead_days`,round(`ro`.`avg_actual_lead_days`,2) AS `avg_actual_lead_days`,coalesce(`rc`.`received_unit_count`,0) AS `received_unit_count`,round(`rc`.`avg_unit_cost`,2) AS `avg_unit_cost`,round(`rv`.`avg_rating`,2) AS `avg_rating`,coalesce(`rv`.`review_count`,0) AS `review_count` from (((`supplier` `s` left join `received_order` `ro` on(`s`.`supplier_id` = `ro`.`supplier_id`)) left join `received_cost` `rc` on(`s`.`supplier_id` = `rc`.`supplier_id`)) left join `review` `rv` on(`s`.`supplier_id` = `rv`.`supplier_id`));

-- procedure: add_category
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `add_category`(
    IN p_name LONGTEXT,
    IN p_parent_category_id BIGINT UNSIGNED,
    IN p_description LONGTEXT
)
    COMMENT 'Add a product category, under a parent or at the top; result: the new category_id.'
BEGIN
    DECLARE v_name LONGTEXT;
    DECLARE v_category_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second category of the name (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('category ', LEFT(QUOTE(v_name), 60), ' already exists');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- The first problem found, in this order, is the one named.
    SET v_message = COALESCE(
        text_length_problem(p_name, 'category name', 100),
        text_length_problem(p_description, 'description', 500),
        blank_text_problem(p_name, 'category name')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_name = trimmed_text(p_name);

    START TRANSACTION;
    -- The parent is share-locked, as the foreign key would, so that it stays until commit.
    -- A new category has no children, so it cannot close a cycle.
    IF p_parent_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_parent_category_id
        LOCK IN SHARE MODE
    ) THEN
        SET v_message = CONCAT('unknown parent category ', p_parent_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    INSERT INTO category (name, parent_category_id, description)
    VALUES (v_name, p_parent_category_id, trimmed_text(p_description));
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_category_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_category_id AS category_id,
        p_parent_category_id AS parent_category_id;
END;

-- procedure: add_customer
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `add_customer`(
    IN p_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_postal_code LONGTEXT
)
    COMMENT 'Add a customer; result: the new customer_id.'
BEGIN
    DECLARE v_email LONGTEXT;
    DECLARE v_customer_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second customer with the address (two callers
    -- may add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'e-mail ', LEFT(QUOTE(v_email), 60), ' is already a customer''s'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_customer_details(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code, FALSE
    );
    SET v_email = trimmed_text(p_email);

    START TRANSACTION;
    INSERT INTO customer (
        name, email, phone, address_line, city, postal_code, country_code
    )
    VALUES (
        trimmed_text(p_name),
        v_email,
        trimmed_text(p_phone),
        trimmed_text(p_address_line),
        trimmed_text(p_city),
        trimmed_text(p_postal_code),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_customer_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_customer_id AS customer_id;
END;

-- procedure: add_product
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `add_product`(
    IN p_sku LONGTEXT,
    IN p_name LONGTEXT,
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DOUBLE,
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
)
    COMMENT 'Add a product and a stock level in every active warehouse; result: the new product_id.'
BEGIN
    DECLARE v_sku LONGTEXT;
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

    CALL check_session_time_zone();

    -- The first problem found, in this order, is the one named.
    SET v_message = COALESCE(
        text_length_problem(p_sku, 'SKU', 40),
        blank_text_problem(p_sku, 'SKU'),
        control_character_problem(p_sku, 'SKU')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_product_name(p_name);
    IF p_unit_price IS NULL OR p_unit_price < 0 THEN
        SET v_message = CONCAT(
            'unit price must be 0 or more, got ', COALESCE(p_unit_price, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = amount_problem(p_unit_price, 'unit price');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_reorder_parameters(p_reorder_point_qty, p_reorder_qty);

    SET v_sku = trimmed_text(p_sku);

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
    VALUES (v_sku, trimmed_text(p_name), p_category_id, p_unit_price);
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

-- procedure: add_supplier
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `add_supplier`(
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT
)
    COMMENT 'Add a supplier; result: the new supplier_id.'
BEGIN
    DECLARE v_name LONGTEXT;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second supplier of the name (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('supplier ', LEFT(QUOTE(v_name), 60), ' already exists');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_supplier_details(
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city, FALSE
    );
    SET v_name = trimmed_text(p_name);

    START TRANSACTION;
    INSERT INTO supplier (
        name, contact_name, email, phone, address_line, city, country_code
    )
    VALUES (
        v_name,
        trimmed_text(p_contact_name),
        trimmed_text(p_email),
        trimmed_text(p_phone),
        trimmed_text(p_address_line),
        trimmed_text(p_city),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_supplier_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_supplier_id AS supplier_id;
END;

-- procedure: add_warehouse
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `add_warehouse`(
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT
)
    COMMENT 'Open a warehouse; result: the new warehouse_id.'
BEGIN
    DECLARE v_code LONGTEXT;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second warehouse with the code (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('warehouse code ', LEFT(QUOTE(v_code), 30), ' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_warehouse_details(p_code, p_name, p_country_code, p_city, FALSE);
    SET v_code = trimmed_text(p_code);

    START TRANSACTION;
    INSERT INTO warehouse (code, name, city, country_code)
    VALUES (
        v_code,
        trimmed_text(p_name),
        trimmed_text(p_city),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_warehouse_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_warehouse_id AS warehouse_id,
        v_code AS code;
END;

-- procedure: adjust_stock
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `adjust_stock`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_change_qty DOUBLE,
    IN p_reason LONGTEXT
)
    COMMENT 'Adjust on-hand stock by a signed quantity with a reason; one adjustment movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_change_qty, 'adjustment quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_change_qty IS NULL OR p_change_qty = 0 THEN
        SET v_message = CONCAT(
            'adjustment quantity must be non-zero, got ', COALESCE(p_change_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF trimmed_text(p_reason) IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an adjustment needs a reason';
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    CALL post_stock_movement(
        p_product_id, p_warehouse_id, 'adjustment', p_change_qty, 0, NULL, NULL, NULL,
        trimmed_text(p_reason)
    );
    COMMIT;
    SELECT
        on_hand_qty,
        reserved_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
END;

-- procedure: apply_reorder_parameters
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `apply_reorder_parameters`(
    IN p_service_level DOUBLE,
    IN p_history_days DOUBLE
)
    COMMENT 'Apply the recommended reorder points and targets to stock levels with demand.'
BEGIN
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_reorder_point_qty INT;
    DECLARE v_target_qty INT;
    DECLARE c_recommendation CURSOR FOR
        SELECT
            product_id,
            warehouse_id,
            recommended_reorder_point_qty,
            recommended_target_qty
        FROM tmp_reorder_parameter
        WHERE recommended_reorder_point_qty IS NOT NULL
        ORDER BY product_id, warehouse_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL compute_reorder_parameters(p_service_level, p_history_days);

    START TRANSACTION;
    SET v_done = FALSE;
    OPEN c_recommendation;
    apply_loop: LOOP
        FETCH c_recommendation
        INTO v_product_id, v_warehouse_id, v_reorder_point_qty, v_target_qty;
        IF v_done THEN
            LEAVE apply_loop;
        END IF;
        -- Through the primary key, the order every stock level lock takes (post_stock_movement).
        UPDATE stock_level  FORCE INDEX (PRIMARY) 
        SET reorder_point_qty = v_reorder_point_qty, target_qty = v_target_qty
        WHERE
            product_id = v_product_id
            AND warehouse_id = v_warehouse_id
            AND (reorder_point_qty <> v_reorder_point_qty OR target_qty <> v_target_qty);
    END LOOP;
    CLOSE c_recommendation;
    COMMIT;

    SELECT
        product_id,
        warehouse_id,
        reorder_point_qty AS previous_reorder_point_qty,
        target_qty AS previous_target_qty,
        recommended_reorder_point_qty AS reorder_point_qty,
        recommended_target_qty AS target_qty
    FROM tmp_reorder_parameter
    WHERE recommended_reorder_point_qty IS NOT NULL
    ORDER BY product_id, warehouse_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
END;

-- procedure: cancel_auto_drafts
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `cancel_auto_drafts`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    OUT p_cancelled INT
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: cancel the auto-generated drafts of a supplier or a warehouse; out: how many.'
BEGIN
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_drafts_read BOOLEAN DEFAULT FALSE;
    -- A consistent read, which locks nothing (a locking read of the index range would also
    -- lock the gaps where a new draft goes). Each half uses its own index; the half whose id
    -- is NULL finds nothing.
    DECLARE c_draft CURSOR FOR
        SELECT purchase_order_id
        FROM purchase_order
        WHERE supplier_id = p_supplier_id AND status = 'draft' AND is_auto_generated = 1
        UNION ALL
        SELECT purchase_order_id
        FROM purchase_order
        WHERE warehouse_id = p_warehouse_id AND status = 'draft' AND is_auto_generated = 1
        ORDER BY purchase_order_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_drafts_read = TRUE;

    SET p_cancelled = 0;
    OPEN c_draft;
    cancel_drafts: LOOP
        FETCH c_draft INTO v_purchase_order_id;
        IF v_drafts_read THEN
            LEAVE cancel_drafts;
        END IF;
        -- Lock the draft by its primary key alone and read its status again, as it may have
        -- been sent or cancelled since the cursor read. An UPDATE ... AND status = 'draft'
        -- may go through the status index instead, locking the draft's entry there before
        -- its row: send_purchase_order, holding the row, then waits for that entry, and the
        -- two deadlock.
        SET v_status = NULL;
        SELECT status INTO v_status
        FROM purchase_order
        WHERE purchase_order_id = v_purchase_order_id
        FOR UPDATE;
        -- Orders are never deleted; were this one gone, its read must not end the walk.
        SET v_drafts_read = FALSE;
        IF v_status = 'draft' THEN
            UPDATE purchase_order
            SET status = 'cancelled'
            WHERE purchase_order_id = v_purchase_order_id;
            SET p_cancelled = p_cancelled + 1;
        END IF;
    END LOOP;
    CLOSE c_draft;
END;

-- procedure: cancel_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `cancel_purchase_order`(IN p_purchase_order_id BIGINT UNSIGNED)
    COMMENT 'Cancel a draft, sent or partially received purchase order; receipts stay.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_status VARCHAR(20);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT status INTO v_status
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status IN ('received', 'cancelled') THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is already ', v_status
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE purchase_order
    SET status = 'cancelled'
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    SELECT
        purchase_order_id,
        supplier_id,
        warehouse_id,
        status
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id;
END;

-- procedure: cancel_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `cancel_sales_order`(
    IN p_sales_order_id BIGINT UNSIGNED
)
    COMMENT 'Cancel an open sales order and release its reservations.'
BEGIN
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL lock_open_sales_order(p_sales_order_id, v_warehouse_id);
    CALL reserve_sales_order_stock(p_sales_order_id, v_warehouse_id, -1);
    UPDATE sales_order
    SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP()
    WHERE sales_order_id = p_sales_order_id;
    COMMIT;
    SELECT
        sales_order_id,
        status,
        cancelled_at
    FROM sales_order
    WHERE sales_order_id = p_sales_order_id;
END;

-- procedure: check_customer_details
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_customer_details`(
    IN p_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_postal_code LONGTEXT,
    IN p_given_only BOOLEAN
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a customer''s details are too long, blank or malformed.'
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_name, 'customer name', 200),
        text_length_problem(p_email, 'e-mail', 254),
        text_length_problem(p_phone, 'phone', 40),
        text_length_problem(p_address_line, 'address line', 200),
        text_length_problem(p_city, 'city', 100),
        text_length_problem(p_postal_code, 'postal code', 20)
    );

    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(p_given_only AND p_name IS NULL, NULL, blank_text_problem(p_name, 'customer name')),
            IF(p_given_only AND p_email IS NULL, NULL, email_problem(p_email)),
            IF(
                p_given_only AND p_country_code IS NULL,
                NULL,
                country_code_problem(p_country_code)
            )
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_product_name
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_product_name`(
    IN p_name LONGTEXT
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a product name is blank or NULL, or longer than 200 characters.'
BEGIN
    -- The first problem found, in this order, is the one named.
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_name, 'product name', 200),
        blank_text_problem(p_name, 'product name')
    );

    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_purchase_lines
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_purchase_lines`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: refuse purchase lines the supplier, its offers or the warehouse do not allow.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_locked_count INT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_min_order_qty INT;
    DECLARE v_order_multiple INT;

    -- tmp_purchase_line's key is the product: both reads lock in product order.
    SELECT COUNT(*) INTO v_locked_count
    FROM tmp_purchase_line AS t
    INNER JOIN product AS p ON t.product_id = p.product_id
    LOCK IN SHARE MODE;
    SELECT COUNT(*) INTO v_locked_count
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
    LOCK IN SHARE MODE;

    -- Each rule names the first offending line's product, in line order.
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN product AS p ON t.product_id = p.product_id
        WHERE p.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT('unknown product ', v_product_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN product AS p ON t.product_id = p.product_id
        WHERE p.is_discontinued = 1
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT('product ', v_product_id, ' is discontinued');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE ps.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not offered by supplier ', p_supplier_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A receipt needs the stock level it posts to: refuse the order now, not at delivery.
    -- A plain read (SELECT ... INTO locks nothing; a subquery in SET would share-lock the
    -- stock levels until commit, and a receipt of an order for them, which locks the
    -- order's lines and then its stock, would deadlock with this draft's line insert). A
    -- stock level goes only with its product (delete_product), which is share-locked above.
    SET v_product_id = NULL;
    SELECT t.product_id INTO v_product_id
    FROM tmp_purchase_line AS t
    LEFT JOIN stock_level AS sl
        ON t.product_id = sl.product_id AND sl.warehouse_id = p_warehouse_id
    WHERE sl.product_id IS NULL
    ORDER BY t.line_no
    LIMIT 1;
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not stocked in warehouse ', p_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.qty < ps.min_order_qty OR t.qty % ps.order_multiple <> 0
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SELECT
            t.qty,
            ps.min_order_qty,
            ps.order_multiple
        INTO v_qty, v_min_order_qty, v_order_multiple
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.product_id = v_product_id;
        SET v_message = CONCAT(
            'product ', v_product_id, ': qty ', v_qty,
            IF(
                v_qty < v_min_order_qty,
                CONCAT(' is below the minimum order of ', v_min_order_qty),
                CONCAT(' is not a multiple of ', v_order_multiple)
            )
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_purchase_order_parties
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_purchase_order_parties`(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal when a purchase order''s supplier or warehouse is inactive.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_is_active TINYINT;
    DECLARE v_warehouse_is_active TINYINT;

    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    IF v_supplier_is_active = 0 THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' of purchase order ', p_purchase_order_id,
            ' is inactive'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', p_warehouse_id, ' of purchase order ', p_purchase_order_id,
            ' is inactive'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_reorder_parameters
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_reorder_parameters`(
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a reorder point or quantity is NULL, below 0 or fractional.'
BEGIN
    DECLARE v_message VARCHAR(255);

    SET v_message = whole_number_problem(p_reorder_point_qty, 'reorder point');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = whole_number_problem(p_reorder_qty, 'reorder quantity');
    IF v_message IS NOT NULL THEN
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
    IF p_reorder_point_qty + p_reorder_qty > 2147483647 THEN
        SET v_message = CONCAT(
            'reorder point + reorder quantity (the target) must be at most 2147483647, got ',
            p_reorder_point_qty, ' + ', p_reorder_qty
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_review_details
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_review_details`(
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT,
    IN p_given_only BOOLEAN
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a supplier review''s details are too long, blank or out of range.'
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_reviewer_name, 'reviewer name', 100),
        text_length_problem(p_review_text, 'review text', 2000)
    );

    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(
                p_given_only AND p_reviewer_name IS NULL,
                NULL,
                blank_text_problem(p_reviewer_name, 'reviewer name')
            ),
            IF(
                (p_given_only AND p_rating IS NULL) OR p_rating IN (1, 2, 3, 4, 5),
                NULL,
                CONCAT(
                    'rating must be a whole number from 1 (poor) to 5 (excellent), got ',
                    COALESCE(p_rating, 'NULL')
                )
            )
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_session_time_zone
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_session_time_zone`()
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal unless the session''s time zone is UTC (offset 0).'
BEGIN
    DECLARE v_message VARCHAR(128);

    IF NOW() <> UTC_TIMESTAMP() THEN
        SET v_message = CONCAT(
            'time_zone ',
            LEFT(
                QUOTE(
                    IF(
                        @@session.time_zone = 'SYSTEM',
                        CONCAT('SYSTEM (', @@global.system_time_zone, ')'),
                        @@session.time_zone
                    )
                ),
                34
            ),
            ' is ',
            TIMEDIFF(NOW(), UTC_TIMESTAMP()),
            ' off UTC: the procedures write UTC, SET time_zone = ''+00:00'''
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_supplier_details
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_supplier_details`(
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_given_only BOOLEAN
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a supplier''s details are too long, blank or malformed.'
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_name, 'supplier name', 200),
        text_length_problem(p_contact_name, 'contact name', 200),
        text_length_problem(p_email, 'e-mail', 254),
        text_length_problem(p_phone, 'phone', 40),
        text_length_problem(p_address_line, 'address line', 200),
        text_length_problem(p_city, 'city', 100)
    );

    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(p_given_only AND p_name IS NULL, NULL, blank_text_problem(p_name, 'supplier name')),
            IF(
                p_given_only AND p_country_code IS NULL,
                NULL,
                country_code_problem(p_country_code)
            ),
            IF(trimmed_text(p_email) IS NULL, NULL, email_problem(p_email))
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: check_warehouse_details
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `check_warehouse_details`(
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT,
    IN p_given_only BOOLEAN
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: signal if a warehouse''s details are too long, blank or malformed.'
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_code, 'warehouse code', 20),
        text_length_problem(p_name, 'warehouse name', 100),
        text_length_problem(p_city, 'city', 100)
    );

    IF v_message IS NULL AND NOT (p_given_only AND p_code IS NULL) THEN
        SET v_message = COALESCE(
            blank_text_problem(p_code, 'warehouse code'),
            control_character_problem(p_code, 'warehouse code')
        );
    END IF;
    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(
                p_given_only AND p_name IS NULL,
                NULL,
                blank_text_problem(p_name, 'warehouse name')
            ),
            IF(
                p_given_only AND p_country_code IS NULL,
                NULL,
                country_code_problem(p_country_code)
            )
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: compute_reorder_parameters
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `compute_reorder_parameters`(
    IN p_service_level DOUBLE,
    IN p_history_days DOUBLE
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: demand statistics and recommended reorder parameters into a temp table.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_service_level DOUBLE;
    DECLARE v_history_days INT;
    DECLARE v_days DOUBLE;
    DECLARE v_z DOUBLE;
    DECLARE v_ordering_cost DOUBLE;
    DECLARE v_holding_rate DOUBLE;
    DECLARE v_alpha DOUBLE;
    DECLARE v_moving_average_days DOUBLE;
    DECLARE v_today DATE;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_lead_time_days INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE v_reorder_point_qty INT;
    DECLARE v_target_qty INT;
    DECLARE v_sold_qty BIGINT;
    DECLARE v_sum_squares DOUBLE;
    DECLARE v_smoothed_demand DOUBLE;
    DECLARE v_recent_sold_qty BIGINT;
    DECLARE v_rows_read BOOLEAN DEFAULT FALSE;
    -- The cursors read the variables' values when they are opened.
    DECLARE c_stock_level CURSOR FOR
        SELECT
            sl.product_id,
            sl.warehouse_id,
            rs.supplier_id,
            rs.lead_time_days,
            rs.unit_cost,
            sl.reorder_point_qty,
            sl.target_qty
        FROM stock_level AS sl
        INNER JOIN product AS p ON sl.product_id = p.product_id
        INNER JOIN warehouse AS w ON sl.warehouse_id = w.warehouse_id
        LEFT JOIN reorder_supplier AS rs ON sl.product_id = rs.product_id
        WHERE p.is_discontinued = 0 AND w.is_active = 1;
    -- Daily sales first (a day's demand is the sum of its sales), then per stock level.
    DECLARE c_demand CURSOR FOR
        SELECT
            daily.product_id,
            daily.warehouse_id,
            SUM(daily.qty) AS sold_qty,
            SUM(daily.qty * daily.qty) AS sum_squares,
            SUM(
                daily.qty * IF(
                    daily.days_ago < v_history_days,
                    v_alpha * POW(1 - v_alpha, daily.days_ago - 1),
                    POW(1 - v_alpha, v_history_days - 1)
                )
            ) AS smoothed_demand,
            SUM(IF(daily.days_ago <= v_moving_average_days, daily.qty, 0)) AS recent_sold_qty
        FROM (
            SELECT
                product_id,
                warehouse_id,
                DATEDIFF(v_today, occurred_at) AS days_ago,
                -SUM(change_qty) AS qty
            FROM stock_movement
            WHERE
                movement_type = 'sale'
                AND occurred_at >= v_today - INTERVAL v_history_days DAY
                AND occurred_at < v_today
            GROUP BY product_id, warehouse_id, days_ago
        ) AS daily
        GROUP BY daily.product_id, daily.warehouse_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_rows_read = TRUE;

    SELECT
        default_service_level,
        default_history_days,
        moving_average_days
    INTO v_service_level, v_history_days, v_moving_average_days
    FROM inventory_setting
    WHERE inventory_setting_id = 1;
    SELECT
        ordering_cost,
        holding_rate,
        smoothing_alpha
    INTO v_ordering_cost, v_holding_rate, v_alpha
    FROM inventory_setting
    WHERE inventory_setting_id = 1;
    -- The days are taken as a DOUBLE and checked: an INT parameter rounded 2.5 to 3 days
    -- without a word, and refused 1e10 with a raw error (1264).
    SET v_message = whole_number_problem(p_history_days, 'history days');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- NULL parameters take the defaults from inventory_setting.
    SET v_service_level = COALESCE(p_service_level, v_service_level);
    SET v_history_days = COALESCE(p_history_days, v_history_days);
    IF v_service_level IS NULL OR v_service_level <= 0 OR v_service_level >= 1 THEN
        SET v_message = CONCAT(
            'service level must be strictly between 0 and 1, got ',
            COALESCE(v_service_level, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_history_days IS NULL OR v_history_days NOT BETWEEN 1 AND 3660 THEN
        SET v_message = CONCAT(
            'history days must be between 1 and 3660, got ', COALESCE(v_history_days, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_days = v_history_days;
    SET v_z = normal_quantile(v_service_level);
    SET v_moving_average_days = LEAST(v_moving_average_days, v_history_days);
    SET v_today = UTC_DATE();

    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
    CREATE TEMPORARY TABLE tmp_reorder_parameter (
        product_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        supplier_id BIGINT UNSIGNED NULL,
        lead_time_days INT NULL,
        unit_cost DECIMAL(12, 2) NULL,
        reorder_point_qty INT NOT NULL,
        target_qty INT NOT NULL,
        history_days INT NOT NULL,
        sold_qty BIGINT NOT NULL DEFAULT 0,
        sum_squares DOUBLE NOT NULL DEFAULT 0,
        smoothed_demand DOUBLE NOT NULL DEFAULT 0,
        recent_sold_qty BIGINT NOT NULL DEFAULT 0,
        avg_daily_demand DOUBLE NULL,
        stddev_daily_demand DOUBLE NULL,
        moving_average_demand DOUBLE NULL,
        service_level DOUBLE NOT NULL,
        z_score DOUBLE NOT NULL,
        safety_stock DOUBLE NULL,
        exact_reorder_point DOUBLE NULL,
        annual_demand DOUBLE NULL,
        economic_order DOUBLE NULL,
        recommended_reorder_point_qty INT NULL,
        recommended_target_qty INT NULL,
        PRIMARY KEY (product_id, warehouse_id)
    );

    SET v_rows_read = FALSE;
    OPEN c_stock_level;
    read_stock_levels: LOOP
        FETCH c_stock_level INTO
            v_product_id, v_warehouse_id, v_supplier_id, v_lead_time_days, v_unit_cost, -- noqa: LT02
            v_reorder_point_qty, v_target_qty; -- noqa: LT02
        IF v_rows_read THEN
            LEAVE read_stock_levels;
        END IF;
        INSERT INTO tmp_reorder_parameter (
            product_id, warehouse_id, supplier_id, lead_time_days, unit_cost,
            reorder_point_qty, target_qty, history_days, service_level, z_score
        )
        VALUES (
            v_product_id, v_warehouse_id, v_supplier_id, v_lead_time_days, v_unit_cost,
            v_reorder_point_qty, v_target_qty, v_history_days, v_service_level, v_z
        );
    END LOOP;
    CLOSE c_stock_level;

    SET v_rows_read = FALSE;
    OPEN c_demand;
    read_demand: LOOP
        FETCH c_demand INTO
            v_product_id, v_warehouse_id, v_sold_qty, v_sum_squares, v_smoothed_demand, -- noqa: LT02
            v_recent_sold_qty; -- noqa: LT02
        IF v_rows_read THEN
            LEAVE read_demand;
        END IF;
        UPDATE tmp_reorder_parameter
        SET
            sold_qty = v_sold_qty,
            sum_squares = v_sum_squares,
            smoothed_demand = v_smoothed_demand,
            recent_sold_qty = v_recent_sold_qty
        WHERE product_id = v_product_id AND warehouse_id = v_warehouse_id;
    END LOOP;
    CLOSE c_demand;

    -- One statement per step: each reads only columns earlier statements completed.
    UPDATE tmp_reorder_parameter
    SET
        avg_daily_demand = sold_qty / v_days,
        stddev_daily_demand = SQRT(GREATEST(0, sum_squares / v_days - POW(sold_qty / v_days, 2))),
        moving_average_demand = recent_sold_qty / v_moving_average_days;
    UPDATE tmp_reorder_parameter
    SET
        safety_stock = v_z * stddev_daily_demand * SQRT(lead_time_days),
        annual_demand = avg_daily_demand * 365,
        economic_order = SQRT(
            2 * avg_daily_demand * 365 * v_ordering_cost / (v_holding_rate * unit_cost)
        )
    WHERE supplier_id IS NOT NULL;
    UPDATE tmp_reorder_parameter
    SET exact_reorder_point = GREATEST(0, avg_daily_demand * lead_time_days + safety_stock)
    WHERE supplier_id IS NOT NULL;
    -- Rounded to 6 places before rounding up, so float noise (10.0000000001) is not a unit.
    UPDATE tmp_reorder_parameter
    SET
        recommended_reorder_point_qty = CEIL(ROUND(exact_reorder_point, 6)),
        recommended_target_qty
        = CEIL(ROUND(exact_reorder_point, 6)) + CEIL(ROUND(economic_order, 6))
    WHERE supplier_id IS NOT NULL AND sold_qty > 0;
END;

-- procedure: create_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `create_purchase_order`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
    COMMENT 'Create a draft purchase order from JSON lines, priced from the supplier offers.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_is_active TINYINT;
    DECLARE v_warehouse_is_active TINYINT;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_expected_date DATE;
    DECLARE v_line_count INT;
    DECLARE v_line_no INT DEFAULT 0;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    IF v_supplier_is_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_supplier_is_active = 0 THEN
        SET v_message = CONCAT('supplier ', p_supplier_id, ' is inactive');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active IS NULL THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT('warehouse ', p_warehouse_id, ' is inactive');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    CALL read_purchase_lines(p_lines);
    CALL check_purchase_lines(p_supplier_id, p_warehouse_id);

    -- The header is written with VALUES: an INSERT ... SELECT holds the table's
    -- auto-increment lock for as long as its insert waits, and every draft waited with it.
    SELECT UTC_DATE() + INTERVAL MAX(ps.lead_time_days) DAY INTO v_expected_date
    FROM tmp_purchase_line AS t
    INNER JOIN product_supplier AS ps
        ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    INSERT INTO purchase_order (
        supplier_id, warehouse_id, status, is_auto_generated, expected_date
    )
    VALUES (p_supplier_id, p_warehouse_id, 'draft', 0, v_expected_date);
    SET v_purchase_order_id = LAST_INSERT_ID();
    -- The lines too, one by one in the order given (read_purchase_lines numbers them from 1):
    -- the lines' INSERT ... SELECT, waiting for a reorder run's gap lock with the table's
    -- auto-increment lock held, deadlocked with the run's own insert of lines.
    SELECT COUNT(*) INTO v_line_count
    FROM tmp_purchase_line;
    WHILE v_line_no < v_line_count DO
        SET v_line_no = v_line_no + 1;
        SELECT
            t.product_id,
            t.qty,
            ps.unit_cost
        INTO v_product_id, v_qty, v_unit_cost
        FROM tmp_purchase_line AS t
        INNER JOIN product_supplier AS ps
            ON t.product_id = ps.product_id AND ps.supplier_id = p_supplier_id
        WHERE t.line_no = v_line_no
        LOCK IN SHARE MODE;
        INSERT INTO purchase_order_line (purchase_order_id, product_id, ordered_qty, unit_cost)
        VALUES (v_purchase_order_id, v_product_id, v_qty, v_unit_cost);
    END WHILE;
    COMMIT;

    CALL show_purchase_order(v_purchase_order_id);
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END;

-- procedure: create_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `create_sales_order`(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT,
    IN p_placed BOOLEAN,
    OUT p_sales_order_id BIGINT UNSIGNED
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: validate JSON lines, insert a sales order (open and reserved, or shipped).'
BEGIN
    DECLARE v_now DATETIME DEFAULT UTC_TIMESTAMP();
    DECLARE v_message VARCHAR(128);
    DECLARE v_customer_count INT;
    DECLARE v_warehouse_is_active INT;
    DECLARE v_line_count INT;
    DECLARE v_line_no INT DEFAULT 0;
    DECLARE v_inserted_count INT DEFAULT 0;
    DECLARE v_is_duplicate BOOLEAN DEFAULT FALSE;
    DECLARE v_total_amount DECIMAL(65, 2);

    -- The order is written only for a known customer and an active warehouse: the check and
    -- the insert are one statement, and only a refused insert reads them again to say why.
    INSERT INTO sales_order (customer_id, warehouse_id, status, ordered_at, shipped_at)
    SELECT
        c.customer_id,
        w.warehouse_id,
        IF(p_placed, 'open', 'shipped') AS status, -- noqa: RF02
        v_now AS ordered_at, -- noqa: RF02
        IF(p_placed, NULL, v_now) AS shipped_at -- noqa: RF02
    FROM customer AS c
    INNER JOIN warehouse AS w
        ON w.warehouse_id = p_warehouse_id AND w.is_active = 1 -- noqa: RF02
    WHERE c.customer_id = p_customer_id; -- noqa: RF02
    IF ROW_COUNT() = 0 THEN
        SELECT
            (
                SELECT COUNT(*) FROM customer
                WHERE customer_id = p_customer_id
            ) AS customer_count,
            (
                SELECT MAX(is_active) FROM warehouse
                WHERE warehouse_id = p_warehouse_id
            ) AS warehouse_is_active
        INTO v_customer_count, v_warehouse_is_active;
        IF v_customer_count = 0 THEN
            SET v_message = CONCAT('unknown customer ', COALESCE(p_customer_id, 'NULL'));
        ELSEIF v_warehouse_is_active IS NULL THEN
            SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        ELSE
            SET v_message = CONCAT('warehouse ', p_warehouse_id, ' is inactive');
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET p_sales_order_id = LAST_INSERT_ID();

    -- Separate tests, not one OR: JSON_TYPE raises its own error on text that is not JSON.
    IF p_lines IS NULL OR NOT JSON_VALID(p_lines) THEN
        SET v_message = CONCAT('lines are not valid JSON: ', COALESCE(LEFT(p_lines, 40), 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF JSON_TYPE(p_lines) <> 'ARRAY' THEN
        SET v_message = CONCAT('lines must be a JSON array, got ', LEFT(p_lines, 40));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_line_count = JSON_LENGTH(p_lines);
    IF v_line_count = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a sales order needs at least one line';
    END IF;
    -- Every line well formed first, so the typed columns below convert them exactly.
    WHILE v_line_no < v_line_count DO
        SET v_message = sales_order_line_problem(
            JSON_EXTRACT(p_lines, CONCAT('$[', v_line_no, ']')), v_line_no + 1
        );
        IF v_message IS NOT NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_line_no = v_line_no + 1;
    END WHILE;

    insert_lines: BEGIN
        -- A product listed twice breaks the lines' unique key; the message below names it.
        DECLARE CONTINUE HANDLER FOR 1062 SET v_is_duplicate = TRUE;
        INSERT INTO sales_order_line (
            sales_order_id, product_id, ordered_qty, shipped_qty, unit_price
        )
        SELECT
            p_sales_order_id AS sales_order_id, -- noqa: RF02
            p.product_id,
            jt.qty AS ordered_qty,
            IF(p_placed, 0, jt.qty) AS shipped_qty, -- noqa: RF02
            COALESCE(jt.unit_price, p.unit_price) AS unit_price
        FROM
            JSON_TABLE(
                p_lines, '$[*]' COLUMNS ( -- noqa: RF02
                    product_id BIGINT UNSIGNED PATH '$.product_id',
                    qty INT PATH '$.qty',
                    unit_price DECIMAL(12, 2) PATH '$.unit_price'
                )
            ) AS jt
        INNER JOIN product AS p ON jt.product_id = p.product_id
        WHERE p.is_discontinued = 0;
        SET v_inserted_count = ROW_COUNT();
    END insert_lines;

    -- Fewer lines than given: a product is unknown, discontinued or listed twice. Name the
    -- first such line's product.
    IF v_is_duplicate OR v_inserted_count < v_line_count THEN
        SET v_message = 'a product on the order is unknown, discontinued or listed twice';
        SELECT
            CASE
                WHEN listed.product_id_found IS NULL
                    THEN CONCAT('unknown product ', listed.product_id)
                WHEN listed.is_discontinued = 1
                    THEN CONCAT('product ', listed.product_id, ' is discontinued')
                ELSE CONCAT('product ', listed.product_id, ' is listed more than once')
            END AS problem
        INTO v_message
        FROM (
            SELECT
                jt.line_no,
                jt.product_id,
                p.product_id AS product_id_found,
                p.is_discontinued,
                COUNT(*) OVER (PARTITION BY jt.product_id) AS times_listed
            FROM
                JSON_TABLE(
                    p_lines, '$[*]' COLUMNS ( -- noqa: RF02
                        line_no FOR ORDINALITY,
                        product_id BIGINT UNSIGNED PATH '$.product_id'
                    )
                ) AS jt
            LEFT JOIN product AS p ON jt.product_id = p.product_id
        ) AS listed
        WHERE
            listed.product_id_found IS NULL
            OR listed.is_discontinued = 1
            OR listed.times_listed > 1
        ORDER BY listed.line_no
        LIMIT 1;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- An order that waits to be shipped must be shippable: its invoice can hold the total.
    -- (A counter sale is invoiced in this same transaction, where fulfil_sales_order checks.)
    IF p_placed THEN
        SELECT SUM(ordered_qty * unit_price) AS total_amount INTO v_total_amount
        FROM sales_order_line
        WHERE sales_order_id = p_sales_order_id;
        IF v_total_amount > 9999999999.99 THEN
            SET v_message = CONCAT(
                'order total ', v_total_amount,
                ' exceeds the largest invoice amount, 9999999999.99'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        CALL reserve_sales_order_stock(p_sales_order_id, p_warehouse_id, 1);
    END IF;
END;

-- procedure: delete_category
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `delete_category`(
    IN p_category_id BIGINT UNSIGNED
)
    COMMENT 'Delete a category with no products and no categories under it; result: its id.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_product_count INT;
    DECLARE v_child_count INT;
    DECLARE v_message VARCHAR(255);
    -- The foreign keys stay the guard, a backstop: the procedures that file a product or a
    -- category under it read it with a shared lock first (a subquery in an IF takes one under
    -- REPEATABLE READ), so they wait for this lock and then find it gone. Their error is put
    -- in words.
    DECLARE EXIT HANDLER FOR 1451
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'category ', p_category_id, ' had a product or a category filed under it meanwhile'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT
        (
            SELECT COUNT(*) FROM product
            WHERE category_id = p_category_id
        ) AS product_count,
        (
            SELECT COUNT(*) FROM category
            WHERE parent_category_id = p_category_id
        ) AS child_count
    INTO v_product_count, v_child_count;
    IF v_product_count > 0 THEN
        SET v_message = CONCAT(
            'category ', p_category_id, ' still holds products (', v_product_count,
            '): file them under another category first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_child_count > 0 THEN
        SET v_message = CONCAT(
            'category ', p_category_id, ' still has categories under it (', v_child_count,
            '): move or delete them first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    DELETE FROM category
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT p_category_id AS category_id;
END;

-- procedure: delete_product
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
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

    CALL check_session_time_zone();

    START TRANSACTION;
    -- The product row first, then its stock levels (the primary key scan takes them in
    -- warehouse order, as everywhere): a sale locks the product (shared) before its stock,
    -- so the other order could deadlock with one. Until we finish, no movement can be posted
    -- and no order line can refer to the product.
    SELECT sku INTO v_sku
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    SELECT COUNT(*) INTO v_stock_level_count
    FROM stock_level
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

-- procedure: delete_supplier_review
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `delete_supplier_review`(
    IN p_supplier_review_id BIGINT UNSIGNED
)
    COMMENT 'Delete a supplier review written in error; result: the supplier''s score left.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT MAX(supplier_id) INTO v_supplier_id
    FROM supplier_review
    WHERE supplier_review_id = p_supplier_review_id
    FOR UPDATE;
    IF v_supplier_id IS NULL THEN
        SET v_message = CONCAT(
            'unknown supplier review ', COALESCE(p_supplier_review_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    DELETE FROM supplier_review
    WHERE supplier_review_id = p_supplier_review_id;
    COMMIT;

    SELECT
        p_supplier_review_id AS supplier_review_id,
        v_supplier_id AS supplier_id,
        COUNT(*) AS review_count,
        ROUND(AVG(rating), 2) AS avg_rating
    FROM supplier_review
    WHERE supplier_id = v_supplier_id;
END;

-- procedure: discontinue_product
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `discontinue_product`(
    IN p_product_id BIGINT UNSIGNED
)
    COMMENT 'Mark a product discontinued (no longer sold or reordered); result: the product.'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE v_draft_lines_removed INT DEFAULT 0;
    DECLARE v_reorder_runs INT;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_is_auto_draft INT;
    DECLARE v_drafts_read BOOLEAN DEFAULT FALSE;
    -- A consistent read, after the reorder_run lock: no run can write an auto draft meanwhile.
    DECLARE c_draft CURSOR FOR
        SELECT DISTINCT pol.purchase_order_id
        FROM purchase_order_line AS pol
        INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
        WHERE
            pol.product_id = p_product_id
            AND po.status = 'draft'
            AND po.is_auto_generated = 1
        ORDER BY pol.purchase_order_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_drafts_read = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
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

    -- The NOT FOUND handler also caught the reads above when they found nothing.
    SET v_drafts_read = FALSE;
    OPEN c_draft;
    take_off_drafts: LOOP
        FETCH c_draft INTO v_purchase_order_id;
        IF v_drafts_read THEN
            LEAVE take_off_drafts;
        END IF;
        -- COUNT(*) always returns a row, so this read cannot end the loop through NOT FOUND.
        SELECT COUNT(*) INTO v_is_auto_draft
        FROM purchase_order
        WHERE
            purchase_order_id = v_purchase_order_id
            AND status = 'draft'
            AND is_auto_generated = 1
        FOR UPDATE;
        IF v_is_auto_draft = 1 THEN
            DELETE FROM purchase_order_line
            WHERE purchase_order_id = v_purchase_order_id AND product_id = p_product_id;
            SET v_draft_lines_removed = v_draft_lines_removed + ROW_COUNT();
            -- Cancelled, not deleted: a supplier review may refer to the draft.
            UPDATE purchase_order
            SET status = 'cancelled'
            WHERE
                purchase_order_id = v_purchase_order_id
                AND NOT EXISTS (
                    SELECT 1 FROM purchase_order_line AS pol
                    WHERE pol.purchase_order_id = v_purchase_order_id
                );
        END IF;
    END LOOP;
    CLOSE c_draft;
    COMMIT;

    SELECT
        product_id,
        sku,
        name,
        is_discontinued,
        v_draft_lines_removed AS draft_lines_removed
    FROM product
    WHERE product_id = p_product_id;
END;

-- procedure: fulfil_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `fulfil_sales_order`(
    IN p_sales_order_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_placed BOOLEAN,
    OUT p_invoice_id BIGINT UNSIGNED,
    OUT p_total_amount DECIMAL(12, 2)
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: ship an open sales order from stock and invoice it.'
BEGIN
    DECLARE v_line_count INT;
    DECLARE v_total_amount DECIMAL(65, 2);
    DECLARE v_now DATETIME DEFAULT UTC_TIMESTAMP();
    DECLARE v_message VARCHAR(128);

    -- A consistent read: the order's lines are fixed once it exists, and its row is locked.
    SELECT
        COUNT(*) AS line_count,
        SUM(ordered_qty * unit_price) AS total_amount
    INTO v_line_count, v_total_amount
    FROM sales_order_line
    WHERE sales_order_id = p_sales_order_id;
    IF v_line_count = 0 THEN
        SET v_message = CONCAT('sales order ', p_sales_order_id, ' has no lines to ship');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_total_amount > 9999999999.99 THEN
        SET v_message = CONCAT(
            'order total ', v_total_amount, ' exceeds the largest invoice amount, 9999999999.99'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET p_total_amount = v_total_amount;

    IF p_placed THEN
        UPDATE sales_order
        SET status = 'shipped', shipped_at = v_now
        WHERE sales_order_id = p_sales_order_id;
    END IF;
    INSERT INTO invoice (sales_order_id, status, total_amount, issued_at, due_date)
    VALUES (
        p_sales_order_id, 'issued', p_total_amount, v_now, DATE(v_now) + INTERVAL 30 DAY
    );
    SET p_invoice_id = LAST_INSERT_ID();

    -- Line by line in product order, the lock order placing uses too, so shipments cannot
    -- deadlock. Each line is found by the order's unique key with a consistent read (no lock),
    -- cheaper than a cursor, which materialises its result first.
    issue_lines: BEGIN
        DECLARE v_line_no INT DEFAULT 0;
        DECLARE v_sales_order_line_id BIGINT UNSIGNED;
        DECLARE v_product_id BIGINT UNSIGNED DEFAULT 0;
        DECLARE v_qty INT;
        DECLARE v_unit_price DECIMAL(12, 2);

        WHILE v_line_no < v_line_count DO
            SELECT
                sales_order_line_id,
                product_id,
                ordered_qty,
                unit_price
            INTO v_sales_order_line_id, v_product_id, v_qty, v_unit_price
            FROM sales_order_line
            WHERE sales_order_id = p_sales_order_id AND product_id > v_product_id
            ORDER BY product_id
            LIMIT 1;
            CALL post_stock_movement(
                v_product_id, p_warehouse_id, 'sale', -v_qty,
                IF(p_placed, v_qty, 0), v_sales_order_line_id, NULL, NULL, NULL
            );
            IF p_placed THEN
                UPDATE sales_order_line
                SET shipped_qty = v_qty
                WHERE sales_order_line_id = v_sales_order_line_id;
            END IF;
            INSERT INTO invoice_line (
                invoice_id, sales_order_line_id, invoiced_qty, unit_price, line_total
            )
            VALUES (
                p_invoice_id, v_sales_order_line_id, v_qty, v_unit_price, v_qty * v_unit_price
            );
            SET v_line_no = v_line_no + 1;
        END WHILE;
    END issue_lines;
END;

-- procedure: lock_draft_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `lock_draft_purchase_order`(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_action VARCHAR(20),
    OUT p_supplier_id BIGINT UNSIGNED,
    OUT p_warehouse_id BIGINT UNSIGNED
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: lock a draft purchase order (signal if unknown or not a draft).'
BEGIN
    DECLARE v_status VARCHAR(20);
    DECLARE v_message VARCHAR(255);

    SELECT
        status,
        supplier_id,
        warehouse_id
    INTO v_status, p_supplier_id, p_warehouse_id
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status <> 'draft' THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is ', v_status, '; only a draft can be ',
            p_action
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: lock_open_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `lock_open_sales_order`(
    IN p_sales_order_id BIGINT UNSIGNED,
    OUT p_warehouse_id BIGINT UNSIGNED
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: lock an open sales order (signal if unknown or not open); return its warehouse.'
BEGIN
    DECLARE v_status VARCHAR(20);
    DECLARE v_message VARCHAR(128);

    SELECT
        status,
        warehouse_id
    INTO v_status, p_warehouse_id
    FROM sales_order
    WHERE sales_order_id = p_sales_order_id
    FOR UPDATE;

    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown sales order ', COALESCE(p_sales_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status <> 'open' THEN
        SET v_message = CONCAT('sales order ', p_sales_order_id, ' is ', v_status, ', not open');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END;

-- procedure: move_category
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `move_category`(
    IN p_category_id BIGINT UNSIGNED,
    IN p_parent_category_id BIGINT UNSIGNED
)
    COMMENT 'Move a category under another parent or to the top; result: old and new parent.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_was_parent_category_id BIGINT UNSIGNED;
    DECLARE v_ancestor_id BIGINT UNSIGNED DEFAULT p_parent_category_id;
    DECLARE v_category_count INT;
    DECLARE v_steps INT DEFAULT 0;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    -- The turn first. The migration writes the row; without it moves would not take turns.
    UPDATE category_tree
    SET
        move_count = move_count + 1,
        last_moved_at = UTC_TIMESTAMP(6)
    WHERE category_tree_id = 1;
    IF ROW_COUNT() = 0 THEN
        SET v_message = 'the category_tree row is missing: run sql/data/category_tree_row.sql';
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT
        COUNT(*) AS found,
        MAX(parent_category_id) AS parent_category_id
    INTO v_found, v_was_parent_category_id
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_parent_category_id = p_category_id THEN
        SET v_message = CONCAT('category ', p_category_id, ' cannot go under itself');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_parent_category_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM category
        WHERE category_id = p_parent_category_id
        LOCK IN SHARE MODE
    ) THEN
        SET v_message = CONCAT('unknown parent category ', p_parent_category_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- Up from the new parent to the top, share-locking each step: the category moved must
    -- not be met. A chain longer than the tree has categories can only be a loop already
    -- there (written past this procedure), which must not keep the walk going for ever.
    SELECT COUNT(*) INTO v_category_count FROM category;
    WHILE v_ancestor_id IS NOT NULL DO
        IF v_ancestor_id = p_category_id THEN
            SET v_message = CONCAT(
                'category ', p_category_id, ' cannot go under ', p_parent_category_id,
                ', which lies within it'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_steps = v_steps + 1;
        IF v_steps > v_category_count THEN
            SET v_message = CONCAT(
                'the categories above ', p_parent_category_id,
                ' form a loop: correct their parent_category_id first'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SELECT MAX(parent_category_id) INTO v_ancestor_id
        FROM category
        WHERE category_id = v_ancestor_id
        LOCK IN SHARE MODE;
    END WHILE;

    UPDATE category
    SET parent_category_id = p_parent_category_id
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT
        p_category_id AS category_id,
        v_was_parent_category_id AS was_parent_category_id,
        p_parent_category_id AS parent_category_id;
END;

-- procedure: pay_invoice
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `pay_invoice`(
    IN p_invoice_id BIGINT UNSIGNED,
    IN p_paid_at DATETIME
)
    COMMENT 'Mark an issued invoice paid in full at the given time (UTC; NULL: now).'
BEGIN
    DECLARE v_paid_at DATETIME DEFAULT COALESCE(p_paid_at, UTC_TIMESTAMP());
    DECLARE v_status VARCHAR(10);
    DECLARE v_issued_at DATETIME;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- A zero date (0, '0000-00-00') names no moment (COALESCE above took it for NULL, now).
    IF p_paid_at < '1000-01-01' THEN
        SET v_message = CONCAT('payment date must be a UTC time, got ', p_paid_at);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_paid_at > UTC_TIMESTAMP() THEN
        SET v_message = CONCAT('payment date ', v_paid_at, ' is in the future');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    UPDATE invoice
    SET status = 'paid', paid_at = v_paid_at
    WHERE
        invoice_id = p_invoice_id
        AND status = 'issued'
        AND issued_at <= v_paid_at;
    IF ROW_COUNT() = 0 THEN
        SELECT
            status,
            issued_at
        INTO v_status, v_issued_at
        FROM invoice
        WHERE invoice_id = p_invoice_id;
        SET v_message = CASE
            WHEN v_status IS NULL
                THEN CONCAT('unknown invoice ', COALESCE(p_invoice_id, 'NULL'))
            WHEN v_status = 'paid'
                THEN CONCAT('invoice ', p_invoice_id, ' is already paid')
            WHEN v_status = 'void'
                THEN CONCAT('invoice ', p_invoice_id, ' is void: nothing is owed')
            ELSE CONCAT(
                'payment date ', v_paid_at, ' is before invoice ', p_invoice_id,
                ' was issued (', v_issued_at, ')'
            )
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE credit_note
    SET settled_at = v_paid_at
    WHERE
        invoice_id = p_invoice_id
        AND settled_at IS NULL
        AND issued_at <= v_paid_at;
    COMMIT;
    SELECT
        invoice_id,
        sales_order_id,
        status,
        total_amount,
        issued_at,
        paid_at
    FROM invoice
    WHERE invoice_id = p_invoice_id;
END;

-- procedure: place_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `place_sales_order`(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
    COMMENT 'Place an open sales order from JSON lines and reserve its stock; returns its id.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL create_sales_order(p_customer_id, p_warehouse_id, p_lines, TRUE, v_sales_order_id);
    COMMIT;
    SELECT v_sales_order_id AS sales_order_id;
END;

-- procedure: post_stock_movement
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
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
    SQL SECURITY INVOKER
    COMMENT 'Internal: change on-hand (and release reserved) stock and write the matching ledger row.'
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(255);

    -- Conditional update: it changes the row only when the result keeps stock consistent,
    -- so concurrent callers can never drive it negative or below what is reserved, nor past
    -- what the INT column holds. Through the primary key, as SELECT ... FOR UPDATE locks a
    -- stock level: left to itself, MariaDB's UPDATE went through ix_stock_level__warehouse_id,
    -- locking that index entry before the row, and a sale deadlocked with a transfer or a
    -- count that held the row and came for the entry. The hint is in an executable comment,
    -- which the server runs and sqlfluff (it cannot parse an UPDATE's index hint) passes by.
    UPDATE stock_level  FORCE INDEX (PRIMARY) 
    SET
        on_hand_qty = on_hand_qty + p_change_qty,
        reserved_qty = reserved_qty - p_released_reserved_qty
    WHERE
        product_id = p_product_id
        AND warehouse_id = p_warehouse_id
        AND reserved_qty >= p_released_reserved_qty
        AND on_hand_qty + p_change_qty >= reserved_qty - p_released_reserved_qty
        AND on_hand_qty + p_change_qty <= 2147483647;

    IF ROW_COUNT() = 0 THEN
        SELECT
            on_hand_qty,
            reserved_qty
        INTO v_on_hand_qty, v_reserved_qty
        FROM stock_level
        WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        IF v_on_hand_qty IS NULL THEN
            -- COALESCE: a NULL anywhere in CONCAT makes the whole message NULL, and SIGNAL
            -- refuses a NULL message with an error of its own.
            SET v_message = CONCAT(
                'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
                COALESCE(p_warehouse_id, 'NULL')
            );
        ELSEIF v_on_hand_qty + p_change_qty > 2147483647 THEN
            SET v_message = CONCAT(
                'on hand of product ', p_product_id, ' in warehouse ', p_warehouse_id,
                ' would exceed 2147483647: ', v_on_hand_qty, ' on hand, change ', p_change_qty
            );
        ELSE
            SET v_message = CONCAT(
                'insufficient stock of product ', p_product_id, ' in warehouse ',
                p_warehouse_id, ': ', v_on_hand_qty - v_reserved_qty, ' available, change ',
                COALESCE(p_change_qty, 'NULL')
            );
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The balance is read from the row just updated (a transaction sees its own change, and
    -- it holds the row locked, so no other change can come between), then the ledger row is
    -- written with VALUES: an INSERT ... SELECT holds the table's auto-increment lock for the
    -- whole statement (innodb_autoinc_lock_mode 1, MariaDB's default), and a foreign key check
    -- waiting meanwhile (the counterpart warehouse of a transfer, locked by a warehouse
    -- change) held up every stock movement in the database, which failed with 1467.
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

-- procedure: read_purchase_lines
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `read_purchase_lines`(IN p_lines LONGTEXT)
    SQL SECURITY INVOKER
    COMMENT 'Internal: validate JSON purchase lines and load them into tmp_purchase_line.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_line_count INT;
    DECLARE v_index INT DEFAULT 0;
    DECLARE v_item LONGTEXT;
    DECLARE v_product_json LONGTEXT;
    DECLARE v_qty_json LONGTEXT;
    DECLARE v_product_id DECIMAL(30, 0);
    DECLARE v_qty DECIMAL(30, 0);

    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
    CREATE TEMPORARY TABLE tmp_purchase_line (
        line_no INT NOT NULL,
        product_id BIGINT UNSIGNED NOT NULL,
        qty INT NOT NULL,
        PRIMARY KEY (product_id)
    );

    -- JSON_TYPE only once the text is known to be JSON: MySQL raises an error on anything else.
    IF p_lines IS NULL OR JSON_VALID(p_lines) = 0 THEN
        SET v_message = CONCAT(
            'lines must be a JSON array, got ', COALESCE(LEFT(p_lines, 40), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF JSON_TYPE(p_lines) <> 'ARRAY' THEN
        SET v_message = CONCAT(
            'lines must be a JSON array of {"product_id": .., "qty": ..}, got ', LEFT(p_lines, 40)
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_line_count = JSON_LENGTH(p_lines);
    IF v_line_count = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'lines must not be empty, got []';
    END IF;

    WHILE v_index < v_line_count DO
        SET v_item = JSON_EXTRACT(p_lines, CONCAT('$[', v_index, ']'));
        SET v_index = v_index + 1;
        IF JSON_TYPE(v_item) <> 'OBJECT' THEN
            SET v_message = CONCAT('line ', v_index, ' is not an object: ', LEFT(v_item, 40));
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF JSON_LENGTH(v_item) <> (
            JSON_CONTAINS_PATH(v_item, 'one', '$.product_id')
            + JSON_CONTAINS_PATH(v_item, 'one', '$.qty')
        ) THEN
            SET v_message = CONCAT(
                'line ', v_index, ' may have product_id and qty, each once: ', LEFT(v_item, 40)
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_product_json = JSON_EXTRACT(v_item, '$.product_id');
        SET v_qty_json = JSON_EXTRACT(v_item, '$.qty');
        -- Whole numbers only: JSON strings, decimals, booleans and null are refused, and so
        -- is an exponent, which MariaDB calls an INTEGER (25e-1 would be cast to 3).
        SET v_product_id = NULL;
        SET v_qty = NULL;
        IF
            JSON_TYPE(v_product_json) IN ('INTEGER', 'UNSIGNED INTEGER')
            AND v_product_json REGEXP '^[0-9]{1,20}$'
        THEN
            SET v_product_id = CAST(v_product_json AS DECIMAL(30, 0));
        END IF;
        IF
            JSON_TYPE(v_qty_json) IN ('INTEGER', 'UNSIGNED INTEGER')
            AND v_qty_json REGEXP '^[0-9]{1,10}$'
        THEN
            SET v_qty = CAST(v_qty_json AS DECIMAL(30, 0));
        END IF;
        IF v_product_id IS NULL OR v_product_id NOT BETWEEN 1 AND 18446744073709551615 THEN
            SET v_message = CONCAT(
                'line ', v_index, ': product_id must be a positive whole number, got ',
                COALESCE(LEFT(v_product_json, 30), 'nothing')
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF v_qty IS NULL OR v_qty NOT BETWEEN 1 AND 2147483647 THEN
            SET v_message = CONCAT(
                'line ', v_index, ': qty must be a positive whole number, got ',
                COALESCE(LEFT(v_qty_json, 30), 'nothing')
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF EXISTS (
            SELECT 1
            FROM tmp_purchase_line
            WHERE product_id = v_product_id
        ) THEN
            SET v_message = CONCAT(
                'line ', v_index, ': product ', v_product_id, ' appears on more than one line'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        INSERT INTO tmp_purchase_line (line_no, product_id, qty)
        VALUES (v_index, v_product_id, v_qty);
    END WHILE;
END;

-- procedure: receive_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `receive_purchase_order`(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
    COMMENT 'Receive some or all outstanding lines of a purchase order into stock.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_status VARCHAR(20);
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_lines LONGTEXT;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty INT;
    DECLARE v_outstanding_qty INT;
    DECLARE v_purchase_order_line_id BIGINT UNSIGNED;
    DECLARE v_group_concat_max_len BIGINT UNSIGNED DEFAULT @@SESSION.group_concat_max_len;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        SET SESSION group_concat_max_len = v_group_concat_max_len;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT
        status,
        warehouse_id
    INTO v_status, v_warehouse_id
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status NOT IN ('sent', 'partially_received') THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is ', v_status,
            '; only a sent or partially received order can be received'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- NULL: receive every outstanding line in full, checked like lines given by the caller.
    -- MariaDB's JSON_ARRAYAGG stops at the session's group_concat_max_len (an error once the
    -- lines outgrow it): lifted for this one statement, then put back as the caller had it.
    IF p_lines IS NULL THEN
        SET SESSION group_concat_max_len = 1073741824; -- 1 GB, the most MariaDB takes
        SET v_lines = (
            SELECT
                JSON_ARRAYAGG(
                    JSON_OBJECT('product_id', product_id, 'qty', ordered_qty - received_qty)
                )
            FROM purchase_order_line
            WHERE purchase_order_id = p_purchase_order_id AND received_qty < ordered_qty
        );
        SET SESSION group_concat_max_len = v_group_concat_max_len;
    ELSE
        SET v_lines = p_lines;
    END IF;
    CALL read_purchase_lines(v_lines);

    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        LEFT JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE pol.product_id IS NULL
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' is not on purchase order ', p_purchase_order_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_product_id = (
        SELECT t.product_id
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.qty > pol.ordered_qty - pol.received_qty
        ORDER BY t.line_no
        LIMIT 1
    );
    IF v_product_id IS NOT NULL THEN
        SELECT
            t.qty,
            pol.purchase_order_line_id,
            pol.ordered_qty - pol.received_qty AS outstanding_qty
        INTO v_qty, v_purchase_order_line_id, v_outstanding_qty
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.product_id = v_product_id;
        SET v_message = CONCAT(
            'purchase order line ', v_purchase_order_line_id, ' (product ', v_product_id,
            '): receiving ', v_qty, ' exceeds the ', v_outstanding_qty, ' outstanding'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- One line at a time in product order: the line, then its stock and ledger row.
    SET v_product_id = (SELECT MIN(product_id) FROM tmp_purchase_line);
    WHILE v_product_id IS NOT NULL DO
        SELECT
            t.qty,
            pol.purchase_order_line_id
        INTO v_qty, v_purchase_order_line_id
        FROM tmp_purchase_line AS t
        INNER JOIN purchase_order_line AS pol
            ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
        WHERE t.product_id = v_product_id;
        -- Conditional, like every stock update: never beyond what was ordered.
        UPDATE purchase_order_line
        SET received_qty = received_qty + v_qty
        WHERE
            purchase_order_line_id = v_purchase_order_line_id
            AND received_qty + v_qty <= ordered_qty;
        IF ROW_COUNT() = 0 THEN
            SET v_message = CONCAT(
                'purchase order line ', v_purchase_order_line_id, ' (product ', v_product_id,
                '): receiving ', v_qty, ' exceeds what is outstanding'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        CALL post_stock_movement(
            v_product_id, v_warehouse_id, 'receipt', v_qty, 0, NULL, v_purchase_order_line_id,
            NULL, NULL
        );
        SET v_product_id = (
            SELECT MIN(product_id)
            FROM tmp_purchase_line
            WHERE product_id > v_product_id
        );
    END WHILE;

    IF EXISTS (
        SELECT 1
        FROM purchase_order_line
        WHERE purchase_order_id = p_purchase_order_id AND received_qty < ordered_qty
    ) THEN
        UPDATE purchase_order
        SET status = 'partially_received'
        WHERE purchase_order_id = p_purchase_order_id;
    ELSE
        UPDATE purchase_order
        SET status = 'received', received_at = UTC_TIMESTAMP()
        WHERE purchase_order_id = p_purchase_order_id;
    END IF;
    COMMIT;

    SELECT
        po.purchase_order_id,
        po.status,
        pol.purchase_order_line_id,
        pol.product_id,
        t.qty AS received_now_qty,
        pol.received_qty,
        pol.ordered_qty,
        pol.ordered_qty - pol.received_qty AS outstanding_qty
    FROM tmp_purchase_line AS t
    INNER JOIN purchase_order_line AS pol
        ON t.product_id = pol.product_id AND pol.purchase_order_id = p_purchase_order_id
    INNER JOIN purchase_order AS po ON pol.purchase_order_id = po.purchase_order_id
    ORDER BY pol.product_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END;

-- procedure: recommend_reorder_parameters
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `recommend_reorder_parameters`(
    IN p_service_level DOUBLE,
    IN p_history_days DOUBLE
)
    COMMENT 'Recommend reorder points and order-up-to levels from demand; writes nothing.'
BEGIN
    CALL compute_reorder_parameters(p_service_level, p_history_days);
    SELECT
        product_id,
        warehouse_id,
        supplier_id,
        lead_time_days,
        unit_cost,
        history_days,
        sold_qty,
        reorder_point_qty,
        target_qty,
        recommended_reorder_point_qty,
        recommended_target_qty,
        ROUND(avg_daily_demand, 4) AS avg_daily_demand,
        ROUND(stddev_daily_demand, 4) AS stddev_daily_demand,
        ROUND(smoothed_demand, 4) AS forecast_daily_demand,
        ROUND(moving_average_demand, 4) AS moving_average_demand,
        ROUND(service_level, 4) AS service_level,
        ROUND(z_score, 4) AS z_score,
        ROUND(safety_stock, 4) AS safety_stock,
        ROUND(exact_reorder_point, 4) AS exact_reorder_point,
        ROUND(annual_demand, 4) AS annual_demand,
        ROUND(economic_order, 4) AS economic_order_qty
    FROM tmp_reorder_parameter
    ORDER BY product_id, warehouse_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
END;

-- procedure: record_stocktake
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `record_stocktake`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_counted_qty DOUBLE,
    IN p_reason LONGTEXT
)
    COMMENT 'Set on-hand stock to a counted quantity; writes an adjustment for any difference.'
BEGIN
    DECLARE v_on_hand_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_counted_qty, 'counted quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty IS NULL OR p_counted_qty < 0 THEN
        SET v_message = CONCAT(
            'counted quantity must be 0 or more, got ', COALESCE(p_counted_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT
        on_hand_qty,
        reserved_qty
    INTO v_on_hand_qty, v_reserved_qty
    FROM stock_level
    WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_on_hand_qty IS NULL THEN
        SET v_message = CONCAT(
            'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
            COALESCE(p_warehouse_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty < v_reserved_qty THEN
        -- The caller named the product and warehouse; 128 characters is all MySQL signals.
        SET v_message = CONCAT(
            'counted quantity ', p_counted_qty, ' is below the ', v_reserved_qty,
            ' reserved for open orders: cancel orders for ', v_reserved_qty - p_counted_qty,
            ' units first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_counted_qty <> v_on_hand_qty THEN
        CALL post_stock_movement(
            p_product_id, p_warehouse_id, 'adjustment', p_counted_qty - v_on_hand_qty, 0,
            NULL, NULL, NULL, COALESCE(trimmed_text(p_reason), 'stocktake')
        );
    END IF;
    -- Through the primary key, the order every stock level lock takes (post_stock_movement).
    UPDATE stock_level  FORCE INDEX (PRIMARY) 
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

-- procedure: refund_credit_note
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `refund_credit_note`(
    IN p_credit_note_id BIGINT UNSIGNED,
    IN p_refunded_at DATETIME
)
    COMMENT 'Mark a credit note on a paid invoice refunded at the given time (UTC; NULL: now).'
BEGIN
    DECLARE v_refunded_at DATETIME DEFAULT COALESCE(p_refunded_at, UTC_TIMESTAMP());
    DECLARE v_credit_note_id BIGINT UNSIGNED;
    DECLARE v_settlement VARCHAR(10);
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_issued_at DATETIME;
    DECLARE v_paid_at DATETIME;
    DECLARE v_message VARCHAR(160);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- A zero date (0, '0000-00-00') names no moment (COALESCE above took it for NULL, now).
    IF p_refunded_at < '1000-01-01' THEN
        SET v_message = CONCAT('refund date must be a UTC time, got ', p_refunded_at);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_refunded_at > UTC_TIMESTAMP() THEN
        SET v_message = CONCAT('refund date ', v_refunded_at, ' is in the future');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT credit_note_id INTO v_credit_note_id
    FROM credit_note
    WHERE credit_note_id = p_credit_note_id
    FOR UPDATE;
    -- Read after the lock, so as the last refund committed it.
    SELECT
        cns.settlement,
        cns.invoice_id,
        cns.issued_at,
        i.paid_at
    INTO v_settlement, v_invoice_id, v_issued_at, v_paid_at
    FROM credit_note_settlement AS cns
    INNER JOIN invoice AS i ON cns.invoice_id = i.invoice_id
    WHERE cns.credit_note_id = v_credit_note_id; -- noqa: RF02
    IF v_settlement = 'refund_due' AND v_issued_at <= v_refunded_at AND v_paid_at < v_refunded_at
    THEN
        UPDATE credit_note
        SET settled_at = v_refunded_at
        WHERE credit_note_id = v_credit_note_id;
    ELSE
        SET v_message = CASE
            WHEN v_settlement IS NULL
                THEN CONCAT('unknown credit note ', COALESCE(p_credit_note_id, 'NULL'))
            WHEN v_settlement = 'refunded'
                THEN CONCAT('credit note ', p_credit_note_id, ' is already refunded')
            WHEN v_settlement = 'void'
                THEN CONCAT(
                    'credit note ', p_credit_note_id, ' is on void invoice ', v_invoice_id,
                    ': nothing was paid'
                )
            WHEN v_settlement = 'deducted'
                THEN CONCAT(
                    'credit note ', p_credit_note_id, ' was deducted from invoice ', v_invoice_id,
                    ', not yet paid when it was issued: nothing to refund'
                )
            WHEN v_refunded_at < v_issued_at
                THEN CONCAT(
                    'refund date ', v_refunded_at, ' is before credit note ', p_credit_note_id,
                    ' was issued (', v_issued_at, ')'
                )
            ELSE CONCAT(
                'refund date ', v_refunded_at, ' is not after invoice ', v_invoice_id,
                ' was paid (', v_paid_at, ')'
            )
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    COMMIT;
    SELECT
        credit_note_id,
        invoice_id,
        customer_id,
        amount,
        issued_at,
        settled_at AS refunded_at,
        settlement
    FROM credit_note_settlement
    WHERE credit_note_id = p_credit_note_id;
END;

-- procedure: reorder_stock
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `reorder_stock`()
    COMMENT 'Create or extend auto-generated draft purchase orders from reorder_suggestion.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_candidate_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty BIGINT;
    DECLARE v_total_qty BIGINT;
    DECLARE v_message VARCHAR(255);
    DECLARE v_shortfall_qty BIGINT;
    DECLARE v_min_order_qty INT;
    DECLARE v_order_multiple INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE v_suggestions_read BOOLEAN DEFAULT FALSE;
    DECLARE c_suggestion CURSOR FOR
        SELECT
            product_id,
            warehouse_id,
            supplier_id,
            order_qty,
            min_order_qty,
            order_multiple,
            unit_cost,
            target_qty - position_qty AS shortfall_qty
        FROM reorder_suggestion;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_suggestions_read = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_line;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_order;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_product;
    CREATE TEMPORARY TABLE tmp_reorder_line (
        product_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        supplier_id BIGINT UNSIGNED NOT NULL,
        order_qty BIGINT NOT NULL,
        shortfall_qty BIGINT NOT NULL,
        min_order_qty INT NOT NULL,
        order_multiple INT NOT NULL,
        unit_cost DECIMAL(12, 2) NOT NULL,
        purchase_order_id BIGINT UNSIGNED NULL,
        is_new_line BOOLEAN NOT NULL DEFAULT TRUE,
        PRIMARY KEY (product_id, warehouse_id)
    );
    CREATE TEMPORARY TABLE tmp_reorder_product (
        product_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
    );
    CREATE TEMPORARY TABLE tmp_reorder_order (
        supplier_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        purchase_order_id BIGINT UNSIGNED NULL,
        is_looked_up BOOLEAN NOT NULL DEFAULT FALSE,
        is_new_order BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (supplier_id, warehouse_id)
    );

    START TRANSACTION;
    -- The turn-taking write (see above): first statement of the transaction, before any read.
    INSERT INTO reorder_run (reorder_run_id, run_count, last_run_at)
    VALUES (1, 1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE run_count = run_count + 1, last_run_at = UTC_TIMESTAMP(6);

    OPEN c_suggestion;
    read_suggestions: LOOP
        FETCH c_suggestion INTO
            v_product_id, v_warehouse_id, v_supplier_id, v_qty, v_min_order_qty, -- noqa: LT02
            v_order_multiple, v_unit_cost, v_shortfall_qty; -- noqa: LT02
        IF v_suggestions_read THEN
            LEAVE read_suggestions;
        END IF;
        INSERT INTO tmp_reorder_line (
            product_id, warehouse_id, supplier_id, order_qty, shortfall_qty, min_order_qty,
            order_multiple, unit_cost
        )
        VALUES (
            v_product_id, v_warehouse_id, v_supplier_id, v_qty, v_shortfall_qty,
            v_min_order_qty, v_order_multiple, v_unit_cost
        );
    END LOOP;
    CLOSE c_suggestion;
    -- The products to order, share-locked (INSERT ... SELECT reads them as they are now and
    -- locks them): one deleted or discontinued since the cursor read is dropped, and none can
    -- be deleted or discontinued before its line is written. Without the lock a product
    -- deleted meanwhile failed the whole run on the lines' foreign key (1452).
    INSERT INTO tmp_reorder_product (product_id)
    SELECT DISTINCT p.product_id
    FROM product AS p
    INNER JOIN tmp_reorder_line AS l ON p.product_id = l.product_id
    WHERE p.is_discontinued = 0;
    DELETE FROM tmp_reorder_line
    WHERE product_id NOT IN (SELECT rp.product_id FROM tmp_reorder_product AS rp);
    INSERT INTO tmp_reorder_order (supplier_id, warehouse_id)
    SELECT DISTINCT
        supplier_id,
        warehouse_id
    FROM tmp_reorder_line;

    -- One draft per supplier and warehouse, in that order: the existing auto-generated draft
    -- or a new one. A draft with a line for a discontinued product cannot be sent and is not
    -- on order (stock_position): lines put on it would never be ordered, so it is passed by.
    -- The candidate is found with a plain read, then locked by its primary key alone and its
    -- status read again (it may have been sent or cancelled since this run's snapshot): a
    -- locking read through the (supplier, status) index locked the supplier's drafts' entries
    -- and the gaps between before their rows, the opposite order of send_purchase_order and
    -- cancel_purchase_order, which lock a draft's row and then move its entry (they
    -- deadlocked), and held up every new purchase order's insert.
    -- Every pair's existing draft is locked before any new draft is written: a new draft's
    -- insert share-locks its warehouse (the foreign key), and a run holding a warehouse so
    -- while it waited for a draft being sent, itself queued behind a change of that
    -- warehouse, closed a cycle of three.
    WHILE EXISTS (
        SELECT 1
        FROM tmp_reorder_order
        WHERE NOT is_looked_up
    ) DO
        SELECT
            supplier_id,
            warehouse_id
        INTO v_supplier_id, v_warehouse_id
        FROM tmp_reorder_order
        WHERE NOT is_looked_up
        ORDER BY supplier_id, warehouse_id
        LIMIT 1;
        SET v_purchase_order_id = NULL;
        SET v_candidate_id = 0;
        find_draft: LOOP
            SELECT MIN(purchase_order_id) INTO v_candidate_id
            FROM purchase_order
            WHERE
                supplier_id = v_supplier_id
                AND warehouse_id = v_warehouse_id
                AND status = 'draft'
                AND is_auto_generated = 1
                AND purchase_order_id > v_candidate_id
                AND NOT EXISTS (
                    SELECT 1
                    FROM purchase_order_line AS pol
                    INNER JOIN product AS p ON pol.product_id = p.product_id
                    WHERE
                        pol.purchase_order_id = purchase_order.purchase_order_id
                        AND p.is_discontinued = 1
                );
            IF v_candidate_id IS NULL THEN
                LEAVE find_draft;
            END IF;
            SET v_status = NULL;
            SELECT status INTO v_status
            FROM purchase_order
            WHERE purchase_order_id = v_candidate_id
            FOR UPDATE;
            IF v_status = 'draft' THEN
                SET v_purchase_order_id = v_candidate_id;
                LEAVE find_draft;
            END IF;
        END LOOP find_draft;
        UPDATE tmp_reorder_order
        SET purchase_order_id = v_purchase_order_id, is_looked_up = TRUE
        WHERE supplier_id = v_supplier_id AND warehouse_id = v_warehouse_id;
    END WHILE;
    WHILE EXISTS (
        SELECT 1
        FROM tmp_reorder_order
        WHERE purchase_order_id IS NULL
    ) DO
        SELECT
            supplier_id,
            warehouse_id
        INTO v_supplier_id, v_warehouse_id
        FROM tmp_reorder_order
        WHERE purchase_order_id IS NULL
        ORDER BY supplier_id, warehouse_id
        LIMIT 1;
        INSERT INTO purchase_order (supplier_id, warehouse_id, status, is_auto_generated)
        VALUES (v_supplier_id, v_warehouse_id, 'draft', 1);
        UPDATE tmp_reorder_order
        SET purchase_order_id = LAST_INSERT_ID(), is_new_order = TRUE
        WHERE supplier_id = v_supplier_id AND warehouse_id = v_warehouse_id;
    END WHILE;

    UPDATE tmp_reorder_line AS l, tmp_reorder_order AS o
    SET l.purchase_order_id = o.purchase_order_id
    WHERE l.supplier_id = o.supplier_id AND l.warehouse_id = o.warehouse_id;
    -- A product already on the draft: the line's new total is what it holds plus the
    -- shortfall, rounded up to the offer's terms. A line on them (set_supplier_offer refuses
    -- terms a draft breaks) grows by the shortfall in whole packs; one that is not (written
    -- by hand) comes back onto them, so the draft can be sent as it is.
    UPDATE tmp_reorder_line AS l, purchase_order_line AS pol
    SET
        l.is_new_line = FALSE,
        l.order_qty = CEIL(
            GREATEST(pol.ordered_qty + l.shortfall_qty, l.min_order_qty) / l.order_multiple
        ) * l.order_multiple - pol.ordered_qty
    WHERE l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id;

    -- Whole packs up to a target near the top of an INT can come to more than an order line
    -- holds: refused by name (the rows would be refused with a raw 1264).
    SET v_total_qty = NULL;
    SELECT
        l.product_id,
        l.warehouse_id,
        l.order_qty + COALESCE(pol.ordered_qty, 0) AS total_qty
    INTO v_product_id, v_warehouse_id, v_total_qty
    FROM tmp_reorder_line AS l
    LEFT JOIN purchase_order_line AS pol
        ON l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id
    WHERE l.order_qty + COALESCE(pol.ordered_qty, 0) > 2147483647
    ORDER BY l.product_id, l.warehouse_id
    LIMIT 1;
    IF v_total_qty IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' in warehouse ', v_warehouse_id, ' would be ordered ',
            v_total_qty, ', more than a line holds (2147483647): lower its target'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The line grows at the current offer's price.
    UPDATE purchase_order_line AS pol, tmp_reorder_line AS l
    SET
        pol.ordered_qty = pol.ordered_qty + l.order_qty,
        pol.unit_cost = l.unit_cost
    WHERE pol.purchase_order_id = l.purchase_order_id AND pol.product_id = l.product_id;
    -- New lines one by one with VALUES: an INSERT ... SELECT holds the table's
    -- auto-increment lock for as long as its insert waits, and a draft being written waited
    -- for that lock while holding the gap this run's insert came for (a review saw them
    -- deadlock).
    insert_new_lines: BEGIN
        DECLARE v_lines_read BOOLEAN DEFAULT FALSE;
        DECLARE c_new_line CURSOR FOR
            SELECT
                purchase_order_id,
                product_id,
                order_qty,
                unit_cost
            FROM tmp_reorder_line
            WHERE is_new_line
            ORDER BY purchase_order_id, product_id;
        DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_lines_read = TRUE;
        OPEN c_new_line;
        write_lines: LOOP
            FETCH c_new_line INTO v_purchase_order_id, v_product_id, v_qty, v_unit_cost;
            IF v_lines_read THEN
                LEAVE write_lines;
            END IF;
            INSERT INTO purchase_order_line (
                purchase_order_id, product_id, ordered_qty, unit_cost
            )
            VALUES (v_purchase_order_id, v_product_id, v_qty, v_unit_cost);
        END LOOP;
        CLOSE c_new_line;
    END insert_new_lines;

    UPDATE purchase_order AS po, tmp_reorder_order AS o
    SET
        po.expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = po.supplier_id
            WHERE pol.purchase_order_id = po.purchase_order_id
        ) DAY
    WHERE po.purchase_order_id = o.purchase_order_id;

    UPDATE reorder_run
    SET
        last_order_count = (SELECT COUNT(*) FROM tmp_reorder_order),
        last_line_count = (SELECT COUNT(*) FROM tmp_reorder_line)
    WHERE reorder_run_id = 1;
    COMMIT;

    SELECT
        l.purchase_order_id,
        o.is_new_order,
        l.supplier_id,
        l.warehouse_id,
        l.product_id,
        l.is_new_line,
        l.order_qty AS added_qty,
        pol.ordered_qty,
        pol.unit_cost,
        po.expected_date
    FROM tmp_reorder_line AS l
    INNER JOIN tmp_reorder_order AS o ON l.purchase_order_id = o.purchase_order_id
    INNER JOIN purchase_order_line AS pol
        ON l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id
    INNER JOIN purchase_order AS po ON l.purchase_order_id = po.purchase_order_id
    ORDER BY l.supplier_id, l.warehouse_id, l.product_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_line;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_order;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_product;
END;

-- procedure: reserve_sales_order_stock
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `reserve_sales_order_stock`(
    IN p_sales_order_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_direction INT
)
    SQL SECURITY INVOKER
    COMMENT 'Internal: reserve (1) or release (-1) the stock of a sales order''s lines.'
BEGIN
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_change_qty INT;
    DECLARE v_available_qty INT;
    DECLARE v_reserved_qty INT;
    DECLARE v_message VARCHAR(128);
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE c_lines CURSOR FOR
        SELECT
            product_id,
            ordered_qty * p_direction AS change_qty
        FROM sales_order_line
        WHERE sales_order_id = p_sales_order_id
        ORDER BY product_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    OPEN c_lines;
    reserve_lines: LOOP
        FETCH c_lines INTO v_product_id, v_change_qty;
        IF v_done THEN
            LEAVE reserve_lines;
        END IF;

        -- Conditional update: reserved stays between 0 and on hand, whoever else is selling.
        -- Through the primary key, the order every stock level lock takes (post_stock_movement).
        UPDATE stock_level  FORCE INDEX (PRIMARY) 
        SET reserved_qty = reserved_qty + v_change_qty
        WHERE
            product_id = v_product_id
            AND warehouse_id = p_warehouse_id
            AND reserved_qty + v_change_qty BETWEEN 0 AND on_hand_qty;

        IF ROW_COUNT() = 0 THEN
            -- Aggregates always return a row, so a missing stock level cannot end the loop.
            SELECT
                MAX(on_hand_qty - reserved_qty) AS available_qty,
                MAX(reserved_qty) AS reserved_qty
            INTO v_available_qty, v_reserved_qty
            FROM stock_level
            WHERE product_id = v_product_id AND warehouse_id = p_warehouse_id
            FOR UPDATE;
            IF v_available_qty IS NULL THEN
                SET v_message = CONCAT(
                    'product ', v_product_id, ' is not stocked in warehouse ', p_warehouse_id
                );
            ELSEIF v_change_qty > 0 THEN
                SET v_message = CONCAT(
                    'insufficient stock of product ', v_product_id, ' in warehouse ',
                    p_warehouse_id, ': ', v_available_qty, ' available, ', v_change_qty,
                    ' requested'
                );
            ELSE
                SET v_message = CONCAT(
                    'cannot release ', -v_change_qty, ' of product ', v_product_id,
                    ' in warehouse ', p_warehouse_id, ': only ', v_reserved_qty, ' reserved'
                );
            END IF;
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END LOOP;
    CLOSE c_lines;
END;

-- procedure: return_sales_order_line
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `return_sales_order_line`(
    IN p_sales_order_line_id BIGINT UNSIGNED,
    IN p_qty DOUBLE,
    IN p_reason LONGTEXT
)
    COMMENT 'Return units of a shipped order line to stock with a return movement and a credit note.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_returnable_qty INT;
    DECLARE v_stock_movement_id BIGINT UNSIGNED;
    DECLARE v_credit_note_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_qty, 'return quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('return quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- A line never moves to another order or product, so a plain read finds them.
    SELECT
        sales_order_id,
        product_id
    INTO v_sales_order_id, v_product_id
    FROM sales_order_line
    WHERE sales_order_line_id = p_sales_order_line_id;
    IF v_sales_order_id IS NULL THEN
        SET v_message = CONCAT(
            'unknown sales order line ', COALESCE(p_sales_order_line_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The order's lock first, as every change to an order and its lines takes it.
    SELECT
        status,
        warehouse_id
    INTO v_status, v_warehouse_id
    FROM sales_order
    WHERE sales_order_id = v_sales_order_id
    FOR UPDATE;
    IF v_status <> 'shipped' THEN
        SET v_message = CONCAT(
            'sales order ', v_sales_order_id, ' of line ', p_sales_order_line_id, ' is ',
            v_status, ', not shipped'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE sales_order_line
    SET returned_qty = returned_qty + p_qty
    WHERE
        sales_order_line_id = p_sales_order_line_id
        AND returned_qty + p_qty <= shipped_qty;
    IF ROW_COUNT() = 0 THEN
        SELECT shipped_qty - returned_qty INTO v_returnable_qty
        FROM sales_order_line
        WHERE sales_order_line_id = p_sales_order_line_id
        FOR UPDATE;
        SET v_message = CONCAT(
            'cannot return ', p_qty, ' of sales order line ', p_sales_order_line_id, ': only ',
            v_returnable_qty, ' shipped and not yet returned'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    CALL post_stock_movement(
        v_product_id, v_warehouse_id, 'return', p_qty, 0, p_sales_order_line_id, NULL, NULL,
        trimmed_text(p_reason)
    );
    SET v_stock_movement_id = LAST_INSERT_ID(); -- the ledger row, post_stock_movement's last insert

    INSERT INTO credit_note (invoice_id, stock_movement_id, amount, issued_at)
    SELECT
        il.invoice_id,
        v_stock_movement_id AS stock_movement_id, -- noqa: RF02
        CAST(p_qty AS SIGNED) * il.unit_price AS amount, -- noqa: RF02
        UTC_TIMESTAMP() AS issued_at
    FROM invoice_line AS il
    INNER JOIN revenue_invoice AS ri ON il.invoice_id = ri.invoice_id
    WHERE il.sales_order_line_id = p_sales_order_line_id; -- noqa: RF02
    IF ROW_COUNT() > 0 THEN
        SET v_credit_note_id = LAST_INSERT_ID();
    END IF;
    COMMIT;
    SELECT
        sol.sales_order_line_id,
        sol.shipped_qty,
        sol.returned_qty,
        sl.on_hand_qty,
        il.invoice_id,
        cns.credit_note_id,
        cns.settlement,
        COALESCE(cns.amount, 0) AS credited_amount
    FROM sales_order_line AS sol
    INNER JOIN stock_level AS sl
        ON sol.product_id = sl.product_id
    LEFT JOIN invoice_line AS il ON sol.sales_order_line_id = il.sales_order_line_id
    LEFT JOIN credit_note_settlement AS cns
        ON cns.credit_note_id = v_credit_note_id -- noqa: RF02
    WHERE
        sol.sales_order_line_id = p_sales_order_line_id -- noqa: RF02
        AND sl.warehouse_id = v_warehouse_id; -- noqa: RF02
END;

-- procedure: review_supplier
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `review_supplier`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT
)
    COMMENT 'Rate a supplier or one of its deliveries; result: the review and the supplier score.'
BEGIN
    DECLARE v_order_supplier_id BIGINT UNSIGNED;
    DECLARE v_review_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second review of a delivery (two callers may
    -- write one at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('purchase order ', p_purchase_order_id, ' is already reviewed');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_review_details(p_rating, p_reviewer_name, p_review_text, FALSE);

    START TRANSACTION;
    -- The foreign keys stay the guards; these checks only give the clear messages. An
    -- order's supplier never changes, and what was received is never taken back: plain
    -- reads decide.
    IF NOT EXISTS (
        SELECT 1 FROM supplier
        WHERE supplier_id = p_supplier_id
    ) THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_purchase_order_id IS NOT NULL THEN
        SELECT supplier_id INTO v_order_supplier_id
        FROM purchase_order
        WHERE purchase_order_id = p_purchase_order_id;
        IF v_order_supplier_id IS NULL THEN
            SET v_message = CONCAT('unknown purchase order ', p_purchase_order_id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        ELSEIF v_order_supplier_id <> p_supplier_id THEN
            SET v_message = CONCAT(
                'purchase order ', p_purchase_order_id, ' is from supplier ',
                v_order_supplier_id, ', not ', p_supplier_id
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        ELSEIF NOT EXISTS (
            SELECT 1 FROM purchase_order_line
            WHERE purchase_order_id = p_purchase_order_id AND received_qty > 0
        ) THEN
            SET v_message = CONCAT(
                'purchase order ', p_purchase_order_id, ' has no delivery to review yet'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END IF;

    INSERT INTO supplier_review (
        supplier_id, purchase_order_id, rating, review_text, reviewer_name, reviewed_at
    )
    VALUES (
        p_supplier_id,
        p_purchase_order_id,
        p_rating,
        trimmed_text(p_review_text),
        trimmed_text(p_reviewer_name),
        UTC_TIMESTAMP()
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_review_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_review_id AS supplier_review_id,
        p_supplier_id AS supplier_id,
        COUNT(*) AS review_count,
        ROUND(AVG(rating), 2) AS avg_rating
    FROM supplier_review
    WHERE supplier_id = p_supplier_id;
END;

-- procedure: sell_at_counter
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `sell_at_counter`(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
    COMMENT 'Place and ship a sales order in one transaction; returns order, invoice and total.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_total_amount DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL create_sales_order(p_customer_id, p_warehouse_id, p_lines, FALSE, v_sales_order_id);
    -- The order was inserted by this transaction, so its row is locked already.
    CALL fulfil_sales_order(
        v_sales_order_id, p_warehouse_id, FALSE, v_invoice_id, v_total_amount
    );
    COMMIT;
    SELECT
        v_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id,
        v_total_amount AS total_amount;
END;

-- procedure: send_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `send_purchase_order`(IN p_purchase_order_id BIGINT UNSIGNED)
    COMMENT 'Send a draft purchase order: status sent, ordered now, expected after the lead time.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_discontinued_product_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL lock_draft_purchase_order(
        p_purchase_order_id, 'sent', v_supplier_id, v_warehouse_id
    );
    -- The supplier and the warehouse under a shared lock: neither can be stopped or closed
    -- before the order is sent. (Read with the order FOR UPDATE, the supplier's row was
    -- locked exclusively, so sendings to one supplier, and drafts written for it, queued.)
    CALL check_purchase_order_parties(p_purchase_order_id, v_supplier_id, v_warehouse_id);
    SELECT MIN(pol.product_id) INTO v_discontinued_product_id
    FROM purchase_order_line AS pol
    INNER JOIN product AS p ON pol.product_id = p.product_id
    WHERE pol.purchase_order_id = p_purchase_order_id AND p.is_discontinued = 1;
    IF v_discontinued_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_discontinued_product_id, ' on purchase order ', p_purchase_order_id,
            ' is discontinued and can no longer be ordered'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    UPDATE purchase_order
    SET
        status = 'sent',
        ordered_at = UTC_TIMESTAMP(),
        expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = v_supplier_id
            WHERE pol.purchase_order_id = p_purchase_order_id
        ) DAY
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    SELECT
        purchase_order_id,
        supplier_id,
        warehouse_id,
        status,
        ordered_at,
        expected_date
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id;
END;

-- procedure: set_purchase_order_line
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `set_purchase_order_line`(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_product_id BIGINT UNSIGNED,
    IN p_qty DOUBLE
)
    COMMENT 'Set the quantity of a product on a draft purchase order; 0 takes its line off.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_reorder_runs INT;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_line_count INT;
    DECLARE v_has_line BOOLEAN;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = COALESCE(
        whole_number_problem(p_qty, 'qty'),
        IF(
            p_qty IS NULL OR p_qty < 0,
            CONCAT('qty must be 0 (take the line off) or more, got ', COALESCE(p_qty, 'NULL')),
            NULL
        )
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- No product has id 0; read_purchase_lines would call it a bad "line 1".
    IF COALESCE(p_product_id, 0) = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    CALL lock_draft_purchase_order(
        p_purchase_order_id, 'changed', v_supplier_id, v_warehouse_id
    );
    -- A plain read, the first of the transaction, so its snapshot comes after the draft's
    -- lock: every procedure that writes a draft's lines locks the draft first.
    SELECT
        COUNT(*) AS line_count,
        COALESCE(MAX(product_id = p_product_id), FALSE) AS has_line
    INTO v_line_count, v_has_line
    FROM purchase_order_line
    WHERE purchase_order_id = p_purchase_order_id;

    IF p_qty = 0 THEN
        IF NOT v_has_line THEN
            SET v_message = CONCAT(
                'product ', p_product_id, ' is not on purchase order ', p_purchase_order_id
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF v_line_count = 1 THEN
            SET v_message = CONCAT(
                'product ', p_product_id, ' is the last line of purchase order ',
                p_purchase_order_id, ': cancel the draft instead'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        DELETE FROM purchase_order_line
        WHERE purchase_order_id = p_purchase_order_id AND product_id = p_product_id;
    ELSE
        CALL check_purchase_order_parties(p_purchase_order_id, v_supplier_id, v_warehouse_id);
        -- Cast, both: MariaDB writes a BIGINT UNSIGNED parameter into JSON as a string.
        CALL read_purchase_lines(
            JSON_ARRAY(
                JSON_OBJECT(
                    'product_id', CAST(p_product_id AS UNSIGNED), 'qty', CAST(p_qty AS SIGNED)
                )
            )
        );
        CALL check_purchase_lines(v_supplier_id, v_warehouse_id);
        -- The offer as it is now (a locking read; check_purchase_lines share-locked it). The
        -- line is written with VALUES: an INSERT ... SELECT would hold the table's
        -- auto-increment lock for as long as its insert waited.
        SELECT unit_cost INTO v_unit_cost
        FROM product_supplier
        WHERE product_id = p_product_id AND supplier_id = v_supplier_id
        LOCK IN SHARE MODE;
        IF v_has_line THEN
            UPDATE purchase_order_line
            SET ordered_qty = p_qty, unit_cost = v_unit_cost
            WHERE purchase_order_id = p_purchase_order_id AND product_id = p_product_id;
        ELSE
            INSERT INTO purchase_order_line (
                purchase_order_id, product_id, ordered_qty, unit_cost
            )
            VALUES (p_purchase_order_id, p_product_id, p_qty, v_unit_cost);
        END IF;
    END IF;

    UPDATE purchase_order
    SET
        expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = v_supplier_id
            WHERE pol.purchase_order_id = p_purchase_order_id
        ) DAY
    WHERE purchase_order_id = p_purchase_order_id;
    COMMIT;

    CALL show_purchase_order(p_purchase_order_id);
    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
END;

-- procedure: set_reorder_parameters
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `set_reorder_parameters`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
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

    CALL check_session_time_zone();

    CALL check_reorder_parameters(p_reorder_point_qty, p_reorder_qty);

    START TRANSACTION;
    -- Share-locked, the warehouse first as a sale takes them: neither can be deleted,
    -- discontinued or closed before a stock level written for them commits.
    SELECT is_active INTO v_is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    LOCK IN SHARE MODE;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id
    LOCK IN SHARE MODE;
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
        IF v_is_active IS NULL THEN
            SET v_message = CONCAT('unknown warehouse ', p_warehouse_id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        -- Through the primary key, the order every stock level lock takes (post_stock_movement).
        UPDATE stock_level  FORCE INDEX (PRIMARY) 
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

-- procedure: set_supplier_active
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `set_supplier_active`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_is_active DOUBLE
)
    COMMENT 'Stop (0) or resume (1) buying from a supplier; result: the supplier.'
BEGIN
    DECLARE v_was_active BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE v_reorder_runs INT;
    DECLARE v_auto_drafts_cancelled INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = flag_problem(p_is_active, 'active', 'stop buying', 'buy again');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;

    -- Auto drafts of a supplier that is, or was until now, inactive are stale: stopped, it
    -- gets none, as reorder_stock writes to active suppliers only, so what it still has is
    -- left from before a stop made by hand (an UPDATE) and may have been ordered elsewhere
    -- since; the next run orders what is still short. A plain read decides; the supplier is
    -- locked below, after its drafts.
    SELECT is_active INTO v_was_active
    FROM supplier
    WHERE supplier_id = p_supplier_id;
    IF p_is_active = 0 OR v_was_active = 0 THEN
        CALL cancel_auto_drafts(p_supplier_id, NULL, v_auto_drafts_cancelled);
    END IF;

    SET v_was_active = NULL;
    SELECT is_active INTO v_was_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_was_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier
    SET is_active = p_is_active
    WHERE supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        supplier_id,
        name,
        v_was_active AS was_active,
        is_active,
        v_auto_drafts_cancelled AS auto_drafts_cancelled
    FROM supplier
    WHERE supplier_id = p_supplier_id;
END;

-- procedure: set_supplier_offer
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `set_supplier_offer`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_supplier_sku LONGTEXT,
    IN p_unit_cost DOUBLE,
    IN p_lead_time_days DOUBLE,
    IN p_min_order_qty DOUBLE,
    IN p_order_multiple DOUBLE,
    IN p_is_preferred DOUBLE
)
    COMMENT 'Add a supplier offer for a product or change its terms; result: the offer.'
BEGIN
    DECLARE v_supplier_sku LONGTEXT;
    DECLARE v_reorder_runs INT;
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_supplier_is_active BOOLEAN;
    DECLARE v_error TEXT;
    DECLARE v_sku_product_id BIGINT UNSIGNED;
    DECLARE v_offer_count INT;
    DECLARE v_was_preferred BOOLEAN;
    DECLARE v_others_unpreferred INT DEFAULT 0;
    DECLARE v_draft_id BIGINT UNSIGNED;
    DECLARE v_draft_qty INT;
    DECLARE v_draft_status VARCHAR(20);
    DECLARE v_message VARCHAR(255);
    -- The unique key (supplier, SKU) is the guard against a SKU the supplier uses for another
    -- product (on a cluster, two nodes may write it at once); its error is put in words. Any
    -- other key's is passed on as it is.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        GET DIAGNOSTICS CONDITION 1 v_error = MESSAGE_TEXT;
        ROLLBACK;
        IF LOCATE('uq_product_supplier__supplier_id_supplier_sku', v_error) = 0 THEN
            RESIGNAL;
        END IF;
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' already uses SKU ', LEFT(QUOTE(v_supplier_sku), 60),
            ' for another product'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = COALESCE(
        text_length_problem(p_supplier_sku, 'supplier SKU', 60),
        blank_text_problem(p_supplier_sku, 'supplier SKU'),
        control_character_problem(p_supplier_sku, 'supplier SKU'),
        IF(
            p_unit_cost IS NULL OR p_unit_cost < 0.01,
            CONCAT('unit cost must be 0.01 or more, got ', COALESCE(p_unit_cost, 'NULL')),
            amount_problem(p_unit_cost, 'unit cost')
        ),
        IF(
            p_lead_time_days IS NULL OR p_lead_time_days NOT BETWEEN 0 AND 32767
            OR p_lead_time_days <> FLOOR(p_lead_time_days),
            CONCAT(
                'lead time must be a whole number of days from 0 to 32767, got ',
                COALESCE(p_lead_time_days, 'NULL')
            ),
            NULL
        ),
        whole_number_problem(p_min_order_qty, 'minimum order quantity'),
        IF(
            p_min_order_qty IS NULL OR p_min_order_qty < 1,
            CONCAT(
                'minimum order quantity must be 1 or more, got ', COALESCE(p_min_order_qty, 'NULL')
            ),
            NULL
        ),
        whole_number_problem(p_order_multiple, 'order multiple'),
        IF(
            p_order_multiple IS NULL OR p_order_multiple < 1,
            CONCAT('order multiple must be 1 or more, got ', COALESCE(p_order_multiple, 'NULL')),
            NULL
        ),
        -- The smallest order on these terms must fit an order line (an INT).
        IF(
            CEIL(p_min_order_qty / p_order_multiple) * p_order_multiple > 2147483647,
            CONCAT(
                'a minimum of ', p_min_order_qty, ' in whole packs of ', p_order_multiple,
                ' is more than an order line holds (2147483647)'
            ),
            NULL
        ),
        flag_problem(p_is_preferred, 'preferred', 'not preferred', 'buy from this offer first')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_supplier_sku = trimmed_text(p_supplier_sku);

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    -- Share-locked, as the foreign key would lock it, so that it is not stopped meanwhile.
    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_is_discontinued = 1 THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is discontinued and takes no supplier offers'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_supplier_is_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- Plain reads from here: the locks above make every writer of this product's offers wait.
    SELECT
        COUNT(*) AS offer_count,
        COALESCE(MAX(is_preferred), 0) AS was_preferred
    INTO v_offer_count, v_was_preferred
    FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    IF v_supplier_is_active = 0 AND p_is_preferred = 1 AND v_was_preferred = 0 THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' is inactive: resume it before making its offer preferred'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT MIN(product_id) INTO v_sku_product_id
    FROM product_supplier
    WHERE
        supplier_id = p_supplier_id
        AND supplier_sku = v_supplier_sku
        AND product_id <> p_product_id;
    IF v_sku_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' already uses SKU ', LEFT(QUOTE(v_supplier_sku), 60),
            ' for product ', v_sku_product_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- create_purchase_order share-locks the product before it writes a draft from the offer,
    -- and reorder_stock holds the reorder_run row: this read sees every draft they wrote. A
    -- draft it finds is then locked by primary key and its status read again: one being sent
    -- at this moment is waited for and, once sent, passed by (sending shares the supplier, so
    -- nothing else makes this call wait for it). The offer is not locked yet, which a sending
    -- reads with a shared lock.
    SET v_draft_id = 0;
    find_draft: LOOP
        SELECT MIN(po.purchase_order_id) INTO v_draft_id
        FROM purchase_order AS po
        INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
        WHERE
            po.supplier_id = p_supplier_id
            AND po.status = 'draft'
            AND po.purchase_order_id > v_draft_id
            AND pol.product_id = p_product_id
            AND (
                pol.ordered_qty < p_min_order_qty
                OR MOD(pol.ordered_qty, p_order_multiple) <> 0
            );
        IF v_draft_id IS NULL THEN
            LEAVE find_draft;
        END IF;
        SET v_draft_status = NULL;
        SELECT status INTO v_draft_status
        FROM purchase_order
        WHERE purchase_order_id = v_draft_id
        FOR UPDATE;
        IF v_draft_status = 'draft' THEN
            SELECT ordered_qty INTO v_draft_qty
            FROM purchase_order_line
            WHERE purchase_order_id = v_draft_id AND product_id = p_product_id;
            SET v_message = CONCAT(
                'draft purchase order ', v_draft_id, ' orders ', v_draft_qty, ' of product ',
                p_product_id,
                IF(
                    v_draft_qty < p_min_order_qty,
                    CONCAT(', under the minimum ', p_min_order_qty),
                    CONCAT(', not a multiple of ', p_order_multiple)
                ),
                ': change or cancel it first'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END LOOP find_draft;

    IF v_offer_count = 0 THEN
        INSERT INTO product_supplier (
            product_id, supplier_id, supplier_sku, unit_cost, lead_time_days, min_order_qty,
            order_multiple, is_preferred
        )
        VALUES (
            p_product_id, p_supplier_id, v_supplier_sku, p_unit_cost, p_lead_time_days,
            p_min_order_qty, p_order_multiple, p_is_preferred
        );
    ELSE
        UPDATE product_supplier
        SET
            supplier_sku = v_supplier_sku,
            unit_cost = p_unit_cost,
            lead_time_days = p_lead_time_days,
            min_order_qty = p_min_order_qty,
            order_multiple = p_order_multiple,
            is_preferred = p_is_preferred
        WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    END IF;
    -- An inactive supplier's offer kept preferred takes that from no active supplier's.
    IF p_is_preferred = 1 AND v_supplier_is_active = 1 THEN
        UPDATE product_supplier
        SET is_preferred = 0
        WHERE product_id = p_product_id AND supplier_id <> p_supplier_id AND is_preferred = 1;
        SET v_others_unpreferred = ROW_COUNT();
    END IF;
    COMMIT;

    SELECT
        ps.product_id,
        ps.supplier_id,
        ps.supplier_sku,
        ps.unit_cost,
        ps.lead_time_days,
        ps.min_order_qty,
        ps.order_multiple,
        ps.is_preferred,
        v_others_unpreferred AS others_no_longer_preferred,
        rs.supplier_id AS reorder_supplier_id,
        v_offer_count = 0 AS is_new_offer
    FROM product_supplier AS ps
    LEFT JOIN reorder_supplier AS rs ON ps.product_id = rs.product_id
    WHERE ps.product_id = p_product_id AND ps.supplier_id = p_supplier_id;
END;

-- procedure: set_warehouse_active
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `set_warehouse_active`(
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_is_active DOUBLE
)
    COMMENT 'Close (0) or reopen (1) a warehouse; result: the warehouse and what is left in it.'
BEGIN
    DECLARE v_was_active BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE v_reorder_runs INT;
    DECLARE v_auto_drafts_cancelled INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = flag_problem(p_is_active, 'active', 'close the warehouse', 'open it again');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;

    -- Auto drafts for a warehouse that is, or was until now, closed are stale: closed, it
    -- gets none, as reorder_stock orders for active warehouses only, so what it still has is
    -- left from before a closing made by hand (an UPDATE). A plain read decides; the
    -- warehouse is locked below, after its drafts.
    SELECT is_active INTO v_was_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id;
    IF p_is_active = 0 OR v_was_active = 0 THEN
        CALL cancel_auto_drafts(NULL, p_warehouse_id, v_auto_drafts_cancelled);
    END IF;

    SET v_was_active = NULL;
    SELECT is_active INTO v_was_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_was_active IS NULL THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE warehouse
    SET is_active = p_is_active
    WHERE warehouse_id = p_warehouse_id;
    COMMIT;

    SELECT
        w.warehouse_id,
        w.code,
        v_was_active AS was_active,
        w.is_active,
        v_auto_drafts_cancelled AS auto_drafts_cancelled,
        (
            SELECT COUNT(*)
            FROM sales_order AS so
            WHERE so.warehouse_id = w.warehouse_id AND so.status = 'open'
        ) AS open_sales_orders,
        (
            SELECT COUNT(*)
            FROM purchase_order AS po
            WHERE po.warehouse_id = w.warehouse_id AND po.status = 'draft'
        ) AS drafts_left,
        (
            SELECT COUNT(*)
            FROM purchase_order AS po
            WHERE
                po.warehouse_id = w.warehouse_id
                AND po.status IN ('sent', 'partially_received')
        ) AS purchase_orders_due,
        (
            SELECT COALESCE(SUM(sl.on_hand_qty), 0)
            FROM stock_level AS sl
            WHERE sl.warehouse_id = w.warehouse_id
        ) AS on_hand_qty
    FROM warehouse AS w
    WHERE w.warehouse_id = p_warehouse_id;
END;

-- procedure: ship_sales_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `ship_sales_order`(
    IN p_sales_order_id BIGINT UNSIGNED
)
    COMMENT 'Ship an open sales order and invoice it; returns the invoice id and total.'
BEGIN
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_warehouse_is_active BOOLEAN;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_total_amount DECIMAL(12, 2);
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL lock_open_sales_order(p_sales_order_id, v_warehouse_id);
    -- A shared lock, as every sale in the warehouse takes one: sales do not wait for it, and
    -- the warehouse cannot be made inactive before this shipment commits.
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = v_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', v_warehouse_id, ' of sales order ', p_sales_order_id,
            ' is inactive: nothing ships from it (cancel the order, place it elsewhere)'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL fulfil_sales_order(
        p_sales_order_id, v_warehouse_id, TRUE, v_invoice_id, v_total_amount
    );
    COMMIT;
    SELECT
        p_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id,
        v_total_amount AS total_amount;
END;

-- procedure: show_purchase_order
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `show_purchase_order`(IN p_purchase_order_id BIGINT UNSIGNED)
    SQL SECURITY INVOKER
    COMMENT 'Internal: a purchase order and its lines, as the purchase procedures return them.'
BEGIN
    SELECT
        po.purchase_order_id,
        po.status,
        po.expected_date,
        pol.purchase_order_line_id,
        pol.product_id,
        pol.ordered_qty,
        pol.unit_cost,
        pol.ordered_qty * pol.unit_cost AS line_cost
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE po.purchase_order_id = p_purchase_order_id
    ORDER BY pol.product_id;
END;

-- procedure: transfer_stock
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `transfer_stock`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_from_warehouse_id BIGINT UNSIGNED,
    IN p_to_warehouse_id BIGINT UNSIGNED,
    IN p_qty DOUBLE,
    IN p_reason LONGTEXT
)
    COMMENT 'Move units between warehouses: a negative and a positive transfer movement.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_first_warehouse_id BIGINT UNSIGNED;
    DECLARE v_second_warehouse_id BIGINT UNSIGNED;
    DECLARE v_missing_warehouse_id BIGINT UNSIGNED;
    DECLARE v_locked_rows INT;
    DECLARE v_to_is_active BOOLEAN;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = whole_number_problem(p_qty, 'transfer quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_qty IS NULL OR p_qty <= 0 THEN
        SET v_message = CONCAT('transfer quantity must be positive, got ', COALESCE(p_qty, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id IS NULL OR p_to_warehouse_id IS NULL THEN
        SET v_message = CONCAT(
            'a transfer needs both warehouses, got from ', COALESCE(p_from_warehouse_id, 'NULL'),
            ' to ', COALESCE(p_to_warehouse_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_from_warehouse_id = p_to_warehouse_id THEN
        SET v_message = CONCAT('cannot transfer within warehouse ', p_from_warehouse_id);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(p_reason, 'reason', 255);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    -- Both warehouses are read with a shared lock, in id order, before the stock, as a sale
    -- reads its warehouse first: the destination cannot be made inactive before this transfer
    -- commits. The source's lock was left to the foreign key of the ledger row, taken after
    -- the stock rows, and a warehouse change waiting for it closed a deadlock with a sale.
    SELECT MAX(IF(warehouse_id = p_to_warehouse_id, is_active, NULL)) INTO v_to_is_active
    FROM warehouse
    WHERE warehouse_id IN (p_from_warehouse_id, p_to_warehouse_id)
    LOCK IN SHARE MODE;
    IF v_to_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', p_to_warehouse_id, ' is inactive: it cannot receive a transfer'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
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
            'product ', COALESCE(p_product_id, 'NULL'), ' is not stocked in warehouse ',
            v_missing_warehouse_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL post_stock_movement(
        p_product_id, p_from_warehouse_id, 'transfer', -p_qty, 0, NULL, NULL, p_to_warehouse_id,
        trimmed_text(p_reason)
    );
    CALL post_stock_movement(
        p_product_id, p_to_warehouse_id, 'transfer', p_qty, 0, NULL, NULL, p_from_warehouse_id,
        trimmed_text(p_reason)
    );
    COMMIT;
END;

-- procedure: update_category
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_category`(
    IN p_category_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_description LONGTEXT
)
    COMMENT 'Rename a category or change its description (NULL keeps); result: the category.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second category of the name; its error is put
    -- in words (only a name given can clash).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'category ', LEFT(QUOTE(trimmed_text(p_name)), 60), ' already exists'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_name IS NULL AND p_description IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for category ', COALESCE(p_category_id, 'NULL'),
            ': give a name or a description'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = COALESCE(
        text_length_problem(p_name, 'category name', 100),
        text_length_problem(p_description, 'description', 500),
        IF(p_name IS NULL, NULL, blank_text_problem(p_name, 'category name'))
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM category
    WHERE category_id = p_category_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown category ', COALESCE(p_category_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE category
    SET
        name = COALESCE(trimmed_text(p_name), name),
        description = IF(p_description IS NULL, description, trimmed_text(p_description))
    WHERE category_id = p_category_id;
    COMMIT;

    SELECT
        category_id,
        name,
        parent_category_id,
        description
    FROM category
    WHERE category_id = p_category_id;
END;

-- procedure: update_customer
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_customer`(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_postal_code LONGTEXT
)
    COMMENT 'Change the details given of a customer (NULL keeps, blank clears); result: the customer.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second customer with the address; its error is
    -- put in words (when no address was given, the clash is another key's: passed on).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        IF p_email IS NULL THEN
            RESIGNAL;
        END IF;
        SET v_message = CONCAT(
            'e-mail ', LEFT(QUOTE(trimmed_text(p_email)), 60), ' is already a customer''s'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF COALESCE(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code
    ) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for customer ', COALESCE(p_customer_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_customer_details(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code, TRUE
    );

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM customer
    WHERE customer_id = p_customer_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown customer ', COALESCE(p_customer_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE customer
    SET
        name = COALESCE(trimmed_text(p_name), name),
        email = COALESCE(trimmed_text(p_email), email),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        phone = IF(p_phone IS NULL, phone, trimmed_text(p_phone)),
        address_line = IF(p_address_line IS NULL, address_line, trimmed_text(p_address_line)),
        city = IF(p_city IS NULL, city, trimmed_text(p_city)),
        postal_code = IF(p_postal_code IS NULL, postal_code, trimmed_text(p_postal_code))
    WHERE customer_id = p_customer_id;
    COMMIT;

    SELECT
        customer_id,
        name,
        email,
        country_code,
        phone,
        address_line,
        city,
        postal_code
    FROM customer
    WHERE customer_id = p_customer_id;
END;

-- procedure: update_product
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_product`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_category_id BIGINT UNSIGNED,
    IN p_unit_price DOUBLE
)
    COMMENT 'Change name, category and/or list price of a product (NULL keeps); result: the product.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_name IS NULL AND p_category_id IS NULL AND p_unit_price IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for product ', COALESCE(p_product_id, 'NULL'),
            ': give a name, category or price'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A NULL name keeps the current one; a given name must be a sound one.
    IF p_name IS NOT NULL THEN
        CALL check_product_name(p_name);
    END IF;
    IF p_unit_price < 0 THEN
        SET v_message = CONCAT('unit price must be 0 or more, got ', p_unit_price);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = amount_problem(p_unit_price, 'unit price');
    IF v_message IS NOT NULL THEN
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
        name = COALESCE(trimmed_text(p_name), name),
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

-- procedure: update_supplier
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_supplier`(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT
)
    COMMENT 'Change the details given of a supplier (NULL keeps, blank clears); result: the supplier.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second supplier of the name; its error is put in
    -- words (when no name was given, the clash is another key's: passed on).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        IF p_name IS NULL THEN
            RESIGNAL;
        END IF;
        SET v_message = CONCAT(
            'supplier ', LEFT(QUOTE(trimmed_text(p_name)), 60), ' already exists'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF COALESCE(
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city
    ) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for supplier ', COALESCE(p_supplier_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_supplier_details(
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city, TRUE
    );

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM supplier
    WHERE supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier
    SET
        name = COALESCE(trimmed_text(p_name), name),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        contact_name = IF(p_contact_name IS NULL, contact_name, trimmed_text(p_contact_name)),
        email = IF(p_email IS NULL, email, trimmed_text(p_email)),
        phone = IF(p_phone IS NULL, phone, trimmed_text(p_phone)),
        address_line = IF(p_address_line IS NULL, address_line, trimmed_text(p_address_line)),
        city = IF(p_city IS NULL, city, trimmed_text(p_city))
    WHERE supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        supplier_id,
        name,
        country_code,
        contact_name,
        email,
        phone,
        address_line,
        city,
        is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id;
END;

-- procedure: update_supplier_review
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_supplier_review`(
    IN p_supplier_review_id BIGINT UNSIGNED,
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT
)
    COMMENT 'Correct a review''s rating, reviewer or words (NULL keeps); result: review, score.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_rating IS NULL AND p_reviewer_name IS NULL AND p_review_text IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for supplier review ', COALESCE(p_supplier_review_id, 'NULL'),
            ': give a rating, reviewer or text'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_review_details(p_rating, p_reviewer_name, p_review_text, TRUE);

    START TRANSACTION;
    SELECT MAX(supplier_id) INTO v_supplier_id
    FROM supplier_review
    WHERE supplier_review_id = p_supplier_review_id
    FOR UPDATE;
    IF v_supplier_id IS NULL THEN
        SET v_message = CONCAT(
            'unknown supplier review ', COALESCE(p_supplier_review_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier_review
    SET
        rating = COALESCE(p_rating, rating),
        reviewer_name = COALESCE(trimmed_text(p_reviewer_name), reviewer_name),
        review_text = IF(p_review_text IS NULL, review_text, trimmed_text(p_review_text))
    WHERE supplier_review_id = p_supplier_review_id;
    COMMIT;

    WITH score AS (
        SELECT
            COUNT(*) AS review_count,
            ROUND(AVG(rating), 2) AS avg_rating
        FROM supplier_review
        WHERE supplier_id = v_supplier_id
    )

    SELECT
        r.supplier_review_id,
        r.supplier_id,
        r.purchase_order_id,
        r.rating,
        r.reviewer_name,
        r.review_text,
        score.review_count,
        score.avg_rating
    FROM supplier_review AS r
    CROSS JOIN score
    WHERE r.supplier_review_id = p_supplier_review_id;
END;

-- procedure: update_warehouse
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `update_warehouse`(
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT
)
    COMMENT 'Change the details given of a warehouse (NULL keeps, blank clears); result: it.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second warehouse with the code; its error is put
    -- in words (only a code given can clash).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'warehouse code ', LEFT(QUOTE(trimmed_text(p_code)), 30), ' is already in use'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF COALESCE(p_code, p_name, p_country_code, p_city) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for warehouse ', COALESCE(p_warehouse_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_warehouse_details(p_code, p_name, p_country_code, p_city, TRUE);

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE warehouse
    SET
        code = COALESCE(trimmed_text(p_code), code),
        name = COALESCE(trimmed_text(p_name), name),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        city = IF(p_city IS NULL, city, trimmed_text(p_city))
    WHERE warehouse_id = p_warehouse_id;
    COMMIT;

    SELECT
        warehouse_id,
        code,
        name,
        country_code,
        city,
        is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id;
END;

-- procedure: void_invoice
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `void_invoice`(
    IN p_invoice_id BIGINT UNSIGNED
)
    COMMENT 'Void an issued invoice: kept on record, no longer owed nor counted as revenue.'
BEGIN
    DECLARE v_status VARCHAR(10);
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    UPDATE invoice
    SET status = 'void'
    WHERE invoice_id = p_invoice_id AND status = 'issued';
    IF ROW_COUNT() = 0 THEN
        SELECT status INTO v_status
        FROM invoice
        WHERE invoice_id = p_invoice_id;
        SET v_message = CASE
            WHEN v_status IS NULL
                THEN CONCAT('unknown invoice ', COALESCE(p_invoice_id, 'NULL'))
            WHEN v_status = 'paid'
                THEN CONCAT('invoice ', p_invoice_id, ' is paid and cannot be voided')
            ELSE CONCAT('invoice ', p_invoice_id, ' is already void')
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    COMMIT;
    SELECT
        invoice_id,
        sales_order_id,
        status,
        total_amount,
        issued_at
    FROM invoice
    WHERE invoice_id = p_invoice_id;
END;

-- procedure: withdraw_supplier_offer
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE PROCEDURE `withdraw_supplier_offer`(
    IN p_product_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED
)
    COMMENT 'Remove a supplier offer for a product; result: who reordering now buys it from.'
BEGIN
    DECLARE v_reorder_runs INT;
    DECLARE v_product_found INT;
    DECLARE v_offer_found INT;
    DECLARE v_draft_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    SELECT COUNT(*) INTO v_product_found
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_product_found = 0 THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT COUNT(*) INTO v_offer_found
    FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_offer_found = 0 THEN
        SET v_message = CONCAT(
            'supplier ', COALESCE(p_supplier_id, 'NULL'), ' makes no offer for product ',
            p_product_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- A plain read, the first of the transaction, so its snapshot comes after the locks.
    SELECT MIN(po.purchase_order_id) INTO v_draft_id
    FROM purchase_order AS po
    INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
    WHERE
        po.supplier_id = p_supplier_id
        AND po.status = 'draft'
        AND pol.product_id = p_product_id;
    IF v_draft_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is on draft purchase order ', v_draft_id,
            ' of supplier ', p_supplier_id, ': take it off or cancel the draft first'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    DELETE FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        p_product_id AS product_id,
        p_supplier_id AS withdrawn_supplier_id,
        (
            SELECT rs.supplier_id
            FROM reorder_supplier AS rs
            WHERE rs.product_id = p_product_id
        ) AS reorder_supplier_id;
END;

-- function: amount_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `amount_problem`(p_value DOUBLE,
    p_what VARCHAR(64)
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with an amount in words, or NULL when DECIMAL(12, 2) holds it.'
BEGIN
    IF p_value < 0 OR p_value > 9999999999.99 OR p_value <> ROUND(p_value, 2) THEN
        RETURN CONCAT(
            p_what, ' must be an amount from 0 to 9999999999.99 with 2 decimals at most, got ',
            p_value
        );
    END IF;
    RETURN NULL;
END;

-- function: blank_text_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `blank_text_problem`(p_value LONGTEXT,
    p_what VARCHAR(64)
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a blank text in words, or NULL when something is left.'
BEGIN
    IF trimmed_text(p_value) IS NULL THEN
        RETURN CONCAT(
            p_what, ' must not be blank, got ', LEFT(QUOTE(p_value), 60)
        );
    END IF;
    RETURN NULL;
END;

-- function: control_character_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `control_character_problem`(p_value LONGTEXT,
    p_what VARCHAR(64)
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a control character inside a code in words, or NULL.'
BEGIN
    -- A variable, not the function's result, meets the pattern: its collation, the
    -- database's, then wins over the literal's, the creating session's.
    DECLARE v_code LONGTEXT DEFAULT trimmed_text(p_value);

    IF
        v_code REGEXP '[[:cntrl:]]'
        OR LOCATE(UNHEX('E280A8'), CAST(CONVERT(v_code USING utf8mb4) AS BINARY)) > 0
        OR LOCATE(UNHEX('E280A9'), CAST(CONVERT(v_code USING utf8mb4) AS BINARY)) > 0
    THEN
        RETURN CONCAT(
            p_what, ' must not hold a tab, line break or other control character, got ',
            LEFT(QUOTE(p_value), 40)
        );
    END IF;
    RETURN NULL;
END;

-- function: country_code_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `country_code_problem`(p_country_code LONGTEXT
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a country code in words, or NULL when it is two letters.'
BEGIN
    DECLARE v_country_code LONGTEXT DEFAULT UPPER(TRIM(p_country_code));

    IF
        v_country_code IS NULL
        OR CHAR_LENGTH(v_country_code) <> 2
        OR v_country_code COLLATE utf8mb4_bin REGEXP '[^A-Z]'
    THEN
        RETURN CONCAT(
            'country code must be two letters (ISO 3166-1, such as GB), got ',
            LEFT(QUOTE(p_country_code), 40)
        );
    END IF;
    RETURN NULL;
END;

-- function: email_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `email_problem`(p_email LONGTEXT
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with an e-mail address in words, or NULL when it looks like one.'
BEGIN
    DECLARE v_email LONGTEXT DEFAULT trimmed_text(p_email);

    IF
        v_email IS NULL
        OR v_email REGEXP '[[:space:][:cntrl:]]'
        OR v_email NOT REGEXP '^[^@]+@[^@]+[.][^@]+$'
    THEN
        RETURN CONCAT(
            'e-mail must look like name@example.com, got ',
            LEFT(QUOTE(p_email), 60)
        );
    END IF;
    RETURN NULL;
END;

-- function: flag_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `flag_problem`(p_value DOUBLE,
    p_what VARCHAR(64),
    p_zero_means VARCHAR(64),
    p_one_means VARCHAR(64)
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a flag that is not 0 or 1 in words, or NULL.'
BEGIN
    IF p_value IS NULL OR p_value NOT IN (0, 1) THEN
        RETURN CONCAT(
            p_what, ' must be 0 (', p_zero_means, ') or 1 (', p_one_means, '), got ',
            COALESCE(p_value, 'NULL')
        );
    END IF;
    RETURN NULL;
END;

-- function: normal_quantile
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `normal_quantile`(p_probability DOUBLE) RETURNS double
    NO SQL
    DETERMINISTIC
    COMMENT 'Inverse standard normal CDF: the z with P(Z <= z) = p, for 0 < p < 1; NULL outside.'
BEGIN
    -- Below v_p_low (and above 1 - v_p_low) the tail formula is the accurate one.
    DECLARE v_p_low DOUBLE DEFAULT 0.02425;
    DECLARE v_q DOUBLE;
    DECLARE v_r DOUBLE;
    DECLARE v_num DOUBLE;
    DECLARE v_den DOUBLE;

    IF p_probability IS NULL OR p_probability <= 0 OR p_probability >= 1 THEN
        RETURN NULL;
    END IF;

    IF p_probability < v_p_low OR p_probability > 1 - v_p_low THEN
        -- Tails: v_q = sqrt(-2 ln(tail probability)); the upper tail mirrors the lower one.
        SET v_q = SQRT(-2 * LN(LEAST(p_probability, 1 - p_probability)));
        SET v_num = -7.784894002430293e-03;
        SET v_num = v_num * v_q - 3.223964580411365e-01;
        SET v_num = v_num * v_q - 2.400758277161838e+00;
        SET v_num = v_num * v_q - 2.549732539343734e+00;
        SET v_num = v_num * v_q + 4.374664141464968e+00;
        SET v_num = v_num * v_q + 2.938163982698783e+00;
        SET v_den = 7.784695709041462e-03;
        SET v_den = v_den * v_q + 3.224671290700398e-01;
        SET v_den = v_den * v_q + 2.445134137142996e+00;
        SET v_den = v_den * v_q + 3.754408661907416e+00;
        SET v_den = v_den * v_q + 1;
        RETURN IF(p_probability < v_p_low, 1, -1) * v_num / v_den;
    END IF;

    -- Central region: a rational function of v_r = (p_probability - 0.5)^2, times (p_probability - 0.5).
    SET v_q = p_probability - 0.5;
    SET v_r = v_q * v_q;
    SET v_num = -3.969683028665376e+01;
    SET v_num = v_num * v_r + 2.209460984245205e+02;
    SET v_num = v_num * v_r - 2.759285104469687e+02;
    SET v_num = v_num * v_r + 1.383577518672690e+02;
    SET v_num = v_num * v_r - 3.066479806614716e+01;
    SET v_num = v_num * v_r + 2.506628277459239e+00;
    SET v_den = -5.447609879822406e+01;
    SET v_den = v_den * v_r + 1.615858368580409e+02;
    SET v_den = v_den * v_r - 1.556989798598866e+02;
    SET v_den = v_den * v_r + 6.680131188771972e+01;
    SET v_den = v_den * v_r - 1.328068155288572e+01;
    SET v_den = v_den * v_r + 1;
    RETURN v_num * v_q / v_den;
END;

-- function: sales_order_line_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `sales_order_line_problem`(p_line LONGTEXT,
    p_line_no INT
) RETURNS varchar(128) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with one JSON sales order line in words, or NULL when sound.'
BEGIN
    DECLARE v_product_id TEXT;
    DECLARE v_qty TEXT;
    DECLARE v_unit_price TEXT;

    IF COALESCE(JSON_TYPE(p_line), 'NULL') <> 'OBJECT' THEN
        RETURN CONCAT('line ', p_line_no, ' is not an object: ', COALESCE(LEFT(p_line, 40), ''));
    END IF;
    IF JSON_LENGTH(p_line) <> (
        JSON_CONTAINS_PATH(p_line, 'one', '$.product_id')
        + JSON_CONTAINS_PATH(p_line, 'one', '$.qty')
        + JSON_CONTAINS_PATH(p_line, 'one', '$.unit_price')
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ' may have product_id, qty and unit_price, each once: ',
            LEFT(p_line, 40)
        );
    END IF;
    SET v_product_id = JSON_EXTRACT(p_line, '$.product_id');
    SET v_qty = JSON_EXTRACT(p_line, '$.qty');
    SET v_unit_price = JSON_EXTRACT(p_line, '$.unit_price');

    IF v_product_id IS NULL THEN
        RETURN CONCAT('line ', p_line_no, ' has no product_id');
    END IF;
    IF v_qty IS NULL THEN
        RETURN CONCAT('line ', p_line_no, ' has no qty');
    END IF;
    IF NOT (
        JSON_TYPE(v_product_id) IN ('INTEGER', 'UNSIGNED INTEGER')
        AND v_product_id REGEXP '^[0-9]{1,20}$'
        AND CAST(v_product_id AS DECIMAL(20, 0)) BETWEEN 1 AND 18446744073709551615
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': product_id must be a positive integer, got ',
            LEFT(v_product_id, 30)
        );
    END IF;
    IF NOT (
        JSON_TYPE(v_qty) IN ('INTEGER', 'UNSIGNED INTEGER')
        AND v_qty REGEXP '^[0-9]{1,10}$'
        AND CAST(v_qty AS DECIMAL(10, 0)) BETWEEN 1 AND 2147483647
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': qty must be a positive integer, got ', LEFT(v_qty, 30)
        );
    END IF;
    -- Ten integer digits at most: DECIMAL(12, 2) holds the price and so does the invoice.
    IF v_unit_price IS NOT NULL AND NOT (
        JSON_TYPE(v_unit_price) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')
        AND v_unit_price REGEXP '^[0-9]{1,10}([.][0-9]{1,2})?$'
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': unit_price must be an amount >= 0 with 2 decimals at most, got ',
            LEFT(v_unit_price, 30)
        );
    END IF;
    RETURN NULL;
END;

-- function: text_length_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `text_length_problem`(p_value LONGTEXT,
    p_what VARCHAR(64),
    p_max_length INT
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a text too long for its column in words, or NULL.'
BEGIN
    DECLARE v_text LONGTEXT DEFAULT trimmed_text(p_value);

    IF CHAR_LENGTH(v_text) > p_max_length THEN
        RETURN CONCAT(
            p_what, ' is longer than ', p_max_length, ' characters: ', LEFT(v_text, 60), '...'
        );
    END IF;
    RETURN NULL;
END;

-- function: trimmed_text
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `trimmed_text`(p_value LONGTEXT
) RETURNS longtext CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the text without white space at either end, or NULL when none is left.'
BEGIN
    DECLARE v_text LONGTEXT DEFAULT REVERSE(
        REGEXP_REPLACE(REVERSE(REGEXP_REPLACE(p_value, '^[[:space:]]+', '')), '^[[:space:]]+', '')
    );

    RETURN IF(CHAR_LENGTH(v_text) = 0, NULL, v_text);
END;

-- function: whole_number_problem
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE FUNCTION `whole_number_problem`(p_value DOUBLE,
    p_what VARCHAR(64)
) RETURNS varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY INVOKER
    COMMENT 'Internal: the problem with a quantity in words, or NULL when it is a whole INT.'
BEGIN
    IF p_value <> FLOOR(p_value) THEN
        RETURN CONCAT(p_what, ' must be a whole number, got ', p_value);
    END IF;
    -- Whole here: printed in digits (CONCAT would write 1e15) below 1e20; from there, as
    -- the number is (1e63), so that the message stays within the 128 characters MySQL
    -- signals (65 digits did not). Both as text: an IF of a DECIMAL and a DOUBLE is a
    -- DOUBLE, printed 1e15 again.
    IF p_value NOT BETWEEN -2147483648 AND 2147483647 THEN
        RETURN CONCAT(
            p_what, ' must be between -2147483648 and 2147483647, got ',
            IF(
                ABS(p_value) < 1e20,
                CAST(CAST(p_value AS DECIMAL(20, 0)) AS CHAR),
                CAST(p_value AS CHAR)
            )
        );
    END IF;
    RETURN NULL;
END;

-- trigger: stock_level__after_insert
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
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
-- sql_mode: ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
CREATE TRIGGER stock_level__after_update
AFTER UPDATE ON stock_level
FOR EACH ROW
BEGIN
    IF NEW.on_hand_qty - NEW.reserved_qty <= NEW.reorder_point_qty THEN
        keep_alert: BEGIN
            -- The unique key admits one open alert: when it is there already, keep it.
            DECLARE CONTINUE HANDLER FOR 1062 BEGIN END;
            INSERT INTO stock_alert (
                product_id, warehouse_id, available_qty, reorder_point_qty, raised_at
            )
            VALUES (
                NEW.product_id, NEW.warehouse_id, NEW.on_hand_qty - NEW.reserved_qty,
                NEW.reorder_point_qty, UTC_TIMESTAMP()
            );
        END keep_alert;
    ELSEIF OLD.on_hand_qty - OLD.reserved_qty <= OLD.reorder_point_qty THEN
        UPDATE stock_alert
        SET status = 'resolved', resolved_at = UTC_TIMESTAMP()
        WHERE
            product_id = NEW.product_id
            AND warehouse_id = NEW.warehouse_id
            AND is_open = 1;
    END IF;
END;
