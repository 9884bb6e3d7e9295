-- Public: change a warehouse's details. A NULL argument keeps the value; a blank city is
-- cleared, a blank code, name or country code refused. Values are checked and trimmed as
-- add_warehouse does (check_warehouse_details), and the code stays one warehouse's. Stock,
-- orders and the ledger refer to the warehouse by id: they follow it. Closing and reopening
-- it is set_warehouse_active's.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE update_warehouse(
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT
)
COMMENT 'Change the details given of a warehouse (NULL keeps, blank clears); result: it.'
BEGIN
    DECLARE v_found INT;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second warehouse with the code; its error is put
    -- in words (only a code given can clash).
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'warehouse code ', LEFT(QUOTE(trimmed_text(p_code)), 30), ' is already in use'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF COALESCE(p_code, p_name, p_country_code, p_city) IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for warehouse ', COALESCE(p_warehouse_id, 'NULL'),
            ': give a value to change'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_warehouse_details(p_code, p_name, p_country_code, p_city, TRUE);

    START TRANSACTION;
    SELECT COUNT(*) INTO v_found
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_found = 0 THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE warehouse
    SET
        code = COALESCE(trimmed_text(p_code), code),
        name = COALESCE(trimmed_text(p_name), name),
        country_code = COALESCE(UPPER(TRIM(p_country_code)), country_code),
        city = IF(p_city IS NULL, city, trimmed_text(p_city))
    WHERE warehouse_id = p_warehouse_id;
    COMMIT;

    SELECT
        warehouse_id,
        code,
        name,
        country_code,
        city,
        is_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id;
END
