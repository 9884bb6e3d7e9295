-- Internal: what is wrong with an e-mail address, in words (NULL when it looks like one).
-- One @, something before it, a dot in what follows, and no white space or control
-- character once the ends are trimmed: enough to catch a name or a phone number in the
-- wrong field, without pretending to check RFC 5322. White space is refused by a test of
-- its own because a pattern's $ also matches before a final line break.
CREATE FUNCTION email_problem(
    p_email LONGTEXT
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with an e-mail address in words, or NULL when it looks like one.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_email LONGTEXT DEFAULT trimmed_text(p_email);

    IF
        v_email IS NULL
        OR v_email REGEXP '[[:space:][:cntrl:]]'
        OR v_email NOT REGEXP '^[^@]+@[^@]+[.][^@]+$'
    THEN
        RETURN CONCAT(
            'e-mail must look like name@example.com, got ',
            LEFT(QUOTE(p_email), 60)
        );
    END IF;
    RETURN NULL;
END
