-- Public: change a supplier's details. A NULL argument keeps the value; a blank one clears an
-- optional text (contact name, e-mail address, phone, address line, city) and is refused for
-- the name and the country code, which every supplier has. Values are checked and trimmed as
-- add_supplier does, and the name stays one supplier's. Whether we buy from the supplier is
-- set_supplier_active's to change, and its offers set_supplier_offer's.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE update_supplier(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_contact_name LONGTEXT,
    IN p_email LONGTEXT,
    IN p_phone LONGTEXT,
    IN p_address_line LONGTEXT,
    IN p_city LONGTEXT
)
COMMENT 'Change the details given of a supplier (NULL keeps, blank clears); result: the supplier.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second supplier of the name; its error is put in
    -- words (when no name was given, the clash is another key's: passed on).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        IF p_name IS NULL THEN
            RESIGNAL;
        END IF;
        SET v_message = CONCAT(
            'supplier ', LEFT(QUOTE(trimmed_text(p_name)), 60), ' already exists'
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
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city
    ) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for supplier ', COALESCE(p_supplier_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_supplier_details(
        p_name, p_country_code, p_contact_name, p_email, p_phone, p_address_line, p_city, TRUE
    );

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM supplier
    WHERE supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier
    SET
        name = COALESCE(trimmed_text(p_name), name),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        contact_name = IF(p_contact_name IS NULL, contact_name, trimmed_text(p_contact_name)),
        email = IF(p_email IS NULL, email, trimmed_text(p_email)),
        phone = IF(p_phone IS NULL, phone, trimmed_text(p_phone)),
        address_line = IF(p_address_line IS NULL, address_line, trimmed_text(p_address_line)),
        city = IF(p_city IS NULL, city, trimmed_text(p_city))
    WHERE supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        supplier_id,
        name,
        country_code,
        contact_name,
        email,
        phone,
        address_line,
        city,
        is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id;
END
