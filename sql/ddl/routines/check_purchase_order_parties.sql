-- Internal: refuse to order from a stopped supplier or into a closed warehouse, naming the
-- purchase order: send_purchase_order and set_purchase_order_line check a draft's so. Both
-- rows are read under a shared lock, supplier first, as create_purchase_order takes them
-- (and every sale takes its warehouse): neither can be stopped or closed before the
-- caller commits, and the callers wait for no one who only reads them.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
CREATE PROCEDURE check_purchase_order_parties(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED
)
COMMENT 'Internal: signal when a purchase order''s supplier or warehouse is inactive.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_supplier_is_active TINYINT;
    DECLARE v_warehouse_is_active TINYINT;

    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
    IF v_supplier_is_active = 0 THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' of purchase order ', p_purchase_order_id,
            ' is inactive'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT is_active INTO v_warehouse_is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    LOCK IN SHARE MODE;
    IF v_warehouse_is_active = 0 THEN
        SET v_message = CONCAT(
            'warehouse ', p_warehouse_id, ' of purchase order ', p_purchase_order_id,
            ' is inactive'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
