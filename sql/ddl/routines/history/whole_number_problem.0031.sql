-- Internal: what is wrong with a quantity passed to a procedure, in words (NULL when it is a
-- whole number an INT column holds, or NULL itself: the caller's own checks name that).
-- The procedures take their quantities as DOUBLE and call this first: an INT parameter
-- would round 2.5 to 3 without a word, and refuse 3000000000 with a raw error (1264).
CREATE FUNCTION whole_number_problem(
    p_value DOUBLE,
    p_what VARCHAR(64)
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a quantity in words, or NULL when it is a whole INT.'
SQL SECURITY INVOKER
BEGIN
    IF p_value <> FLOOR(p_value) THEN
        RETURN CONCAT(p_what, ' must be a whole number, got ', p_value);
    END IF;
    -- Whole here: printed in digits (CONCAT would write 1e15) as far as DECIMAL(65) goes;
    -- past it, as the number is (the cast would fail with an error of its own). Both as
    -- text: an IF of a DECIMAL and a DOUBLE is a DOUBLE, printed 1e15 again.
    IF p_value NOT BETWEEN -2147483648 AND 2147483647 THEN
        RETURN CONCAT(
            p_what, ' must be between -2147483648 and 2147483647, got ',
            IF(
                ABS(p_value) < 1e64,
                CAST(CAST(p_value AS DECIMAL(65, 0)) AS CHAR),
                CAST(p_value AS CHAR)
            )
        );
    END IF;
    RETURN NULL;
END
