-- Public: change a customer's details. A NULL argument keeps the value; a blank one clears an
-- optional text (phone, address line, city, postal code) and is refused for the name, the
-- e-mail address and the country code, which every customer has. Values are checked and
-- trimmed as add_customer does, and the e-mail address stays one customer's. Orders and
-- invoices refer to the customer by id and keep no copy of its details: they show the new
-- ones, issued invoices too.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE update_customer(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT,
    IN p_postal_code LONGTEXT
)
COMMENT 'Change the details given of a customer (NULL keeps, blank clears); result: the customer.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second customer with the address; its error is
    -- put in words (when no address was given, the clash is another key's: passed on).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        IF p_email IS NULL THEN
            RESIGNAL;
        END IF;
        SET v_message = CONCAT(
            'e-mail ', LEFT(QUOTE(trimmed_text(p_email)), 60), ' is already a customer''s'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF COALESCE(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code
    ) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for customer ', COALESCE(p_customer_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_customer_details(
        p_name, p_email, p_country_code, p_phone, p_address_line, p_city, p_postal_code, TRUE
    );

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM customer
    WHERE customer_id = p_customer_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown customer ', COALESCE(p_customer_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE customer
    SET
        name = COALESCE(trimmed_text(p_name), name),
        email = COALESCE(trimmed_text(p_email), email),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        phone = IF(p_phone IS NULL, phone, trimmed_text(p_phone)),
        address_line = IF(p_address_line IS NULL, address_line, trimmed_text(p_address_line)),
        city = IF(p_city IS NULL, city, trimmed_text(p_city)),
        postal_code = IF(p_postal_code IS NULL, postal_code, trimmed_text(p_postal_code))
    WHERE customer_id = p_customer_id;
    COMMIT;

    SELECT
        customer_id,
        name,
        email,
        country_code,
        phone,
        address_line,
        city,
        postal_code
    FROM customer
    WHERE customer_id = p_customer_id;
END
