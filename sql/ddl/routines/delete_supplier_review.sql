-- Public: delete a supplier review written in error (of the wrong supplier or delivery, or
-- twice); its delivery may then be reviewed again. supplier_performance averages the
-- reviews left.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE delete_supplier_review(
    IN p_supplier_review_id BIGINT UNSIGNED
)
COMMENT 'Delete a supplier review written in error; result: the supplier''s score left.'
BEGIN
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_message VARCHAR(255);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

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
    DELETE FROM supplier_review
    WHERE supplier_review_id = p_supplier_review_id;
    COMMIT;

    SELECT
        p_supplier_review_id AS supplier_review_id,
        v_supplier_id AS supplier_id,
        COUNT(*) AS review_count,
        ROUND(AVG(rating), 2) AS avg_rating
    FROM supplier_review
    WHERE supplier_id = v_supplier_id;
END
