-- Public: record our rating of a supplier, 1 (poor) to 5 (excellent), with the reviewer's
-- name and optional words: of one delivery, when a purchase order is given (an order of that
-- supplier, something of it received, and reviewed once), or of the supplier in general.
-- supplier_performance averages the ratings. Texts lose the white space at their ends
-- (trimmed_text); blank words are stored as NULL. Texts are LONGTEXT and the rating DOUBLE
-- so that the checks see what was given (see text_length_problem); the rules live in
-- check_review_details, which update_supplier_review shares.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE review_supplier(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_purchase_order_id BIGINT UNSIGNED,
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT
)
COMMENT 'Rate a supplier or one of its deliveries; result: the review and the supplier score.'
BEGIN
    DECLARE v_order_supplier_id BIGINT UNSIGNED;
    DECLARE v_review_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    -- The unique key is the guard against a second review of a delivery (two callers may
    -- write one at once); its error is put in words.
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SET v_message = CONCAT('purchase order ', p_purchase_order_id, ' is already reviewed');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    CALL check_review_details(p_rating, p_reviewer_name, p_review_text, FALSE);

    START TRANSACTION;
    -- The foreign keys stay the guards; these checks only give the clear messages. An
    -- order's supplier never changes, and what was received is never taken back: plain
    -- reads decide.
    IF NOT EXISTS (
        SELECT 1 FROM supplier
        WHERE supplier_id = p_supplier_id
    ) THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF p_purchase_order_id IS NOT NULL THEN
        SELECT supplier_id INTO v_order_supplier_id
        FROM purchase_order
        WHERE purchase_order_id = p_purchase_order_id;
        IF v_order_supplier_id IS NULL THEN
            SET v_message = CONCAT('unknown purchase order ', p_purchase_order_id);
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        ELSEIF v_order_supplier_id <> p_supplier_id THEN
            SET v_message = CONCAT(
                'purchase order ', p_purchase_order_id, ' is from supplier ',
                v_order_supplier_id, ', not ', p_supplier_id
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        ELSEIF NOT EXISTS (
            SELECT 1 FROM purchase_order_line
            WHERE purchase_order_id = p_purchase_order_id AND received_qty > 0
        ) THEN
            SET v_message = CONCAT(
                'purchase order ', p_purchase_order_id, ' has no delivery to review yet'
            );
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
        END IF;
    END IF;

    INSERT INTO supplier_review (
        supplier_id, purchase_order_id, rating, review_text, reviewer_name, reviewed_at
    )
    VALUES (
        p_supplier_id,
        p_purchase_order_id,
        p_rating,
        trimmed_text(p_review_text),
        trimmed_text(p_reviewer_name),
        UTC_TIMESTAMP()
    );
    -- LAST_INSERT_ID() is per connection: right on a Galera cluster, where ids step by nodes.
    SET v_review_id = LAST_INSERT_ID();
    COMMIT;

    SELECT
        v_review_id AS supplier_review_id,
        p_supplier_id AS supplier_id,
        COUNT(*) AS review_count,
        ROUND(AVG(rating), 2) AS avg_rating
    FROM supplier_review
    WHERE supplier_id = p_supplier_id;
END
