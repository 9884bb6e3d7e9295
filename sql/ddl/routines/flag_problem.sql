-- Internal: what is wrong with a yes-or-no argument, in words (NULL when it is 0 or 1): it
-- must be 0 or 1, each said with what it means to the caller, such as 'active must be 0
-- (stop buying) or 1 (buy again), got 2'. The procedures take such flags as DOUBLE, so that
-- 0.5 is refused, not rounded.
CREATE FUNCTION flag_problem(
    p_value DOUBLE,
    p_what VARCHAR(64),
    p_zero_means VARCHAR(64),
    p_one_means VARCHAR(64)
)
RETURNS VARCHAR(255)
DETERMINISTIC
COMMENT 'Internal: the problem with a flag that is not 0 or 1 in words, or NULL.'
SQL SECURITY INVOKER
BEGIN
    IF p_value IS NULL OR p_value NOT IN (0, 1) THEN
        RETURN CONCAT(
            p_what, ' must be 0 (', p_zero_means, ') or 1 (', p_one_means, '), got ',
            COALESCE(p_value, 'NULL')
        );
    END IF;
    RETURN NULL;
END
