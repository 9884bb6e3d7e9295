-- Internal: the demand statistics and recommended reorder parameters of every stock level
-- (active product, active warehouse), loaded into the session's temporary table
-- tmp_reorder_parameter for recommend_reorder_parameters and apply_reorder_parameters.
-- Starts no transaction and writes only the temporary table.
--
-- Demand is read from the sales ledger: stock_movement rows of type sale, negated, summed
-- per day over the last p_history_days whole days (today, still incomplete, is left out);
-- a day without sales counts as zero demand. With N days and daily demand x:
--   average         = sum(x) / N
--   sigma           = sqrt(sum(x^2) / N - average^2)  (population standard deviation)
--   forecast (SES)  = simple exponential smoothing, level_t = a x_t + (1 - a) level_(t-1),
--                     started at the oldest day's demand; closed form: day k days ago
--                     weighs a (1 - a)^(k - 1), the oldest day (1 - a)^(N - 1)
--   moving average  = the average of the most recent moving_average_days days
-- Lead time L and unit cost come from the supplier reorder_supplier chooses. Then
--   z               = normal_quantile(service level)
--   reorder point   = average x L + z x sigma x sqrt(L), rounded up, never below 0
--   EOQ             = sqrt(2 D S / H), D = average x 365, S = ordering cost,
--                     H = holding rate x unit cost, rounded up
--   target          = reorder point + EOQ
-- Only stock levels with demand and a supplier get recommendations (the others: NULL).
-- Both reads of the tables go through cursors, which lock nothing: an INSERT ... SELECT or
-- an UPDATE joined to a query share-locks every row it reads, so every stock change and
-- sale waited until the caller committed (seen: a sale of an unrelated product timed out).
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE compute_reorder_parameters(
    IN p_service_level DOUBLE,
    IN p_history_days DOUBLE
)
COMMENT 'Internal: demand statistics and recommended reorder parameters into a temp table.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(255);
    DECLARE v_service_level DOUBLE;
    DECLARE v_history_days INT;
    DECLARE v_days DOUBLE;
    DECLARE v_z DOUBLE;
    DECLARE v_ordering_cost DOUBLE;
    DECLARE v_holding_rate DOUBLE;
    DECLARE v_alpha DOUBLE;
    DECLARE v_moving_average_days DOUBLE;
    DECLARE v_today DATE;
    DECLARE v_product_id BIGINT UNSIGNED;
    DECLARE v_warehouse_id BIGINT UNSIGNED;
    DECLARE v_supplier_id BIGINT UNSIGNED;
    DECLARE v_lead_time_days INT;
    DECLARE v_unit_cost DECIMAL(12, 2);
    DECLARE v_reorder_point_qty INT;
    DECLARE v_target_qty INT;
    DECLARE v_sold_qty BIGINT;
    DECLARE v_sum_squares DOUBLE;
    DECLARE v_smoothed_demand DOUBLE;
    DECLARE v_recent_sold_qty BIGINT;
    DECLARE v_rows_read BOOLEAN DEFAULT FALSE;
    -- The cursors read the variables' values when they are opened.
    DECLARE c_stock_level CURSOR FOR
        SELECT
            sl.product_id,
            sl.warehouse_id,
            rs.supplier_id,
            rs.lead_time_days,
            rs.unit_cost,
            sl.reorder_point_qty,
            sl.target_qty
        FROM stock_level AS sl
        INNER JOIN product AS p ON sl.product_id = p.product_id
        INNER JOIN warehouse AS w ON sl.warehouse_id = w.warehouse_id
        LEFT JOIN reorder_supplier AS rs ON sl.product_id = rs.product_id
        WHERE p.is_discontinued = 0 AND w.is_active = 1;
    -- Daily sales first (a day's demand is the sum of its sales), then per stock level.
    DECLARE c_demand CURSOR FOR
        SELECT
            daily.product_id,
            daily.warehouse_id,
            SUM(daily.qty) AS sold_qty,
            SUM(daily.qty * daily.qty) AS sum_squares,
            SUM(
                daily.qty * IF(
                    daily.days_ago < v_history_days,
                    v_alpha * POW(1 - v_alpha, daily.days_ago - 1),
                    POW(1 - v_alpha, v_history_days - 1)
                )
            ) AS smoothed_demand,
            SUM(IF(daily.days_ago <= v_moving_average_days, daily.qty, 0)) AS recent_sold_qty
        FROM (
            SELECT
                product_id,
                warehouse_id,
                DATEDIFF(v_today, occurred_at) AS days_ago,
                -SUM(change_qty) AS qty
            FROM stock_movement
            WHERE
                movement_type = 'sale'
                AND occurred_at >= v_today - INTERVAL v_history_days DAY
                AND occurred_at < v_today
            GROUP BY product_id, warehouse_id, days_ago
        ) AS daily
        GROUP BY daily.product_id, daily.warehouse_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_rows_read = TRUE;

    SELECT
        default_service_level,
        default_history_days,
        moving_average_days
    INTO v_service_level, v_history_days, v_moving_average_days
    FROM inventory_setting
    WHERE inventory_setting_id = 1;
    SELECT
        ordering_cost,
        holding_rate,
        smoothing_alpha
    INTO v_ordering_cost, v_holding_rate, v_alpha
    FROM inventory_setting
    WHERE inventory_setting_id = 1;
    -- The days are taken as a DOUBLE and checked: an INT parameter rounded 2.5 to 3 days
    -- without a word, and refused 1e10 with a raw error (1264).
    SET v_message = whole_number_problem(p_history_days, 'history days');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    -- NULL parameters take the defaults from inventory_setting.
    SET v_service_level = COALESCE(p_service_level, v_service_level);
    SET v_history_days = COALESCE(p_history_days, v_history_days);
    IF v_service_level IS NULL OR v_service_level <= 0 OR v_service_level >= 1 THEN
        SET v_message = CONCAT(
            'service level must be strictly between 0 and 1, got ',
            COALESCE(v_service_level, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_history_days IS NULL OR v_history_days NOT BETWEEN 1 AND 3660 THEN
        SET v_message = CONCAT(
            'history days must be between 1 and 3660, got ', COALESCE(v_history_days, 'NULL')
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_days = v_history_days;
    SET v_z = normal_quantile(v_service_level);
    SET v_moving_average_days = LEAST(v_moving_average_days, v_history_days);
    SET v_today = UTC_DATE();

    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
    CREATE TEMPORARY TABLE tmp_reorder_parameter (
        product_id BIGINT UNSIGNED NOT NULL,
        warehouse_id BIGINT UNSIGNED NOT NULL,
        supplier_id BIGINT UNSIGNED NULL,
        lead_time_days INT NULL,
        unit_cost DECIMAL(12, 2) NULL,
        reorder_point_qty INT NOT NULL,
        target_qty INT NOT NULL,
        history_days INT NOT NULL,
        sold_qty BIGINT NOT NULL DEFAULT 0,
        sum_squares DOUBLE NOT NULL DEFAULT 0,
        smoothed_demand DOUBLE NOT NULL DEFAULT 0,
        recent_sold_qty BIGINT NOT NULL DEFAULT 0,
        avg_daily_demand DOUBLE NULL,
        stddev_daily_demand DOUBLE NULL,
        moving_average_demand DOUBLE NULL,
        service_level DOUBLE NOT NULL,
        z_score DOUBLE NOT NULL,
        safety_stock DOUBLE NULL,
        exact_reorder_point DOUBLE NULL,
        annual_demand DOUBLE NULL,
        economic_order DOUBLE NULL,
        recommended_reorder_point_qty INT NULL,
        recommended_target_qty INT NULL,
        PRIMARY KEY (product_id, warehouse_id)
    );

    SET v_rows_read = FALSE;
    OPEN c_stock_level;
    read_stock_levels: LOOP
        FETCH c_stock_level INTO
            v_product_id, v_warehouse_id, v_supplier_id, v_lead_time_days, v_unit_cost, -- noqa: LT02
            v_reorder_point_qty, v_target_qty; -- noqa: LT02
        IF v_rows_read THEN
            LEAVE read_stock_levels;
        END IF;
        INSERT INTO tmp_reorder_parameter (
            product_id, warehouse_id, supplier_id, lead_time_days, unit_cost,
            reorder_point_qty, target_qty, history_days, service_level, z_score
        )
        VALUES (
            v_product_id, v_warehouse_id, v_supplier_id, v_lead_time_days, v_unit_cost,
            v_reorder_point_qty, v_target_qty, v_history_days, v_service_level, v_z
        );
    END LOOP;
    CLOSE c_stock_level;

    SET v_rows_read = FALSE;
    OPEN c_demand;
    read_demand: LOOP
        FETCH c_demand INTO
            v_product_id, v_warehouse_id, v_sold_qty, v_sum_squares, v_smoothed_demand, -- noqa: LT02
            v_recent_sold_qty; -- noqa: LT02
        IF v_rows_read THEN
            LEAVE read_demand;
        END IF;
        UPDATE tmp_reorder_parameter
        SET
            sold_qty = v_sold_qty,
            sum_squares = v_sum_squares,
            smoothed_demand = v_smoothed_demand,
            recent_sold_qty = v_recent_sold_qty
        WHERE product_id = v_product_id AND warehouse_id = v_warehouse_id;
    END LOOP;
    CLOSE c_demand;

    -- One statement per step: each reads only columns earlier statements completed.
    UPDATE tmp_reorder_parameter
    SET
        avg_daily_demand = sold_qty / v_days,
        stddev_daily_demand = SQRT(GREATEST(0, sum_squares / v_days - POW(sold_qty / v_days, 2))),
        moving_average_demand = recent_sold_qty / v_moving_average_days;
    UPDATE tmp_reorder_parameter
    SET
        safety_stock = v_z * stddev_daily_demand * SQRT(lead_time_days),
        annual_demand = avg_daily_demand * 365,
        economic_order = SQRT(
            2 * avg_daily_demand * 365 * v_ordering_cost / (v_holding_rate * unit_cost)
        )
    WHERE supplier_id IS NOT NULL;
    UPDATE tmp_reorder_parameter
    SET exact_reorder_point = GREATEST(0, avg_daily_demand * lead_time_days + safety_stock)
    WHERE supplier_id IS NOT NULL;
    -- Rounded to 6 places before rounding up, so float noise (10.0000000001) is not a unit.
    UPDATE tmp_reorder_parameter
    SET
        recommended_reorder_point_qty = CEIL(ROUND(exact_reorder_point, 6)),
        recommended_target_qty
        = CEIL(ROUND(exact_reorder_point, 6)) + CEIL(ROUND(economic_order, 6))
    WHERE supplier_id IS NOT NULL AND sold_qty > 0;
END
