-- Internal: refuse a product name that is longer than the 200 characters product.name holds
-- or blank (NULL, or nothing left once white space of any kind is cut from its ends: see
-- blank_text_problem), naming the value. add_product and update_product call it before they
-- start their transaction; their exit handler passes the signal on. The name is LONGTEXT, so
-- a name of any length gets this message, not a raw error (1406).
CREATE PROCEDURE check_product_name(
    IN p_name LONGTEXT
)
COMMENT 'Internal: signal if a product name is blank or NULL, or longer than 200 characters.'
SQL SECURITY INVOKER
BEGIN
    -- The first problem found, in this order, is the one named.
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_name, 'product name', 200),
        blank_text_problem(p_name, 'product name')
    );

    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
