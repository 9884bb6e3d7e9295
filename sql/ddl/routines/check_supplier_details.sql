-- Internal: refuse a supplier's details that add_supplier or update_supplier could not
-- store, naming the value: a text longer than its column, a blank name, a country code that
-- is not two letters, an e-mail address given that does not look like one (it is optional:
-- blank is none). With p_given_only (update_supplier) a NULL name or country code is not
-- checked: it keeps the stored value. Lengths come first: a text too long for its column is
-- refused as such.
CREATE PROCEDURE check_supplier_details(
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_given_only BOOLEAN
)
COMMENT 'Internal: signal if a supplier''s details are too long, blank or malformed.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_name, 'supplier name', 200),
        text_length_problem(p_contact_name, 'contact name', 200),
        text_length_problem(p_email, 'e-mail', 254),
        text_length_problem(p_phone, 'phone', 40),
        text_length_problem(p_address_line, 'address line', 200),
        text_length_problem(p_city, 'city', 100)
    );

    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(p_given_only AND p_name IS NULL, NULL, blank_text_problem(p_name, 'supplier name')),
            IF(
                p_given_only AND p_country_code IS NULL,
                NULL,
                country_code_problem(p_country_code)
            ),
            IF(trimmed_text(p_email) IS NULL, NULL, email_problem(p_email))
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
