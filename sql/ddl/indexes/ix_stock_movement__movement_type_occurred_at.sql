-- Sales (and other kinds) of movement up to a date, for slow movers: only the sale rows
-- are read, in time order, instead of every product's whole ledger.
CREATE INDEX ix_stock_movement__movement_type_occurred_at
ON stock_movement (movement_type, occurred_at)
