-- Public: demand-driven reorder parameters, recommended and not applied: per stock level
-- the demand statistics of the sales ledger over the history window, the forecasts, the
-- chosen supplier's lead time and cost, the safety stock, the reorder point and the economic
-- order quantity (formulas in compute_reorder_parameters). NULL parameters take the
-- defaults in inventory_setting (service level 0.95, 90 days of history).
CREATE PROCEDURE recommend_reorder_parameters(
    IN p_service_level DOUBLE,
    IN p_history_days INT
)
COMMENT 'Recommend reorder points and order-up-to levels from demand; writes nothing.'
BEGIN
    CALL compute_reorder_parameters(p_service_level, p_history_days);
    SELECT
        product_id,
        warehouse_id,
        supplier_id,
        lead_time_days,
        unit_cost,
        history_days,
        sold_qty,
        reorder_point_qty,
        target_qty,
        recommended_reorder_point_qty,
        recommended_target_qty,
        ROUND(avg_daily_demand, 4) AS avg_daily_demand,
        ROUND(stddev_daily_demand, 4) AS stddev_daily_demand,
        ROUND(smoothed_demand, 4) AS forecast_daily_demand,
        ROUND(moving_average_demand, 4) AS moving_average_demand,
        ROUND(service_level, 4) AS service_level,
        ROUND(z_score, 4) AS z_score,
        ROUND(safety_stock, 4) AS safety_stock,
        ROUND(exact_reorder_point, 4) AS exact_reorder_point,
        ROUND(annual_demand, 4) AS annual_demand,
        ROUND(economic_order, 4) AS economic_order_qty
    FROM tmp_reorder_parameter
    ORDER BY product_id, warehouse_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_reorder_parameter;
END
