-- Revision 0001's index on the movement time, as revision 0009's downgrade puts it back:
-- ix_stock_movement__occurred_at_product_id_change_qty (0008) starts with the same column.
CREATE INDEX ix_stock_movement__occurred_at
ON stock_movement (occurred_at)
