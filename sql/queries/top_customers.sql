-- name: top_customers
-- purpose: Customers who bought the most: revenue net of returns (void invoices excluded), with orders and units kept.
-- params: limit (int, default 20)
-- grain: one row per customer with a valid invoice
WITH top_buyer AS (
    -- Ranked in one pass over the shipped orders' revenue lines before any customer row is
    -- read; the LIMIT here keeps the optimizer from re-running this per customer. Orders are
    -- counted below for the ranked few: COUNT(DISTINCT) here, over groups of up to tens of
    -- thousands of lines, took ten times as long as the whole ranking.
    SELECT
        so.customer_id,
        SUM(ril.sold_qty) AS units,
        SUM(ril.revenue) AS revenue,
        MAX(so.shipped_at) AS last_shipped_at
    FROM sales_order AS so
    INNER JOIN revenue_invoice_line AS ril ON so.sales_order_id = ril.sales_order_id
    WHERE so.status = 'shipped'
    GROUP BY so.customer_id
    ORDER BY revenue DESC, so.customer_id ASC
    LIMIT :limit
)

-- The columns of the query before the rewrite, in their order.
SELECT  -- noqa: ST06
    c.customer_id,
    c.name AS customer,
    c.email,
    (
        SELECT COUNT(*)
        FROM sales_order AS so
        INNER JOIN revenue_invoice AS ri ON so.sales_order_id = ri.sales_order_id
        WHERE so.customer_id = tb.customer_id
    ) AS orders,
    tb.units,
    tb.revenue,
    tb.last_shipped_at
FROM top_buyer AS tb
INNER JOIN customer AS c ON tb.customer_id = c.customer_id
ORDER BY tb.revenue DESC, c.customer_id ASC
