-- Shipped orders by ship time: the sales views and reports start from them, and
-- MAX(shipped_at) of the shipped orders is one index lookup.
CREATE INDEX ix_sales_order__status_shipped_at ON sales_order (status, shipped_at)
