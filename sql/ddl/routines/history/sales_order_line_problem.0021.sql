-- Internal: what is wrong with one line of the JSON passed to place_sales_order or
-- sell_at_counter, in words (NULL when the line is well formed). The one place the line
-- format is defined: an object with a positive integer product_id and qty, and optionally a
-- unit_price of 0 or more with at most 2 decimals. A number counts as an integer only when
-- JSON says so and its text is plain digits (MariaDB calls 1e2 an INTEGER). No other key,
-- and none twice: MariaDB keeps JSON as text, so a key written with an escape ("q\u0074y")
-- or written twice is one JSON_EXTRACT passes over and JSON_TABLE, which writes the line,
-- may read: the value written would not be the value checked.
CREATE FUNCTION sales_order_line_problem(
    p_line LONGTEXT,
    p_line_no INT
)
RETURNS VARCHAR(128)
DETERMINISTIC
COMMENT 'Internal: the problem with one JSON sales order line in words, or NULL when sound.'
BEGIN
    DECLARE v_product_id TEXT;
    DECLARE v_qty TEXT;
    DECLARE v_unit_price TEXT;

    IF COALESCE(JSON_TYPE(p_line), 'NULL') <> 'OBJECT' THEN
        RETURN CONCAT('line ', p_line_no, ' is not an object: ', COALESCE(LEFT(p_line, 40), ''));
    END IF;
    IF JSON_LENGTH(p_line) <> (
        JSON_CONTAINS_PATH(p_line, 'one', '$.product_id')
        + JSON_CONTAINS_PATH(p_line, 'one', '$.qty')
        + JSON_CONTAINS_PATH(p_line, 'one', '$.unit_price')
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ' may have product_id, qty and unit_price, each once: ',
            LEFT(p_line, 40)
        );
    END IF;
    SET v_product_id = JSON_EXTRACT(p_line, '$.product_id');
    SET v_qty = JSON_EXTRACT(p_line, '$.qty');
    SET v_unit_price = JSON_EXTRACT(p_line, '$.unit_price');

    IF v_product_id IS NULL THEN
        RETURN CONCAT('line ', p_line_no, ' has no product_id');
    END IF;
    IF v_qty IS NULL THEN
        RETURN CONCAT('line ', p_line_no, ' has no qty');
    END IF;
    IF NOT (
        JSON_TYPE(v_product_id) IN ('INTEGER', 'UNSIGNED INTEGER')
        AND v_product_id REGEXP '^[0-9]{1,20}$'
        AND CAST(v_product_id AS DECIMAL(20, 0)) BETWEEN 1 AND 18446744073709551615
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': product_id must be a positive integer, got ',
            LEFT(v_product_id, 30)
        );
    END IF;
    IF NOT (
        JSON_TYPE(v_qty) IN ('INTEGER', 'UNSIGNED INTEGER')
        AND v_qty REGEXP '^[0-9]{1,10}$'
        AND CAST(v_qty AS DECIMAL(10, 0)) BETWEEN 1 AND 2147483647
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': qty must be a positive integer, got ', LEFT(v_qty, 30)
        );
    END IF;
    -- Ten integer digits at most: DECIMAL(12, 2) holds the price and so does the invoice.
    IF v_unit_price IS NOT NULL AND NOT (
        JSON_TYPE(v_unit_price) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')
        AND v_unit_price REGEXP '^[0-9]{1,10}([.][0-9]{1,2})?$'
    ) THEN
        RETURN CONCAT(
            'line ', p_line_no, ': unit_price must be an amount >= 0 with 2 decimals at most, got ',
            LEFT(v_unit_price, 30)
        );
    END IF;
    RETURN NULL;
END
