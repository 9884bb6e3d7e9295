-- Public: record the terms on which a supplier sells us a product, a new offer or new terms
-- for one it has: its SKU for the product, unit cost, promised lead time, minimum order
-- quantity and pack size (order multiple), and whether it is the product's preferred offer.
-- Making an offer preferred makes the product's other offers not preferred: automatic
-- reordering buys from the preferred offer first, then the cheapest (reorder_supplier), and
-- a buyer choosing one means that one. Only an active supplier's offer can be made preferred
-- (one already preferred may keep it): reordering passes over an inactive supplier, so the
-- product would be left with no preferred offer it uses. New terms apply from now on: orders
-- already sent keep theirs; a draft keeps the cost of a line until reorder_stock grows it or
-- a buyer changes it (either prices it anew), and takes its expected date from the lead
-- times of the day it is sent. A draft is sent with the quantities it holds, so a minimum or pack size that
-- the quantity of a draft of the supplier's for the product breaks is refused, naming the
-- draft: change it (set_purchase_order_line) or cancel it first, or keep terms it meets. A
-- discontinued product takes no offers: it is not bought any more.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which reads the offers
-- and locks some while it writes drafts), then the supplier (shared), then the product, then
-- its offers, as withdraw_supplier_offer and delete_product lock a product before its offers,
-- and create_purchase_order share-locks the supplier, then products, then the offers it
-- prices from. The supplier comes before the product: taken after it, a change of the
-- supplier (which locks its row) could wait between a draft being written and this call,
-- and close a cycle of waits (a deadlock). Calls take
-- turns on the reorder_run row, so one preferred offer is left; on a Galera cluster, where
-- the lock does not reach other nodes, calls on two nodes at once may leave two, and
-- reorder_supplier then picks the cheaper; and a draft written on another node at the same
-- moment may hold the product on the old terms (the validation query draft_lines_off_terms
-- finds it).
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
    DECLARE v_reorder_runs INT;
    DECLARE v_is_discontinued BOOLEAN;
    DECLARE v_supplier_is_active BOOLEAN;
    DECLARE v_error TEXT;
    DECLARE v_sku_product_id BIGINT UNSIGNED;
    DECLARE v_offer_count INT;
    DECLARE v_was_preferred BOOLEAN;
    DECLARE v_others_unpreferred INT DEFAULT 0;
    DECLARE v_draft_id BIGINT UNSIGNED;
    DECLARE v_draft_qty INT;
    DECLARE v_draft_status VARCHAR(20);
    DECLARE v_message VARCHAR(255);
    -- The unique key (supplier, SKU) is the guard against a SKU the supplier uses for another
    -- product (on a cluster, two nodes may write it at once); its error is put in words. Any
    -- other key's is passed on as it is.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        GET DIAGNOSTICS CONDITION 1 v_error = MESSAGE_TEXT;
        ROLLBACK;
        IF LOCATE('uq_product_supplier__supplier_id_supplier_sku', v_error) = 0 THEN
            RESIGNAL;
        END IF;
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
        control_character_problem(p_supplier_sku, 'supplier SKU'),
        IF(
            p_unit_cost IS NULL OR p_unit_cost < 0.01,
            CONCAT('unit cost must be 0.01 or more, got ', COALESCE(p_unit_cost, 'NULL')),
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
        -- The smallest order on these terms must fit an order line (an INT).
        IF(
            CEIL(p_min_order_qty / p_order_multiple) * p_order_multiple > 2147483647,
            CONCAT(
                'a minimum of ', p_min_order_qty, ' in whole packs of ', p_order_multiple,
                ' is more than an order line holds (2147483647)'
            ),
            NULL
        ),
        flag_problem(p_is_preferred, 'preferred', 'not preferred', 'buy from this offer first')
    );
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_supplier_sku = trimmed_text(p_supplier_sku);

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;
    -- Share-locked, as the foreign key would lock it, so that it is not stopped meanwhile.
    SELECT is_active INTO v_supplier_is_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    LOCK IN SHARE MODE;
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
    IF v_supplier_is_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- Plain reads from here: the locks above make every writer of this product's offers wait.
    SELECT
        COUNT(*) AS offer_count,
        COALESCE(MAX(is_preferred), 0) AS was_preferred
    INTO v_offer_count, v_was_preferred
    FROM product_supplier
    WHERE product_id = p_product_id AND supplier_id = p_supplier_id;
    IF v_supplier_is_active = 0 AND p_is_preferred = 1 AND v_was_preferred = 0 THEN
        SET v_message = CONCAT(
            'supplier ', p_supplier_id, ' is inactive: resume it before making its offer preferred'
        );
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
    -- create_purchase_order share-locks the product before it writes a draft from the offer,
    -- and reorder_stock holds the reorder_run row: this read sees every draft they wrote. A
    -- draft it finds is then locked by primary key and its status read again: one being sent
    -- at this moment is waited for and, once sent, passed by (sending shares the supplier, so
    -- nothing else makes this call wait for it). The offer is not locked yet, which a sending
    -- reads with a shared lock.
    SET v_draft_id = 0;
    find_draft: LOOP
        SELECT MIN(po.purchase_order_id) INTO v_draft_id
        FROM purchase_order AS po
        INNER JOIN purchase_order_line AS pol ON po.purchase_order_id = pol.purchase_order_id
        WHERE
            po.supplier_id = p_supplier_id
            AND po.status = 'draft'
            AND po.purchase_order_id > v_draft_id
            AND pol.product_id = p_product_id
            AND (
                pol.ordered_qty < p_min_order_qty
                OR MOD(pol.ordered_qty, p_order_multiple) <> 0
            );
        IF v_draft_id IS NULL THEN
            LEAVE find_draft;
        END IF;
        SET v_draft_status = NULL;
        SELECT status INTO v_draft_status
        FROM purchase_order
        WHERE purchase_order_id = v_draft_id
        FOR UPDATE;
        IF v_draft_status = 'draft' THEN
            SELECT ordered_qty INTO v_draft_qty
            FROM purchase_order_line
            WHERE purchase_order_id = v_draft_id AND product_id = p_product_id;
            SET v_message = CONCAT(
                'draft purchase order ', v_draft_id, ' orders ', v_draft_qty, ' of product ',
                p_product_id,
                IF(
                    v_draft_qty < p_min_order_qty,
                    CONCAT(', under the minimum ', p_min_order_qty),
                    CONCAT(', not a multiple of ', p_order_multiple)
                ),
                ': change or cancel it first'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END LOOP find_draft;

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
    -- An inactive supplier's offer kept preferred takes that from no active supplier's.
    IF p_is_preferred = 1 AND v_supplier_is_active = 1 THEN
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
