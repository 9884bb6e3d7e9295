-- Internal: what is wrong with a text that must be given, in words: blank, that is NULL or
-- nothing but white space (NULL when something is left once trimmed_text has cut its ends).
CREATE FUNCTION blank_text_problem(
    p_value LONGTEXT,
    p_what VARCHAR(64)
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a blank text in words, or NULL when something is left.'
SQL SECURITY INVOKER
BEGIN
    IF trimmed_text(p_value) IS NULL THEN
        RETURN CONCAT(
            p_what, ' must not be blank, got ', LEFT(QUOTE(p_value), 60)
        );
    END IF;
    RETURN NULL;
END
