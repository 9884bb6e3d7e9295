-- Internal: refuse a product name that is blank once trimmed (or NULL) or longer than the
-- 200 characters product.name holds, naming the value. add_product and update_product call
-- it before they start their transaction; their exit handler passes the signal on. The name
-- is LONGTEXT, so a name of any length gets this message, not a raw error (1406).
CREATE PROCEDURE check_product_name(
    IN p_name LONGTEXT
)
COMMENT 'Internal: signal if a product name is blank or NULL, or longer than 200 characters.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_name LONGTEXT DEFAULT TRIM(p_name);
    DECLARE v_message VARCHAR(255);

    IF v_name IS NULL OR v_name = '' THEN
        SET v_message = CONCAT(
            'product name must not be blank, got ', COALESCE(LEFT(QUOTE(p_name), 60), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = text_length_problem(v_name, 'product name', 200);
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
