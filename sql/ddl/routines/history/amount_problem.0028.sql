-- Internal: what is wrong with an amount of money passed to a procedure, in words (NULL when
-- a DECIMAL(12, 2) column holds it exactly, or when it is NULL: the caller's own checks name
-- that). The procedures take amounts as DOUBLE and call this first: a DECIMAL(12, 2)
-- parameter would round 12.345 to 12.35 and -0.001 to 0 without a word, and refuse
-- 100000000000 with a raw error (1264).
CREATE FUNCTION amount_problem(
    p_value DOUBLE,
    p_what VARCHAR(64)
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with an amount in words, or NULL when DECIMAL(12, 2) holds it.'
BEGIN
    IF p_value < 0 OR p_value > 9999999999.99 OR p_value <> ROUND(p_value, 2) THEN
        RETURN CONCAT(
            p_what, ' must be an amount from 0 to 9999999999.99 with 2 decimals at most, got ',
            p_value
        );
    END IF;
    RETURN NULL;
END
