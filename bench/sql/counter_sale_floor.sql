-- The floor of a counter sale, for the sales benchmark only (not part of the schema): the rows
-- one sale of one unit must write (the stock level, an order, its line, a ledger movement,
-- an invoice and its line) in one transaction, and nothing else: no checks of the customer,
-- the warehouse or the line, no diagnosis, one line only, in the fewest and cheapest
-- statements found. Its rate against the bare UPDATE is the most a sales procedure writing
-- those rows can expect on the same server.
CREATE PROCEDURE counter_sale_floor(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines TEXT
)
COMMENT 'Benchmark only: the rows of a one-unit counter sale, written without any checks.'
BEGIN
    DECLARE v_product_id BIGINT UNSIGNED DEFAULT JSON_VALUE(p_lines, '$[0].product_id');
    DECLARE v_now DATETIME DEFAULT UTC_TIMESTAMP();
    DECLARE v_unit_price DECIMAL(12, 2);
    DECLARE v_balance_after_qty INT;
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE v_sales_order_line_id BIGINT UNSIGNED;
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    UPDATE stock_level
    SET on_hand_qty = on_hand_qty - 1
    WHERE
        product_id = v_product_id
        AND warehouse_id = p_warehouse_id
        AND on_hand_qty - 1 >= reserved_qty;
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'out of stock';
    END IF;
    -- One read for the price and the balance; then plain inserts (cheaper here than INSERT
    -- ... SELECT, which reads with locks).
    SELECT
        p.unit_price,
        sl.on_hand_qty
    INTO v_unit_price, v_balance_after_qty
    FROM product AS p
    INNER JOIN stock_level AS sl
        ON p.product_id = sl.product_id AND sl.warehouse_id = p_warehouse_id -- noqa: RF02
    WHERE p.product_id = v_product_id; -- noqa: RF02
    INSERT INTO sales_order (customer_id, warehouse_id, status, ordered_at, shipped_at)
    VALUES (p_customer_id, p_warehouse_id, 'shipped', v_now, v_now);
    SET v_sales_order_id = LAST_INSERT_ID();
    INSERT INTO sales_order_line (
        sales_order_id, product_id, ordered_qty, shipped_qty, unit_price
    )
    VALUES (v_sales_order_id, v_product_id, 1, 1, v_unit_price);
    SET v_sales_order_line_id = LAST_INSERT_ID();
    INSERT INTO stock_movement (
        product_id, warehouse_id, movement_type, change_qty, balance_after_qty, occurred_at,
        sales_order_line_id
    )
    VALUES (
        v_product_id, p_warehouse_id, 'sale', -1, v_balance_after_qty, UTC_TIMESTAMP(6),
        v_sales_order_line_id
    );
    INSERT INTO invoice (sales_order_id, status, total_amount, issued_at, due_date)
    VALUES (v_sales_order_id, 'issued', v_unit_price, v_now, DATE(v_now) + INTERVAL 30 DAY);
    SET v_invoice_id = LAST_INSERT_ID();
    INSERT INTO invoice_line (
        invoice_id, sales_order_line_id, invoiced_qty, unit_price, line_total
    )
    VALUES (v_invoice_id, v_sales_order_line_id, 1, v_unit_price, v_unit_price);
    COMMIT;
    SELECT
        v_sales_order_id AS sales_order_id,
        v_invoice_id AS invoice_id;
END
