-- Public: automatic restocking. Turns every row of reorder_suggestion into draft purchase
-- orders (is_auto_generated = 1), one per supplier and warehouse: lines go onto the existing
-- auto-generated draft for that pair when there is one (a line already there grows), else
-- onto a new draft. The expected date is today + the longest lead time of the draft's lines.
-- A new line orders reorder_suggestion's quantity. A line that grows takes the smallest total
-- on the offer's terms (at least its minimum, in whole packs) that covers the shortfall too.
-- Returns one row per line created or increased. Running it again finds nothing to do:
-- drafts count as on order, so the positions are no longer at the reorder point.
--
-- Two runs at once: each run first writes the single reorder_run row, before it reads any
-- suggestion. On one server the second run waits for that row lock; its snapshot is taken
-- only after (the first consistent read comes after the write), so it sees the first run's
-- drafts and finds nothing left to order. The suggestions are read through a cursor, a
-- consistent read that locks nothing: an INSERT ... SELECT from the view would be a locking
-- read, holding a shared lock on every stock level and open purchase line it reads, so that
-- every sale, receipt and adjustment waited until the run committed. On a Galera cluster,
-- where SELECT ... FOR UPDATE on one node does not block another, both runs write the same
-- row, so certification lets one commit and aborts the other with error 1213 (deadlock);
-- callers retry it (sims.inventory.call_procedure does) and the retry finds the drafts
-- already there.
-- GET_LOCK would be node-local, so correctness does not rest on it.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE reorder_stock()
COMMENT 'Create or extend auto-generated draft purchase orders from reorder_suggestion.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_candidate_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_qty BIGINT;
    DECLARE v_total_qty BIGINT;
    DECLARE v_message VARCHAR(255);
    DECLARE v_shortfall_qty BIGINT;
    DECLARE v_min_order_qty INT;
    DECLARE v_order_multiple INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE v_suggestions_read BOOLEAN DEFAULT FALSE;
    DECLARE c_suggestion CURSOR FOR
        SELECT
            product_id,
            warehouse_id,
            supplier_id,
            order_qty,
            min_order_qty,
            order_multiple,
            unit_cost,
            target_qty - position_qty AS shortfall_qty
        FROM reorder_suggestion;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_suggestions_read = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_line;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_order;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_product;
    CREATE TEMPORARY TABLE tmp_reorder_line (
        product_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        supplier_id BIGINT UNSIGNED NOT NULL,
        order_qty BIGINT NOT NULL,
        shortfall_qty BIGINT NOT NULL,
        min_order_qty INT NOT NULL,
        order_multiple INT NOT NULL,
        unit_cost DECIMAL(12, 2) NOT NULL,
        purchase_order_id BIGINT UNSIGNED NULL,
        is_new_line BOOLEAN NOT NULL DEFAULT TRUE,
        PRIMARY KEY (product_id, warehouse_id)
    );
    CREATE TEMPORARY TABLE tmp_reorder_product (
        product_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
    );
    CREATE TEMPORARY TABLE tmp_reorder_order (
        supplier_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        purchase_order_id BIGINT UNSIGNED NULL,
        is_looked_up BOOLEAN NOT NULL DEFAULT FALSE,
        is_new_order BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (supplier_id, warehouse_id)
    );

    START TRANSACTION;
    -- The turn-taking write (see above): first statement of the transaction, before any read.
    INSERT INTO reorder_run (reorder_run_id, run_count, last_run_at)
    VALUES (1, 1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE run_count = run_count + 1, last_run_at = UTC_TIMESTAMP(6);

    OPEN c_suggestion;
    read_suggestions: LOOP
        FETCH c_suggestion INTO
            v_product_id, v_warehouse_id, v_supplier_id, v_qty, v_min_order_qty, -- noqa: LT02
            v_order_multiple, v_unit_cost, v_shortfall_qty; -- noqa: LT02
        IF v_suggestions_read THEN
            LEAVE read_suggestions;
        END IF;
        INSERT INTO tmp_reorder_line (
            product_id, warehouse_id, supplier_id, order_qty, shortfall_qty, min_order_qty,
            order_multiple, unit_cost
        )
        VALUES (
            v_product_id, v_warehouse_id, v_supplier_id, v_qty, v_shortfall_qty,
            v_min_order_qty, v_order_multiple, v_unit_cost
        );
    END LOOP;
    CLOSE c_suggestion;
    -- The products to order, share-locked (INSERT ... SELECT reads them as they are now and
    -- locks them): one deleted or discontinued since the cursor read is dropped, and none can
    -- be deleted or discontinued before its line is written. Without the lock a product
    -- deleted meanwhile failed the whole run on the lines' foreign key (1452).
    INSERT INTO tmp_reorder_product (product_id)
    SELECT DISTINCT p.product_id
    FROM product AS p
    INNER JOIN tmp_reorder_line AS l ON p.product_id = l.product_id
    WHERE p.is_discontinued = 0;
    DELETE FROM tmp_reorder_line
    WHERE product_id NOT IN (SELECT rp.product_id FROM tmp_reorder_product AS rp);
    INSERT INTO tmp_reorder_order (supplier_id, warehouse_id)
    SELECT DISTINCT
        supplier_id,
        warehouse_id
    FROM tmp_reorder_line;

    -- One draft per supplier and warehouse, in that order: the existing auto-generated draft
    -- or a new one. A draft with a line for a discontinued product cannot be sent and is not
    -- on order (stock_position): lines put on it would never be ordered, so it is passed by.
    -- The candidate is found with a plain read, then locked by its primary key alone and its
    -- status read again (it may have been sent or cancelled since this run's snapshot): a
    -- locking read through the (supplier, status) index locked the supplier's drafts' entries
    -- and the gaps between before their rows, the opposite order of send_purchase_order and
    -- cancel_purchase_order, which lock a draft's row and then move its entry (they
    -- deadlocked), and held up every new purchase order's insert.
    -- Every pair's existing draft is locked before any new draft is written: a new draft's
    -- insert share-locks its warehouse (the foreign key), and a run holding a warehouse so
    -- while it waited for a draft being sent, itself queued behind a change of that
    -- warehouse, closed a cycle of three.
    WHILE EXISTS (
        SELECT 1
        FROM tmp_reorder_order
        WHERE NOT is_looked_up
    ) DO
        SELECT
            supplier_id,
            warehouse_id
        INTO v_supplier_id, v_warehouse_id
        FROM tmp_reorder_order
        WHERE NOT is_looked_up
        ORDER BY supplier_id, warehouse_id
        LIMIT 1;
        SET v_purchase_order_id = NULL;
        SET v_candidate_id = 0;
        find_draft: LOOP
            SELECT MIN(purchase_order_id) INTO v_candidate_id
            FROM purchase_order
            WHERE
                supplier_id = v_supplier_id
                AND warehouse_id = v_warehouse_id
                AND status = 'draft'
                AND is_auto_generated = 1
                AND purchase_order_id > v_candidate_id
                AND NOT EXISTS (
                    SELECT 1
                    FROM purchase_order_line AS pol
                    INNER JOIN product AS p ON pol.product_id = p.product_id
                    WHERE
                        pol.purchase_order_id = purchase_order.purchase_order_id
                        AND p.is_discontinued = 1
                );
            IF v_candidate_id IS NULL THEN
                LEAVE find_draft;
            END IF;
            SET v_status = NULL;
            SELECT status INTO v_status
            FROM purchase_order
            WHERE purchase_order_id = v_candidate_id
            FOR UPDATE;
            IF v_status = 'draft' THEN
                SET v_purchase_order_id = v_candidate_id;
                LEAVE find_draft;
            END IF;
        END LOOP find_draft;
        UPDATE tmp_reorder_order
        SET purchase_order_id = v_purchase_order_id, is_looked_up = TRUE
        WHERE supplier_id = v_supplier_id AND warehouse_id = v_warehouse_id;
    END WHILE;
    WHILE EXISTS (
        SELECT 1
        FROM tmp_reorder_order
        WHERE purchase_order_id IS NULL
    ) DO
        SELECT
            supplier_id,
            warehouse_id
        INTO v_supplier_id, v_warehouse_id
        FROM tmp_reorder_order
        WHERE purchase_order_id IS NULL
        ORDER BY supplier_id, warehouse_id
        LIMIT 1;
        INSERT INTO purchase_order (supplier_id, warehouse_id, status, is_auto_generated)
        VALUES (v_supplier_id, v_warehouse_id, 'draft', 1);
        UPDATE tmp_reorder_order
        SET purchase_order_id = LAST_INSERT_ID(), is_new_order = TRUE
        WHERE supplier_id = v_supplier_id AND warehouse_id = v_warehouse_id;
    END WHILE;

    UPDATE tmp_reorder_line AS l, tmp_reorder_order AS o
    SET l.purchase_order_id = o.purchase_order_id
    WHERE l.supplier_id = o.supplier_id AND l.warehouse_id = o.warehouse_id;
    -- A product already on the draft: the line's new total is what it holds plus the
    -- shortfall, rounded up to the offer's terms. A line on them (set_supplier_offer refuses
    -- terms a draft breaks) grows by the shortfall in whole packs; one that is not (written
    -- by hand) comes back onto them, so the draft can be sent as it is.
    UPDATE tmp_reorder_line AS l, purchase_order_line AS pol
    SET
        l.is_new_line = FALSE,
        l.order_qty = CEIL(
            GREATEST(pol.ordered_qty + l.shortfall_qty, l.min_order_qty) / l.order_multiple
        ) * l.order_multiple - pol.ordered_qty
    WHERE l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id;

    -- Whole packs up to a target near the top of an INT can come to more than an order line
    -- holds: refused by name (the rows would be refused with a raw 1264).
    SET v_total_qty = NULL;
    SELECT
        l.product_id,
        l.warehouse_id,
        l.order_qty + COALESCE(pol.ordered_qty, 0) AS total_qty
    INTO v_product_id, v_warehouse_id, v_total_qty
    FROM tmp_reorder_line AS l
    LEFT JOIN purchase_order_line AS pol
        ON l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id
    WHERE l.order_qty + COALESCE(pol.ordered_qty, 0) > 2147483647
    ORDER BY l.product_id, l.warehouse_id
    LIMIT 1;
    IF v_total_qty IS NOT NULL THEN
        SET v_message = CONCAT(
            'product ', v_product_id, ' in warehouse ', v_warehouse_id, ' would be ordered ',
            v_total_qty, ', more than a line holds (2147483647): lower its target'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    -- The line grows at the current offer's price.
    UPDATE purchase_order_line AS pol, tmp_reorder_line AS l
    SET
        pol.ordered_qty = pol.ordered_qty + l.order_qty,
        pol.unit_cost = l.unit_cost
    WHERE pol.purchase_order_id = l.purchase_order_id AND pol.product_id = l.product_id;
    -- New lines one by one with VALUES: an INSERT ... SELECT holds the table's
    -- auto-increment lock for as long as its insert waits, and a draft being written waited
    -- for that lock while holding the gap this run's insert came for (a review saw them
    -- deadlock).
    insert_new_lines: BEGIN
        DECLARE v_lines_read BOOLEAN DEFAULT FALSE;
        DECLARE c_new_line CURSOR FOR
            SELECT
                purchase_order_id,
                product_id,
                order_qty,
                unit_cost
            FROM tmp_reorder_line
            WHERE is_new_line
            ORDER BY purchase_order_id, product_id;
        DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_lines_read = TRUE;
        OPEN c_new_line;
        write_lines: LOOP
            FETCH c_new_line INTO v_purchase_order_id, v_product_id, v_qty, v_unit_cost;
            IF v_lines_read THEN
                LEAVE write_lines;
            END IF;
            INSERT INTO purchase_order_line (
                purchase_order_id, product_id, ordered_qty, unit_cost
            )
            VALUES (v_purchase_order_id, v_product_id, v_qty, v_unit_cost);
        END LOOP;
        CLOSE c_new_line;
    END insert_new_lines;

    UPDATE purchase_order AS po, tmp_reorder_order AS o
    SET
        po.expected_date = UTC_DATE() + INTERVAL (
            SELECT COALESCE(MAX(ps.lead_time_days), 0)
            FROM purchase_order_line AS pol
            INNER JOIN product_supplier AS ps
                ON pol.product_id = ps.product_id AND ps.supplier_id = po.supplier_id
            WHERE pol.purchase_order_id = po.purchase_order_id
        ) DAY
    WHERE po.purchase_order_id = o.purchase_order_id;

    UPDATE reorder_run
    SET
        last_order_count = (SELECT COUNT(*) FROM tmp_reorder_order),
        last_line_count = (SELECT COUNT(*) FROM tmp_reorder_line)
    WHERE reorder_run_id = 1;
    COMMIT;

    SELECT
        l.purchase_order_id,
        o.is_new_order,
        l.supplier_id,
        l.warehouse_id,
        l.product_id,
        l.is_new_line,
        l.order_qty AS added_qty,
        pol.ordered_qty,
        pol.unit_cost,
        po.expected_date
    FROM tmp_reorder_line AS l
    INNER JOIN tmp_reorder_order AS o ON l.purchase_order_id = o.purchase_order_id
    INNER JOIN purchase_order_line AS pol
        ON l.purchase_order_id = pol.purchase_order_id AND l.product_id = pol.product_id
    INNER JOIN purchase_order AS po ON l.purchase_order_id = po.purchase_order_id
    ORDER BY l.supplier_id, l.warehouse_id, l.product_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_line;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_order;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_product;
END
