-- Received purchase orders per supplier (supplier performance) without reading the
-- orders in other states.
CREATE INDEX ix_purchase_order__status_supplier_id ON purchase_order (status, supplier_id)
