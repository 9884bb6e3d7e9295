-- Public: write the recommended reorder point and order-up-to level (reorder point + EOQ)
-- into stock_level for every stock level with demand in the history window and a supplier
-- to order from; the others keep their parameters. Returns the rows written, old and new.
-- Stock levels are updated one by one in (product, warehouse) order, the order every
-- procedure locks them in; the low-stock triggers re-evaluate each one's alert.
CREATE PROCEDURE apply_reorder_parameters(
    IN p_service_level DOUBLE,
    IN p_history_days DOUBLE
)
COMMENT 'Apply the recommended reorder points and targets to stock levels with demand.'
BEGIN
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_reorder_point_qty INT;
    DECLARE v_target_qty INT;
    DECLARE c_recommendation CURSOR FOR
        SELECT
            product_id,
            warehouse_id,
            recommended_reorder_point_qty,
            recommended_target_qty
        FROM tmp_reorder_parameter
        WHERE recommended_reorder_point_qty IS NOT NULL
        ORDER BY product_id, warehouse_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL compute_reorder_parameters(p_service_level, p_history_days);

    START TRANSACTION;
    SET v_done = FALSE;
    OPEN c_recommendation;
    apply_loop: LOOP
        FETCH c_recommendation
        INTO v_product_id, v_warehouse_id, v_reorder_point_qty, v_target_qty;
        IF v_done THEN
            LEAVE apply_loop;
        END IF;
        -- Through the primary key, the order every stock level lock takes (post_stock_movement).
        UPDATE stock_level /*! FORCE INDEX (PRIMARY) */
        SET reorder_point_qty = v_reorder_point_qty, target_qty = v_target_qty
        WHERE
            product_id = v_product_id
            AND warehouse_id = v_warehouse_id
            AND (reorder_point_qty <> v_reorder_point_qty OR target_qty <> v_target_qty);
    END LOOP;
    CLOSE c_recommendation;
    COMMIT;

    SELECT
        product_id,
        warehouse_id,
        reorder_point_qty AS previous_reorder_point_qty,
        target_qty AS previous_target_qty,
        recommended_reorder_point_qty AS reorder_point_qty,
        recommended_target_qty AS target_qty
    FROM tmp_reorder_parameter
    WHERE recommended_reorder_point_qty IS NOT NULL
    ORDER BY product_id, warehouse_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
END
