-- Internal: refuse a reorder point or reorder quantity that is NULL, negative or not a whole
-- number, or whose sum (the target) an INT column cannot hold, naming the value. add_product and set_reorder_parameters call it before they start their transaction;
-- their exit handler passes the signal on.
CREATE PROCEDURE check_reorder_parameters(
    IN p_reorder_point_qty DOUBLE,
    IN p_reorder_qty DOUBLE
)
COMMENT 'Internal: signal if a reorder point or quantity is NULL, below 0 or fractional.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255);

    SET v_message = whole_number_problem(p_reorder_point_qty, 'reorder point');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = whole_number_problem(p_reorder_qty, 'reorder quantity');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_point_qty IS NULL OR p_reorder_point_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder point must be 0 or more, got ', COALESCE(p_reorder_point_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_qty IS NULL OR p_reorder_qty < 0 THEN
        SET v_message = CONCAT(
            'reorder quantity must be 0 or more, got ', COALESCE(p_reorder_qty, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_reorder_point_qty + p_reorder_qty > 2147483647 THEN
        SET v_message = CONCAT(
            'reorder point + reorder quantity (the target) must be at most 2147483647, got ',
            p_reorder_point_qty, ' + ', p_reorder_qty
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
