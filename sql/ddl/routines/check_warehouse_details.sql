-- Internal: refuse a warehouse's details that add_warehouse or update_warehouse could not
-- store, naming the value: a text longer than its column, a blank code or name, a code
-- holding a control character, a country code that is not two letters. With p_given_only
-- (update_warehouse) a NULL code, name or country code is not checked: it keeps the stored
-- value. Lengths come first: a text too long for its column is refused as such.
CREATE PROCEDURE check_warehouse_details(
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT,
    IN p_given_only BOOLEAN
)
COMMENT 'Internal: signal if a warehouse''s details are too long, blank or malformed.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_code, 'warehouse code', 20),
        text_length_problem(p_name, 'warehouse name', 100),
        text_length_problem(p_city, 'city', 100)
    );

    IF v_message IS NULL AND NOT (p_given_only AND p_code IS NULL) THEN
        SET v_message = COALESCE(
            blank_text_problem(p_code, 'warehouse code'),
            control_character_problem(p_code, 'warehouse code')
        );
    END IF;
    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(
                p_given_only AND p_name IS NULL,
                NULL,
                blank_text_problem(p_name, 'warehouse name')
            ),
            IF(
                p_given_only AND p_country_code IS NULL,
                NULL,
                country_code_problem(p_country_code)
            )
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
