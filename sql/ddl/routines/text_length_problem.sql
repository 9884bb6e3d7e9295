-- Internal: what is wrong with a text passed to a procedure, in words: longer, once trimmed
-- as the procedures store it (trimmed_text: tabs and line breaks too, so a caller must store
-- trimmed_text of the value), than the column it is written to (NULL when it fits, is blank
-- or is NULL). The procedures take their texts as
-- LONGTEXT and call this first: a VARCHAR parameter refuses a longer value with a raw error
-- (1406) before any check runs.
CREATE FUNCTION text_length_problem(
    p_value LONGTEXT,
    p_what VARCHAR(64),
    p_max_length INT
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a text too long for its column in words, or NULL.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_text LONGTEXT DEFAULT trimmed_text(p_value);

    IF CHAR_LENGTH(v_text) > p_max_length THEN
        RETURN CONCAT(
            p_what, ' is longer than ', p_max_length, ' characters: ', LEFT(v_text, 60), '...'
        );
    END IF;
    RETURN NULL;
END
