-- Internal: what is wrong with a country code, in words (NULL when, without spaces at its
-- ends and in upper case, it is two letters A to Z, as the tables' CHECK constraints want).
-- Its patterns take one pass, so a code of any length is judged at once.
CREATE FUNCTION country_code_problem(
    p_country_code LONGTEXT
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a country code in words, or NULL when it is two letters.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_country_code LONGTEXT DEFAULT UPPER(TRIM(p_country_code));

    IF
        v_country_code IS NULL
        OR CHAR_LENGTH(v_country_code) <> 2
        OR v_country_code COLLATE utf8mb4_bin REGEXP '[^A-Z]'
    THEN
        RETURN CONCAT(
            'country code must be two letters (ISO 3166-1, such as GB), got ',
            LEFT(QUOTE(p_country_code), 40)
        );
    END IF;
    RETURN NULL;
END
