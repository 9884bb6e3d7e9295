-- Internal: refuse a supplier review's details that review_supplier or update_supplier_review
-- could not store, naming the value: a text longer than its column, a blank reviewer name, a
-- rating that is not a whole number from 1 to 5. With p_given_only (update_supplier_review)
-- a NULL rating or reviewer name is not checked: it keeps the stored value. Lengths come
-- first: a text too long for its column is refused as such.
CREATE PROCEDURE check_review_details(
    IN p_rating DOUBLE,
    IN p_reviewer_name LONGTEXT,
    IN p_review_text LONGTEXT,
    IN p_given_only BOOLEAN
)
COMMENT 'Internal: signal if a supplier review''s details are too long, blank or out of range.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255) DEFAULT COALESCE(
        text_length_problem(p_reviewer_name, 'reviewer name', 100),
        text_length_problem(p_review_text, 'review text', 2000)
    );

    IF v_message IS NULL THEN
        SET v_message = COALESCE(
            IF(
                p_given_only AND p_reviewer_name IS NULL,
                NULL,
                blank_text_problem(p_reviewer_name, 'reviewer name')
            ),
            IF(
                (p_given_only AND p_rating IS NULL) OR p_rating IN (1, 2, 3, 4, 5),
                NULL,
                CONCAT(
                    'rating must be a whole number from 1 (poor) to 5 (excellent), got ',
                    COALESCE(p_rating, 'NULL')
                )
            )
        );
    END IF;
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
