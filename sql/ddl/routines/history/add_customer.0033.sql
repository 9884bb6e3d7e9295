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
    DECLARE v_name LONGTEXT;
    DECLARE v_email LONGTEXT;
    DECLARE v_country_code LONGTEXT;
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

    -- Lengths first, so that the patterns below only ever run over a column's worth (the
    -- country code is tested with patterns that take one pass).
    SET v_message = COALESCE(
        text_length_problem(p_name, 'customer name', 200),
        text_length_problem(p_email, 'e-mail', 254),
        text_length_problem(p_phone, 'phone', 40),
        text_length_problem(p_address_line, 'address line', 200),
        text_length_problem(p_city, 'city', 100),
        text_length_problem(p_postal_code, 'postal code', 20)
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- TRIM first cuts runs of spaces without a pattern.
    SET v_name = trimmed_text(TRIM(p_name));
    SET v_email = trimmed_text(TRIM(p_email));
    SET v_country_code = UPPER(TRIM(p_country_code));

    IF v_name IS NULL THEN
        SET v_message = CONCAT(
            'customer name must not be blank, got ', COALESCE(LEFT(QUOTE(p_name), 60), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- One @, something before it, a dot in what follows, and no white space or control
    -- character anywhere: enough to catch a name or a phone number in the wrong field,
    -- without pretending to check RFC 5322. White space is refused by a test of its own
    -- because a pattern's $ also matches before a final line break.
    IF
        v_email IS NULL
        OR v_email REGEXP '[[:space:][:cntrl:]]'
        OR v_email NOT REGEXP '^[^@]+@[^@]+[.][^@]+$'
    THEN
        SET v_message = CONCAT(
            'e-mail must look like name@example.com, got ',
            COALESCE(LEFT(QUOTE(p_email), 60), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF
        v_country_code IS NULL
        OR CHAR_LENGTH(v_country_code) <> 2
        OR v_country_code COLLATE utf8mb4_bin REGEXP '[^A-Z]'
    THEN
        SET v_message = CONCAT(
            'country code must be two letters (ISO 3166-1, such as GB), got ',
            COALESCE(LEFT(QUOTE(p_country_code), 40), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    INSERT INTO customer (
        name, email, phone, address_line, city, postal_code, country_code
    )
    VALUES (
        v_name,
        v_email,
        trimmed_text(TRIM(p_phone)),
        trimmed_text(TRIM(p_address_line)),
        trimmed_text(TRIM(p_city)),
        trimmed_text(TRIM(p_postal_code)),
        v_country_code
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_customer_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_customer_id AS customer_id;
END
