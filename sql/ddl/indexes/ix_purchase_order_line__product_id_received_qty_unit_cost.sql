-- Covers the average purchase cost per product (received units x unit cost), so stock
-- value reads this index in product order instead of every purchase order line.
CREATE INDEX ix_purchase_order_line__product_id_received_qty_unit_cost
ON purchase_order_line (product_id, received_qty, unit_cost)
