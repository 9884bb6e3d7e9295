-- Public: open a warehouse. It holds no stock until a product's reorder parameters are set
-- for it (set_reorder_parameters), which starts stocking the product there; products added
-- later (add_product) are stocked in it at once. The code is the warehouse's identity on
-- documents and shelves (unique, compared as the column's collation does: case and accents
-- aside), and holds no control character.
-- Texts lose the white space at their ends (trimmed_text), the country code its spaces, and
-- is stored upper case; a blank city is stored as NULL. Texts are LONGTEXT so that the checks
-- see what was given (see text_length_problem).
CREATE PROCEDURE add_warehouse(
    IN p_code LONGTEXT,
    IN p_name LONGTEXT,
    IN p_country_code LONGTEXT,
    IN p_city LONGTEXT
)
COMMENT 'Open a warehouse; result: the new warehouse_id.'
BEGIN
    DECLARE v_code LONGTEXT;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second warehouse with the code (two callers may
    -- add it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('warehouse code ', LEFT(QUOTE(v_code), 30), ' is already in use');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- Lengths first: a text too long for its column is refused as such.
    SET v_message = COALESCE(
        text_length_problem(p_code, 'warehouse code', 20),
        text_length_problem(p_name, 'warehouse name', 100),
        text_length_problem(p_city, 'city', 100),
        blank_text_problem(p_code, 'warehouse code'),
        control_character_problem(p_code, 'warehouse code'),
        blank_text_problem(p_name, 'warehouse name'),
        country_code_problem(p_country_code)
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_code = trimmed_text(p_code);

    START TRANSACTION;
    INSERT INTO warehouse (code, name, city, country_code)
    VALUES (
        v_code,
        trimmed_text(p_name),
        trimmed_text(p_city),
        UPPER(TRIM(p_country_code))
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_warehouse_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_warehouse_id AS warehouse_id,
        v_code AS code;
END
