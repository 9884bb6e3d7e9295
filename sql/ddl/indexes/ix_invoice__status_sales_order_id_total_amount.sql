-- Covers the valid (non-void) invoices with their order and total, so customer revenue
-- reads this index instead of every invoice row.
CREATE INDEX ix_invoice__status_sales_order_id_total_amount
ON invoice (status, sales_order_id, total_amount)
