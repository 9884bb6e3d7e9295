-- name: top_customers
-- purpose: Customers who bought the most: invoiced revenue (void invoices excluded), with orders and units.
-- params: limit (int, default 20)
-- grain: one row per customer with a valid invoice
WITH top_buyer AS (
    -- Ranked in one pass over the valid invoices (ix_invoice__status_sales_order_id_total_amount)
    -- before any customer row is read; the LIMIT here keeps the optimizer from re-running
    -- this per customer.
    SELECT
        so.customer_id,
        COUNT(*) AS orders,
        SUM((
            SELECT SUM(il.invoiced_qty)
            FROM invoice_line AS il
            WHERE il.invoice_id = ri.invoice_id
        )) AS units,
        SUM(ri.revenue) AS revenue,
        MAX(so.shipped_at) AS last_shipped_at
    FROM revenue_invoice AS ri
    INNER JOIN sales_order AS so ON ri.sales_order_id = so.sales_order_id
    GROUP BY so.customer_id
    ORDER BY revenue DESC, so.customer_id ASC
    LIMIT :limit
)

-- The columns of the query before the rewrite, in their order.
SELECT  -- noqa: ST06
    c.customer_id,
    c.name AS customer,
    c.email,
    tb.orders,
    COALESCE(tb.units, 0) AS units,
    tb.revenue,
    tb.last_shipped_at
FROM top_buyer AS tb
INNER JOIN customer AS c ON tb.customer_id = c.customer_id
ORDER BY tb.revenue DESC, c.customer_id ASC
