-- Internal: the first half of place_sales_order and sell_at_counter. Checks the customer, the
-- warehouse and the JSON lines and writes the order and its lines. A placed order
-- (p_placed true) is left open with its lines' stock reserved until it ships. A counter sale
-- (p_placed false) is written shipped, with nothing reserved: fulfil_sales_order issues its
-- stock in the same transaction, where a reservation would only be made and released again.
-- Runs inside the caller's transaction (it starts none); the caller rolls back when it signals.
-- p_lines: a JSON array of {"product_id": int, "qty": int, "unit_price": number (optional)}.
CREATE PROCEDURE create_sales_order(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT,
    IN p_placed BOOLEAN,
    OUT p_sales_order_id BIGINT UNSIGNED
)
COMMENT 'Internal: validate JSON lines, insert a sales order (open and reserved, or shipped).'
BEGIN
    DECLARE v_now DATETIME DEFAULT UTC_TIMESTAMP();
    DECLARE v_message VARCHAR(128);
    DECLARE v_customer_count INT;
    DECLARE v_warehouse_is_active INT;
    DECLARE v_line_count INT;
    DECLARE v_line_no INT DEFAULT 0;
    DECLARE v_inserted_count INT DEFAULT 0;
    DECLARE v_is_duplicate BOOLEAN DEFAULT FALSE;
    DECLARE v_total_amount DECIMAL(65, 2);

    -- The order is written only for a known customer and an active warehouse: the check and
    -- the insert are one statement, and only a refused insert reads them again to say why.
    INSERT INTO sales_order (customer_id, warehouse_id, status, ordered_at, shipped_at)
    SELECT
        c.customer_id,
        w.warehouse_id,
        IF(p_placed, 'open', 'shipped') AS status, -- noqa: RF02
        v_now AS ordered_at, -- noqa: RF02
        IF(p_placed, NULL, v_now) AS shipped_at -- noqa: RF02
    FROM customer AS c
    INNER JOIN warehouse AS w
        ON w.warehouse_id = p_warehouse_id AND w.is_active = 1 -- noqa: RF02
    WHERE c.customer_id = p_customer_id; -- noqa: RF02
    IF ROW_COUNT() = 0 THEN
        SELECT
            (
                SELECT COUNT(*) FROM customer
                WHERE customer_id = p_customer_id
            ) AS customer_count,
            (
                SELECT MAX(is_active) FROM warehouse
                WHERE warehouse_id = p_warehouse_id
            ) AS warehouse_is_active
        INTO v_customer_count, v_warehouse_is_active;
        IF v_customer_count = 0 THEN
            SET v_message = CONCAT('unknown customer ', COALESCE(p_customer_id, 'NULL'));
        ELSEIF v_warehouse_is_active IS NULL THEN
            SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        ELSE
            SET v_message = CONCAT('warehouse ', p_warehouse_id, ' is inactive');
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET p_sales_order_id = LAST_INSERT_ID();

    -- Separate tests, not one OR: JSON_TYPE raises its own error on text that is not JSON.
    IF p_lines IS NULL OR NOT JSON_VALID(p_lines) THEN
        SET v_message = CONCAT('lines are not valid JSON: ', COALESCE(LEFT(p_lines, 40), 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF JSON_TYPE(p_lines) <> 'ARRAY' THEN
        SET v_message = CONCAT('lines must be a JSON array, got ', LEFT(p_lines, 40));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_line_count = JSON_LENGTH(p_lines);
    IF v_line_count = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a sales order needs at least one line';
    END IF;
    -- Every line well formed first, so the typed columns below convert them exactly.
    WHILE v_line_no < v_line_count DO
        SET v_message = sales_order_line_problem(
            JSON_EXTRACT(p_lines, CONCAT('$[', v_line_no, ']')), v_line_no + 1
        );
        IF v_message IS NOT NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        SET v_line_no = v_line_no + 1;
    END WHILE;

    insert_lines: BEGIN
        -- A product listed twice breaks the lines' unique key; the message below names it.
        DECLARE CONTINUE HANDLER FOR 1062 SET v_is_duplicate = TRUE;
        INSERT INTO sales_order_line (
            sales_order_id, product_id, ordered_qty, shipped_qty, unit_price
        )
        SELECT
            p_sales_order_id AS sales_order_id, -- noqa: RF02
            p.product_id,
            jt.qty AS ordered_qty,
            IF(p_placed, 0, jt.qty) AS shipped_qty, -- noqa: RF02
            COALESCE(jt.unit_price, p.unit_price) AS unit_price
        FROM
            JSON_TABLE(
                p_lines, '$[*]' COLUMNS ( -- noqa: RF02
                    product_id BIGINT UNSIGNED PATH '$.product_id',
                    qty INT PATH '$.qty',
                    unit_price DECIMAL(12, 2) PATH '$.unit_price'
                )
            ) AS jt
        INNER JOIN product AS p ON jt.product_id = p.product_id
        WHERE p.is_discontinued = 0;
        SET v_inserted_count = ROW_COUNT();
    END insert_lines;

    -- Fewer lines than given: a product is unknown, discontinued or listed twice. Name the
    -- first such line's product.
    IF v_is_duplicate OR v_inserted_count < v_line_count THEN
        SET v_message = 'a product on the order is unknown, discontinued or listed twice';
        SELECT
            CASE
                WHEN listed.product_id_found IS NULL
                    THEN CONCAT('unknown product ', listed.product_id)
                WHEN listed.is_discontinued = 1
                    THEN CONCAT('product ', listed.product_id, ' is discontinued')
                ELSE CONCAT('product ', listed.product_id, ' is listed more than once')
            END AS problem
        INTO v_message
        FROM (
            SELECT
                jt.line_no,
                jt.product_id,
                p.product_id AS product_id_found,
                p.is_discontinued,
                COUNT(*) OVER (PARTITION BY jt.product_id) AS times_listed
            FROM
                JSON_TABLE(
                    p_lines, '$[*]' COLUMNS ( -- noqa: RF02
                        line_no FOR ORDINALITY,
                        product_id BIGINT UNSIGNED PATH '$.product_id'
                    )
                ) AS jt
            LEFT JOIN product AS p ON jt.product_id = p.product_id
        ) AS listed
        WHERE
            listed.product_id_found IS NULL
            OR listed.is_discontinued = 1
            OR listed.times_listed > 1
        ORDER BY listed.line_no
        LIMIT 1;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- An order that waits to be shipped must be shippable: its invoice can hold the total.
    -- (A counter sale is invoiced in this same transaction, where fulfil_sales_order checks.)
    IF p_placed THEN
        SELECT SUM(ordered_qty * unit_price) AS total_amount INTO v_total_amount
        FROM sales_order_line
        WHERE sales_order_id = p_sales_order_id;
        IF v_total_amount > 9999999999.99 THEN
            SET v_message = CONCAT(
                'order total ', v_total_amount,
                ' exceeds the largest invoice amount, 9999999999.99'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
        CALL reserve_sales_order_stock(p_sales_order_id, p_warehouse_id, 1);
    END IF;
END
