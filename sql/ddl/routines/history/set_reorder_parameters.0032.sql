-- Public: set when (reorder point) and how much (reorder quantity) a product is reordered in
-- one warehouse, or in every warehouse that stocks it when the warehouse is NULL. Setting them
-- for an active warehouse that does not stock the product yet starts stocking it there (a
-- warehouse opened after the product was added). The stock_level triggers open or resolve the
-- low-stock alert if the new reorder point moves it across the available stock.
CREATE PROCEDURE set_reorder_parameters(
    IN p_product_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
)
COMMENT 'Set reorder point and target (point + reorder qty) per product and warehouse (NULL: all).'
BEGIN
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_is_active BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_reorder_parameters(p_reorder_point_qty, p_reorder_qty);

    START TRANSACTION;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF p_warehouse_id IS NULL THEN
        -- Rows are locked in warehouse order, the order every procedure uses.
        UPDATE stock_level
        SET
            reorder_point_qty = p_reorder_point_qty,
            target_qty = p_reorder_point_qty + p_reorder_qty
        WHERE product_id = p_product_id
        ORDER BY warehouse_id;
        IF NOT EXISTS (
            SELECT 1 FROM stock_level
            WHERE product_id = p_product_id
        ) THEN
            SET v_message = CONCAT('product ', p_product_id, ' is not stocked in any warehouse');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    ELSE
        SELECT is_active INTO v_is_active
        FROM warehouse
        WHERE warehouse_id = p_warehouse_id;
        IF v_is_active IS NULL THEN
            SET v_message = CONCAT('unknown warehouse ', p_warehouse_id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        UPDATE stock_level
        SET
            reorder_point_qty = p_reorder_point_qty,
            target_qty = p_reorder_point_qty + p_reorder_qty
        WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        -- ROW_COUNT() counts changed rows only: ask whether the row exists instead.
        IF NOT EXISTS (
            SELECT 1 FROM stock_level
            WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id
        ) THEN
            IF NOT v_is_active THEN
                SET v_message = CONCAT(
                    'warehouse ', p_warehouse_id, ' is inactive: it cannot start stocking product ',
                    p_product_id
                );
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
            END IF;
            IF v_is_discontinued THEN
                SET v_message = CONCAT(
                    'product ', p_product_id,
                    ' is discontinued: it cannot be stocked in warehouse ', p_warehouse_id
                );
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
            END IF;
            INSERT INTO stock_level (product_id, warehouse_id, reorder_point_qty, target_qty)
            VALUES (
                p_product_id, p_warehouse_id, p_reorder_point_qty,
                p_reorder_point_qty + p_reorder_qty
            );
        END IF;
    END IF;
    COMMIT;

    SELECT
        product_id,
        warehouse_id,
        reorder_point_qty,
        target_qty,
        target_qty - reorder_point_qty AS reorder_qty,
        on_hand_qty - reserved_qty AS available_qty
    FROM stock_level
    WHERE
        product_id = p_product_id
        AND (p_warehouse_id IS NULL OR warehouse_id = p_warehouse_id)
    ORDER BY warehouse_id;
END
