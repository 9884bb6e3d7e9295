-- Public: the standard normal quantile z for a probability p (the inverse of the normal CDF),
-- so a service level of 0.95 gives the safety factor z = 1.6449. Neither server has one built
-- in; this is Acklam's rational approximation (relative error below 1.2e-9 over 0 < p < 1):
-- one rational function for the central region, another in sqrt(-2 ln p) for each tail.
-- The polynomials are evaluated by Horner's rule, one coefficient per step.
CREATE FUNCTION normal_quantile(p_probability DOUBLE)
RETURNS DOUBLE
DETERMINISTIC
NO SQL
COMMENT 'Inverse standard normal CDF: the z with P(Z <= z) = p, for 0 < p < 1; NULL outside.'
BEGIN
    -- Below v_p_low (and above 1 - v_p_low) the tail formula is the accurate one.
    DECLARE v_p_low DOUBLE DEFAULT 0.02425;
    DECLARE v_q DOUBLE;
    DECLARE v_r DOUBLE;
    DECLARE v_num DOUBLE;
    DECLARE v_den DOUBLE;

    IF p_probability IS NULL OR p_probability <= 0 OR p_probability >= 1 THEN
        RETURN NULL;
    END IF;

    IF p_probability < v_p_low OR p_probability > 1 - v_p_low THEN
        -- Tails: v_q = sqrt(-2 ln(tail probability)); the upper tail mirrors the lower one.
        SET v_q = SQRT(-2 * LN(LEAST(p_probability, 1 - p_probability)));
        SET v_num = -7.784894002430293e-03;
        SET v_num = v_num * v_q - 3.223964580411365e-01;
        SET v_num = v_num * v_q - 2.400758277161838e+00;
        SET v_num = v_num * v_q - 2.549732539343734e+00;
        SET v_num = v_num * v_q + 4.374664141464968e+00;
        SET v_num = v_num * v_q + 2.938163982698783e+00;
        SET v_den = 7.784695709041462e-03;
        SET v_den = v_den * v_q + 3.224671290700398e-01;
        SET v_den = v_den * v_q + 2.445134137142996e+00;
        SET v_den = v_den * v_q + 3.754408661907416e+00;
        SET v_den = v_den * v_q + 1;
        RETURN IF(p_probability < v_p_low, 1, -1) * v_num / v_den;
    END IF;

    -- Central region: a rational function of v_r = (p_probability - 0.5)^2, times (p_probability - 0.5).
    SET v_q = p_probability - 0.5;
    SET v_r = v_q * v_q;
    SET v_num = -3.969683028665376e+01;
    SET v_num = v_num * v_r + 2.209460984245205e+02;
    SET v_num = v_num * v_r - 2.759285104469687e+02;
    SET v_num = v_num * v_r + 1.383577518672690e+02;
    SET v_num = v_num * v_r - 3.066479806614716e+01;
    SET v_num = v_num * v_r + 2.506628277459239e+00;
    SET v_den = -5.447609879822406e+01;
    SET v_den = v_den * v_r + 1.615858368580409e+02;
    SET v_den = v_den * v_r - 1.556989798598866e+02;
    SET v_den = v_den * v_r + 6.680131188771972e+01;
    SET v_den = v_den * v_r - 1.328068155288572e+01;
    SET v_den = v_den * v_r + 1;
    RETURN v_num * v_q / v_den;
END
