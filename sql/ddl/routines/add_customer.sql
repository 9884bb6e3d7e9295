-- Public: register a customer, who may then place sales orders. The e-mail address is the
-- customer's identity (unique, compared as the column's collation does: case aside); the
-- country code is stored upper case; a blank optional text is stored as NULL. Texts are
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
    DECLARE v_name LONGTEXT DEFAULT TRIM(p_name);
    DECLARE v_email LONGTEXT DEFAULT TRIM(p_email);
    DECLARE v_country_code LONGTEXT DEFAULT UPPER(TRIM(p_country_code));
    DECLARE v_phone LONGTEXT DEFAULT NULLIF(TRIM(p_phone), '');
    DECLARE v_address_line LONGTEXT DEFAULT NULLIF(TRIM(p_address_line), '');
    DECLARE v_city LONGTEXT DEFAULT NULLIF(TRIM(p_city), '');
    DECLARE v_postal_code LONGTEXT DEFAULT NULLIF(TRIM(p_postal_code), '');
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

    IF v_name IS NULL OR v_name = '' THEN
        SET v_message = CONCAT(
            'customer name must not be blank, got ', COALESCE(LEFT(QUOTE(p_name), 60), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- One @, something before it, a dot in what follows, and no blank anywhere: enough to
    -- catch a name or a phone number in the wrong field, without pretending to check RFC 5322.
    IF
        v_email IS NULL
        OR v_email NOT REGEXP '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$'
    THEN
        SET v_message = CONCAT(
            'e-mail must look like name@example.com, got ',
            COALESCE(LEFT(QUOTE(p_email), 60), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF
        v_country_code IS NULL
        OR v_country_code COLLATE utf8mb4_bin NOT REGEXP '^[A-Z]{2}$'
    THEN
        SET v_message = CONCAT(
            'country code must be two letters (ISO 3166-1, such as GB), got ',
            COALESCE(LEFT(QUOTE(p_country_code), 40), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_message = COALESCE(
        text_length_problem(v_name, 'customer name', 200),
        text_length_problem(v_email, 'e-mail', 254),
        text_length_problem(v_phone, 'phone', 40),
        text_length_problem(v_address_line, 'address line', 200),
        text_length_problem(v_city, 'city', 100),
        text_length_problem(v_postal_code, 'postal code', 20)
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    INSERT INTO customer (
        name, email, phone, address_line, city, postal_code, country_code
    )
    VALUES (
        v_name, v_email, v_phone, v_address_line, v_city, v_postal_code, v_country_code
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_customer_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_customer_id AS customer_id;
END
