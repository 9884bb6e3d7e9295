-- Internal: lock a purchase order's row and make sure it is still a draft, before it is sent
-- or changed (as lock_open_sales_order does for a sales order). p_action says what only a
-- draft can be, for the refusal: 'sent', 'changed'.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
CREATE PROCEDURE lock_draft_purchase_order(
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_action VARCHAR(20),
    OUT p_supplier_id BIGINT UNSIGNED,
    OUT p_warehouse_id BIGINT UNSIGNED
)
COMMENT 'Internal: lock a draft purchase order (signal if unknown or not a draft).'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_status VARCHAR(20);
    DECLARE v_message VARCHAR(255);

    SELECT
        status,
        supplier_id,
        warehouse_id
    INTO v_status, p_supplier_id, p_warehouse_id
    FROM purchase_order
    WHERE purchase_order_id = p_purchase_order_id
    FOR UPDATE;
    IF v_status IS NULL THEN
        SET v_message = CONCAT('unknown purchase order ', COALESCE(p_purchase_order_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_status <> 'draft' THEN
        SET v_message = CONCAT(
            'purchase order ', p_purchase_order_id, ' is ', v_status, '; only a draft can be ',
            p_action
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
