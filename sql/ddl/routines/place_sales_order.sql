-- Public: place a sales order for a customer and warehouse, reserving the stock of its lines.
-- p_lines: a JSON array of {"product_id": int, "qty": int, "unit_price": number (optional,
-- default the product's price)}, e.g. '[{"product_id": 7, "qty": 2}]'.
CREATE PROCEDURE place_sales_order(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines LONGTEXT
)
COMMENT 'Place an open sales order from JSON lines and reserve its stock; returns its id.'
BEGIN
    DECLARE v_sales_order_id BIGINT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    START TRANSACTION;
    CALL create_sales_order(p_customer_id, p_warehouse_id, p_lines, TRUE, v_sales_order_id);
    COMMIT;
    SELECT v_sales_order_id AS sales_order_id;
END
