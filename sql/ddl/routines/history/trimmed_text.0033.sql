-- Internal: a text with white space of every kind (tabs and line breaks as well as spaces)
-- cut from both ends, or NULL when nothing is left (or it was NULL). TRIM cuts spaces only,
-- so a value ending in a line break passed for another value. Callers check the length
-- first (text_length_problem) and cut spaces with TRIM: the pattern's time grows with the
-- square of a long run of white space, so it must only see a column's worth. Lengths, not
-- comparisons with '', decide emptiness: a literal takes the collation of the session that
-- created the routine, which need not be the value's.
CREATE FUNCTION trimmed_text(
    p_value LONGTEXT
)
RETURNS LONGTEXT
DETERMINISTIC
COMMENT 'Internal: the text without white space at either end, or NULL when none is left.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_text LONGTEXT DEFAULT REGEXP_REPLACE(p_value, '^[[:space:]]+|[[:space:]]+$', '');

    RETURN IF(CHAR_LENGTH(v_text) = 0, NULL, v_text);
END
