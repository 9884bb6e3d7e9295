-- Revision 0001's index for the product foreign key, as revision 0009's downgrade puts it
-- back: ix_purchase_order_line__product_id_received_qty_unit_cost (0008) starts with it.
CREATE INDEX ix_purchase_order_line__product_id
ON purchase_order_line (product_id)
