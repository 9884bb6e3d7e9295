-- Public: register a customer, who may then place sales orders. The e-mail address is the
-- customer's identity (unique, compared as the column's collation does: case and accents
-- aside); texts lose the white space at their ends (trimmed_text), the country code its
-- spaces, and is stored upper case; a blank optional text is stored as NULL. Texts are
-- LONGTEXT so that the checks see what was given (see text_length_problem).
CREATE PROCEDURE add_customer(
    IN p_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_postal_code LONGTEXT
)
COMMENT 'Add a customer; result: the new customer_id.'
BEGIN
    DECLARE v_email LONGTEXT;
    DECLARE v_customer_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second customer with the address (two callers
    -- may add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'e-mail ', LEFT(QUOTE(v_email), 60), ' is already a customer''s'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_customer_details(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code, FALSE
    );
    SET v_email = trimmed_text(p_email);

    START TRANSACTION;
    INSERT INTO customer (
        name, email, phone, address_line, city, postal_code, country_code
    )
    VALUES (
        trimmed_text(p_name),
        v_email,
        trimmed_text(p_phone),
        trimmed_text(p_address_line),
        trimmed_text(p_city),
        trimmed_text(p_postal_code),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_customer_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_customer_id AS customer_id;
END
