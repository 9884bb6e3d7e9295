-- Covers the monthly sum of the ledger valued per product (stock value over time), so it
-- reads this index instead of every stock movement row.
CREATE INDEX ix_stock_movement__occurred_at_product_id_change_qty
ON stock_movement (occurred_at, product_id, change_qty)
