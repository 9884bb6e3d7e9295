-- Public: record the terms on which a supplier sells us a product, a new offer or new terms
-- for one it has: its SKU for the product, unit cost, promised lead time, minimum order
-- quantity and pack size (order multiple), and whether it is the product's preferred offer.
-- Making an offer preferred makes the product's other offers not preferred: automatic
-- reordering buys from the preferred offer first, then the cheapest (reorder_supplier), and
-- a buyer choosing one means that one. New terms apply to orders written from now on; lines
-- already on purchase orders keep the cost and quantity they were written with. A
-- discontinued product takes no offers: it is not bought any more.
-- Locks the product first, then its offers, as delete_product does; create_purchase_order
-- share-locks products before offers too. Two calls for one product take turns on the
-- product row, so one preferred offer is left; on a Galera cluster, where the lock does not
-- reach other nodes, calls on two nodes at once may leave two, and reorder_supplier then
-- picks the cheaper.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE set_supplier_offer(
    IN p_product_id BIGINT UNSIGNED,
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_supplier_sku LONGTEXT,
    IN p_unit_cost DOUBLE,
    IN p_lead_time_days DOUBLE,
    IN p_min_order_qty DOUBLE,
    IN p_order_multiple DOUBLE,
    IN p_is_preferred DOUBLE
)
COMMENT 'Add a supplier offer for a product or change its terms; result: the offer.'
BEGIN
    DECLARE v_supplier_sku LONGTEXT;
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_sku_product_id BIGINT UNSIGNED;
    DECLARE v_offer_count INT;
    DECLARE v_others_unpreferred INT DEFAULT 0;
    DECLARE v_message VARCHAR(255);
    -- The unique key (supplier, SKU) is the guard against a SKU the supplier uses for another
    -- product (two callers may write it at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' already uses SKU ', LEFT(QUOTE(v_supplier_sku), 60),
            ' for another product'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = COALESCE(
        text_length_problem(p_supplier_sku, 'supplier SKU', 60),
        blank_text_problem(p_supplier_sku, 'supplier SKU'),
        IF(
            p_unit_cost IS NULL OR p_unit_cost <= 0,
            CONCAT('unit cost must be more than 0, got ', COALESCE(p_unit_cost, 'NULL')),
            amount_problem(p_unit_cost, 'unit cost')
        ),
        IF(
            p_lead_time_days IS NULL OR p_lead_time_days NOT BETWEEN 0 AND 32767
            OR p_lead_time_days <> FLOOR(p_lead_time_days),
            CONCAT(
                'lead time must be a whole number of days from 0 to 32767, got ',
                COALESCE(p_lead_time_days, 'NULL')
            ),
            NULL
        ),
        whole_number_problem(p_min_order_qty, 'minimum order quantity'),
        IF(
            p_min_order_qty IS NULL OR p_min_order_qty < 1,
            CONCAT(
                'minimum order quantity must be 1 or more, got ', COALESCE(p_min_order_qty, 'NULL')
            ),
            NULL
        ),
        whole_number_problem(p_order_multiple, 'order multiple'),
        IF(
            p_order_multiple IS NULL OR p_order_multiple < 1,
            CONCAT('order multiple must be 1 or more, got ', COALESCE(p_order_multiple, 'NULL')),
            NULL
        ),
        IF(
            p_is_preferred IS NULL OR p_is_preferred NOT IN (0, 1),
            CONCAT(
                'preferred must be 0 (not preferred) or 1 (buy from this offer first), got ',
                COALESCE(p_is_preferred, 'NULL')
            ),
            NULL
        )
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- TRIM first cuts runs of spaces without a pattern.
    SET v_supplier_sku = trimmed_text(TRIM(p_supplier_sku));

    START TRANSACTION;
    SELECT is_discontinued INTO v_is_discontinued
    FROM product
    WHERE product_id = p_product_id
    FOR UPDATE;
    IF v_is_discontinued IS NULL THEN
        SET v_message = CONCAT('unknown product ', COALESCE(p_product_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    ELSEIF v_is_discontinued = 1 THEN
        SET v_message = CONCAT(
            'product ', p_product_id, ' is discontinued and takes no supplier offers'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- The foreign key stays the guard; this check only gives the clear message.
    IF NOT EXISTS (
        SELECT 1 FROM supplier
        WHERE supplier_id = p_supplier_id
    ) THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SELECT MIN(product_id) INTO v_sku_product_id
    FROM product_supplier
    WHERE
        supplier_id = p_supplier_id
        AND supplier_sku = v_supplier_sku
        AND product_id <> p_product_id;
    IF v_sku_product_id IS NOT NULL THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' already uses SKU ', LEFT(QUOTE(v_supplier_sku), 60),
            ' for product ', v_sku_product_id
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    SELECT COUNT(*) INTO v_offer_count
    FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_offer_count = 0 THEN
        INSERT INTO product_supplier (
            product_id, supplier_id, supplier_sku, unit_cost, lead_time_days, min_order_qty,
            order_multiple, is_preferred
        )
        VALUES (
            p_product_id, p_supplier_id, v_supplier_sku, p_unit_cost, p_lead_time_days,
            p_min_order_qty, p_order_multiple, p_is_preferred
        );
    ELSE
        UPDATE product_supplier
        SET
            supplier_sku = v_supplier_sku,
            unit_cost = p_unit_cost,
            lead_time_days = p_lead_time_days,
            min_order_qty = p_min_order_qty,
            order_multiple = p_order_multiple,
            is_preferred = p_is_preferred
        WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    END IF;
    IF p_is_preferred = 1 THEN
        UPDATE product_supplier
        SET is_preferred = 0
        WHERE product_id = p_product_id AND supplier_id <> p_supplier_id AND is_preferred = 1;
        SET v_others_unpreferred = ROW_COUNT();
    END IF;
    COMMIT;

    SELECT
        ps.product_id,
        ps.supplier_id,
        ps.supplier_sku,
        ps.unit_cost,
        ps.lead_time_days,
        ps.min_order_qty,
        ps.order_multiple,
        ps.is_preferred,
        v_others_unpreferred AS others_no_longer_preferred,
        rs.supplier_id AS reorder_supplier_id,
        v_offer_count = 0 AS is_new_offer
    FROM product_supplier AS ps
    LEFT JOIN reorder_supplier AS rs ON ps.product_id = rs.product_id
    WHERE ps.product_id = p_product_id AND ps.supplier_id = p_supplier_id;
END
