-- Whatever changed a stock level, keep exactly one open alert while available stock is at or
-- below the reorder point, and resolve it once stock recovers above.
-- Both statements touch only this stock level's own entries of the unique key (product,
-- warehouse, is_open): an INSERT ... ON DUPLICATE KEY UPDATE X-locked the next entry of the
-- index, another product's, and a resolve by status scanned this stock level's resolved
-- alerts too, so a sale lowering one product and a receipt raising the next could deadlock.
-- The stock_level row this trigger fires on is X-locked, so upkeep of one alert never races.
CREATE TRIGGER stock_level__after_update
AFTER UPDATE ON stock_level
FOR EACH ROW
BEGIN
    IF NEW.on_hand_qty - NEW.reserved_qty <= NEW.reorder_point_qty THEN
        keep_alert: BEGIN
            -- The unique key admits one open alert: when it is there already, keep it.
            DECLARE CONTINUE HANDLER FOR 1062 BEGIN END;
            INSERT INTO stock_alert (
                product_id, warehouse_id, available_qty, reorder_point_qty, raised_at
            )
            VALUES (
                NEW.product_id, NEW.warehouse_id, NEW.on_hand_qty - NEW.reserved_qty,
                NEW.reorder_point_qty, UTC_TIMESTAMP()
            );
        END keep_alert;
    ELSEIF OLD.on_hand_qty - OLD.reserved_qty <= OLD.reorder_point_qty THEN
        UPDATE stock_alert
        SET status = 'resolved', resolved_at = UTC_TIMESTAMP()
        WHERE
            product_id = NEW.product_id
            AND warehouse_id = NEW.warehouse_id
            AND is_open = 1;
    END IF;
END
