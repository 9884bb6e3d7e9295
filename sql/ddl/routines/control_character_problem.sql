-- Internal: what is wrong with a code (a SKU, a warehouse code), in words: a tab, line feed,
-- carriage return or other control character inside it, once its ends are trimmed (NULL when
-- there is none, or the code is NULL). A code is printed on documents and labels and typed
-- into searches; a line break in the middle makes a code no one can type. The value is cut
-- to 40 characters in the message, which then stays within the 128 characters MySQL signals.
-- The Unicode line and paragraph separators (U+2028, U+2029) are line breaks too, but not in
-- [[:cntrl:]]: they are looked for as their UTF-8 bytes (in utf8mb4 whatever the database's
-- character set), which no other character's bytes contain (a pattern would need an escape,
-- which the server stores undone).
CREATE FUNCTION control_character_problem(
    p_value LONGTEXT,
    p_what VARCHAR(64)
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a control character inside a code in words, or NULL.'
SQL SECURITY INVOKER
BEGIN
    -- A variable, not the function's result, meets the pattern: its collation, the
    -- database's, then wins over the literal's, the creating session's.
    DECLARE v_code LONGTEXT DEFAULT trimmed_text(p_value);

    IF
        v_code REGEXP '[[:cntrl:]]'
        OR LOCATE(UNHEX('E280A8'), CAST(CONVERT(v_code USING utf8mb4) AS BINARY)) > 0
        OR LOCATE(UNHEX('E280A9'), CAST(CONVERT(v_code USING utf8mb4) AS BINARY)) > 0
    THEN
        RETURN CONCAT(
            p_what, ' must not hold a tab, line break or other control character, got ',
            LEFT(QUOTE(p_value), 40)
        );
    END IF;
    RETURN NULL;
END
