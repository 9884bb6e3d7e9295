-- The stock part of a sale, for the sales benchmark only (not part of the schema): the
-- conditional update of the stock level and its ledger row, in one transaction, and nothing
-- else. Every stock path writes at least these two rows (the ledger must sum to on hand);
-- the row is an adjustment because a sale movement must name its order line, which this
-- floor does not write. Its rate shows what a procedure call and its transaction cost
-- before the rest of a sale's rows.
CREATE PROCEDURE stock_sale_floor(
    IN p_customer_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_lines TEXT
)
COMMENT 'Benchmark only: a one-unit stock decrease and its ledger row, without any checks.'
BEGIN
    DECLARE v_product_id BIGINT UNSIGNED DEFAULT JSON_VALUE(p_lines, '$[0].product_id');
    DECLARE v_balance_after_qty INT;
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
    SELECT on_hand_qty INTO v_balance_after_qty
    FROM stock_level
    WHERE product_id = v_product_id AND warehouse_id = p_warehouse_id;
    INSERT INTO stock_movement (
        product_id, warehouse_id, movement_type, change_qty, balance_after_qty, occurred_at,
        reason
    )
    VALUES (
        v_product_id, p_warehouse_id, 'adjustment', -1, v_balance_after_qty, UTC_TIMESTAMP(6),
        'benchmark sale'
    );
    COMMIT;
END
