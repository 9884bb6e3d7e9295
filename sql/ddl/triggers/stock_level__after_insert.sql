-- A new stock level that starts at or below its reorder point raises a low-stock alert.
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
END
