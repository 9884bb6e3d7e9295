-- Public: correct a supplier review: its rating, the reviewer's name or the words. A NULL
-- argument keeps the value; blank words are cleared, a blank reviewer name refused. Checked
-- and trimmed as review_supplier does (check_review_details). What was reviewed (the
-- supplier, the delivery) and when stay: a review of the wrong one is deleted
-- (delete_supplier_review) and written again.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE update_supplier_review(
    IN p_supplier_review_id BIGINT UNSIGNED,
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT
)
COMMENT 'Correct a review''s rating, reviewer or words (NULL keeps); result: review, score.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF p_rating IS NULL AND p_reviewer_name IS NULL AND p_review_text IS NULL THEN
        SET v_message = CONCAT(
            'nothing to change for supplier review ', COALESCE(p_supplier_review_id, 'NULL'),
            ': give a rating, reviewer or text'
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL check_review_details(p_rating, p_reviewer_name, p_review_text, TRUE);

    START TRANSACTION;
    SELECT MAX(supplier_id) INTO v_supplier_id
    FROM supplier_review
    WHERE supplier_review_id = p_supplier_review_id
    FOR UPDATE;
    IF v_supplier_id IS NULL THEN
        SET v_message = CONCAT(
            'unknown supplier review ', COALESCE(p_supplier_review_id, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier_review
    SET
        rating = COALESCE(p_rating, rating),
        reviewer_name = COALESCE(trimmed_text(p_reviewer_name), reviewer_name),
        review_text = IF(p_review_text IS NULL, review_text, trimmed_text(p_review_text))
    WHERE supplier_review_id = p_supplier_review_id;
    COMMIT;

    WITH score AS (
        SELECT
            COUNT(*) AS review_count,
            ROUND(AVG(rating), 2) AS avg_rating
        FROM supplier_review
        WHERE supplier_id = v_supplier_id
    )

    SELECT
        r.supplier_review_id,
        r.supplier_id,
        r.purchase_order_id,
        r.rating,
        r.reviewer_name,
        r.review_text,
        score.review_count,
        score.avg_rating
    FROM supplier_review AS r
    CROSS JOIN score
    WHERE r.supplier_review_id = p_supplier_review_id;
END
