-- The supplier offer automatic reordering buys each product from: among the offers of active
-- suppliers, the preferred one first, then the cheapest, then the shortest lead time, then
-- the lowest supplier id, so the choice is always one offer and never depends on row order.
-- The demand-driven parameters read their lead time and unit cost from the same choice.
CREATE VIEW reorder_supplier AS
SELECT
    ranked.product_id,
    ranked.supplier_id,
    ranked.unit_cost,
    ranked.lead_time_days,
    ranked.min_order_qty,
    ranked.order_multiple,
    ranked.is_preferred
FROM (
    SELECT
        ps.product_id,
        ps.supplier_id,
        ps.unit_cost,
        ps.lead_time_days,
        ps.min_order_qty,
        ps.order_multiple,
        ps.is_preferred,
        ROW_NUMBER() OVER (
            PARTITION BY ps.product_id
            ORDER BY
                ps.is_preferred DESC, ps.unit_cost ASC, ps.lead_time_days ASC, ps.supplier_id ASC
        ) AS choice_rank
    FROM product_supplier AS ps
    INNER JOIN supplier AS s ON ps.supplier_id = s.supplier_id
    WHERE s.is_active = 1
) AS ranked
WHERE ranked.choice_rank = 1
