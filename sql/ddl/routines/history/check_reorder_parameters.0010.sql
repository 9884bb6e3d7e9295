-- Internal: refuse a reorder point or reorder quantity that is NULL or negative, naming the
-- value. add_product and set_reorder_parameters call it before they start their transaction;
-- their exit handler passes the signal on.
CREATE PROCEDURE check_reorder_parameters(
    IN p_reorder_point_qty INT,
    IN p_reorder_qty INT
)
COMMENT 'Internal: signal if a reorder point or reorder quantity is NULL or below 0.'
BEGIN
    DECLARE v_message VARCHAR(255);

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
END
