-- Whatever changed a stock level, keep exactly one open alert while available stock is at or
-- below the reorder point, and resolve it once stock recovers above.
CREATE TRIGGER stock_level__after_update
AFTER UPDATE ON stock_level
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
    ELSEIF OLD.on_hand_qty - OLD.reserved_qty <= OLD.reorder_point_qty THEN
        UPDATE stock_alert
        SET status = 'resolved', resolved_at = UTC_TIMESTAMP()
        WHERE
            product_id = NEW.product_id
            AND warehouse_id = NEW.warehouse_id
            AND status = 'open';
    END IF;
END
