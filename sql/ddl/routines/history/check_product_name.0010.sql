-- Internal: refuse a product name that is blank once trimmed (or NULL) or longer than the
-- 200 characters product.name holds, naming the value. add_product and update_product call
-- it before they start their transaction; their exit handler passes the signal on.
CREATE PROCEDURE check_product_name(
    IN p_name VARCHAR(1000)
)
COMMENT 'Internal: signal if a product name is blank or NULL, or longer than 200 characters.'
BEGIN
    DECLARE v_name VARCHAR(1000) DEFAULT TRIM(p_name);
    DECLARE v_message VARCHAR(255);

    IF v_name IS NULL OR v_name = '' THEN
        SET v_message = CONCAT(
            'product name must not be blank, got ', COALESCE(QUOTE(p_name), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF CHAR_LENGTH(v_name) > 200 THEN
        SET v_message = CONCAT(
            'product name is longer than 200 characters: ', LEFT(v_name, 60), '...'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
