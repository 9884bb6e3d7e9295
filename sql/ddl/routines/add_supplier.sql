-- Public: register a supplier, whose offers (set_supplier_offer) automatic reordering may
-- then buy from. The name is the supplier's identity (unique, compared as the column's
-- collation does: case and accents aside); the e-mail address, where purchase orders go, is
-- optional but must look like one. Texts lose the white space at their ends (trimmed_text),
-- the country code its spaces, and is stored upper case; a blank optional text is stored as
-- NULL. Texts are LONGTEXT so that the checks see what was given (see text_length_problem).
CREATE PROCEDURE add_supplier(
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT
)
COMMENT 'Add a supplier; result: the new supplier_id.'
BEGIN
    DECLARE v_name LONGTEXT;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second supplier of the name (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('supplier ', LEFT(QUOTE(v_name), 60), ' already exists');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_supplier_details(
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city, FALSE
    );
    SET v_name = trimmed_text(p_name);

    START TRANSACTION;
    INSERT INTO supplier (
        name, contact_name, email, phone, address_line, city, country_code
    )
    VALUES (
        v_name,
        trimmed_text(p_contact_name),
        trimmed_text(p_email),
        trimmed_text(p_phone),
        trimmed_text(p_address_line),
        trimmed_text(p_city),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_supplier_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_supplier_id AS supplier_id;
END
