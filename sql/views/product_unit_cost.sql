-- The unit cost stock is valued at, per product: the average cost paid per unit received
-- (every purchase order line, weighted by the units received); a product never received
-- falls back to its cheapest supplier offer, and one with neither is valued at 0;
-- cost_basis says which ('received', 'offer' or 'none'). The one place the valuation rule
-- is written: the stock value queries read it from here.
CREATE VIEW product_unit_cost AS
WITH received AS (
    SELECT
        product_id,
        SUM(received_qty * unit_cost) / NULLIF(SUM(received_qty), 0) AS average_cost
    FROM purchase_order_line
    GROUP BY product_id
),

offer AS (
    SELECT
        product_id,
        MIN(unit_cost) AS cheapest_cost
    FROM product_supplier
    GROUP BY product_id
)

SELECT
    p.product_id,
    COALESCE(r.average_cost, o.cheapest_cost, 0) AS unit_cost,
    CASE
        WHEN r.average_cost IS NOT NULL THEN 'received'
        WHEN o.cheapest_cost IS NOT NULL THEN 'offer'
        ELSE 'none'
    END AS cost_basis
FROM product AS p
LEFT JOIN received AS r ON p.product_id = r.product_id
LEFT JOIN offer AS o ON p.product_id = o.product_id
