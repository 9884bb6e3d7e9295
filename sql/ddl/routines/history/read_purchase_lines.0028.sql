-- Internal: check purchase lines given as JSON, [{"product_id": 7, "qty": 12}, ...], and load
-- them into the session's temporary table tmp_purchase_line (line_no, product_id, qty).
-- Only the shape is checked here (a non-empty array of objects whose product_id and qty are
-- positive whole numbers, each product once); the caller checks them against its order.
-- A line holds those two keys and nothing else, each once, as a sales line does (see
-- sales_order_line_problem): a key written twice is read here as its first value where most
-- JSON readers take the last, and a stray key ("unit_cost") would be ignored without a word.
-- It writes only the temporary table and starts no transaction.
CREATE PROCEDURE read_purchase_lines(IN p_lines LONGTEXT)
COMMENT 'Internal: validate JSON purchase lines and load them into tmp_purchase_line.'
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_line_count INT;
    DECLARE v_index INT DEFAULT 0;
    DECLARE v_item LONGTEXT;
    DECLARE v_product_json LONGTEXT;
    DECLARE v_qty_json LONGTEXT;
    DECLARE v_product_id DECIMAL(30, 0);
    DECLARE v_qty DECIMAL(30, 0);

    DROP TEMPORARY TABLE IF EXISTS tmp_purchase_line;
    CREATE TEMPORARY TABLE tmp_purchase_line (
        line_no INT NOT NULL,
        product_id BIGINT UNSIGNED NOT NULL,
        qty INT NOT NULL,
        PRIMARY KEY (product_id)
    );

    -- JSON_TYPE only once the text is known to be JSON: MySQL raises an error on anything else.
    IF p_lines IS NULL OR JSON_VALID(p_lines) = 0 THEN
        SET v_message = CONCAT(
            'lines must be a JSON array, got ', COALESCE(LEFT(p_lines, 40), 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF JSON_TYPE(p_lines) <> 'ARRAY' THEN
        SET v_message = CONCAT(
            'lines must be a JSON array of {"product_id": .., "qty": ..}, got ', LEFT(p_lines, 40)
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_line_count = JSON_LENGTH(p_lines);
    IF v_line_count = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'lines must not be empty, got []';
    END IF;

    WHILE v_index < v_line_count DO
        SET v_item = JSON_EXTRACT(p_lines, CONCAT('$[', v_index, ']'));
        SET v_index = v_index + 1;
        IF JSON_TYPE(v_item) <> 'OBJECT' THEN
            SET v_message = CONCAT('line ', v_index, ' is not an object: ', LEFT(v_item, 40));
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF JSON_LENGTH(v_item) <> (
            JSON_CONTAINS_PATH(v_item, 'one', '$.product_id')
            + JSON_CONTAINS_PATH(v_item, 'one', '$.qty')
        ) THEN
            SET v_message = CONCAT(
                'line ', v_index, ' may have product_id and qty, each once: ', LEFT(v_item, 40)
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_product_json = JSON_EXTRACT(v_item, '$.product_id');
        SET v_qty_json = JSON_EXTRACT(v_item, '$.qty');
        -- Whole numbers only: JSON strings, decimals, booleans and null are refused, and so
        -- is an exponent, which MariaDB calls an INTEGER (25e-1 would be cast to 3).
        SET v_product_id = NULL;
        SET v_qty = NULL;
        IF
            JSON_TYPE(v_product_json) IN ('INTEGER', 'UNSIGNED INTEGER')
            AND v_product_json REGEXP '^[0-9]{1,20}$'
        THEN
            SET v_product_id = CAST(v_product_json AS DECIMAL(30, 0));
        END IF;
        IF
            JSON_TYPE(v_qty_json) IN ('INTEGER', 'UNSIGNED INTEGER')
            AND v_qty_json REGEXP '^[0-9]{1,10}$'
        THEN
            SET v_qty = CAST(v_qty_json AS DECIMAL(30, 0));
        END IF;
        IF v_product_id IS NULL OR v_product_id NOT BETWEEN 1 AND 18446744073709551615 THEN
            SET v_message = CONCAT(
                'line ', v_index, ': product_id must be a positive whole number, got ',
                COALESCE(LEFT(v_product_json, 30), 'nothing')
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF v_qty IS NULL OR v_qty NOT BETWEEN 1 AND 2147483647 THEN
            SET v_message = CONCAT(
                'line ', v_index, ': qty must be a positive whole number, got ',
                COALESCE(LEFT(v_qty_json, 30), 'nothing')
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        IF EXISTS (
            SELECT 1
            FROM tmp_purchase_line
            WHERE product_id = v_product_id
        ) THEN
            SET v_message = CONCAT(
                'line ', v_index, ': product ', v_product_id, ' appears on more than one line'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        INSERT INTO tmp_purchase_line (line_no, product_id, qty)
        VALUES (v_index, v_product_id, v_qty);
    END WHILE;
END
