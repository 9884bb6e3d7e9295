-- name: invoice_ageing
-- purpose: Unpaid invoices by customer, what is owed (net of returns), bucketed by days past due as of a date.
-- params: as_of (date, optional: today)
-- grain: one row per customer with unpaid invoices
WITH unpaid AS (
    SELECT
        so.customer_id,
        -- Owed: what the invoice bills less the units returned since (revenue_invoice_line).
        (
            SELECT SUM(ril.revenue)
            FROM revenue_invoice_line AS ril
            WHERE ril.invoice_id = i.invoice_id
        ) AS amount_due,
        DATEDIFF(COALESCE(:as_of, UTC_DATE()), i.due_date) AS days_overdue
    FROM invoice AS i
    INNER JOIN sales_order AS so ON i.sales_order_id = so.sales_order_id
    WHERE i.status = 'issued'
)

SELECT
    c.customer_id,
    c.name AS customer,
    COUNT(*) AS unpaid_invoices,
    SUM(u.amount_due) AS amount_due,
    SUM(CASE WHEN u.days_overdue <= 0 THEN u.amount_due ELSE 0 END) AS not_yet_due,
    SUM(CASE WHEN u.days_overdue BETWEEN 1 AND 30 THEN u.amount_due ELSE 0 END)
        AS overdue_1_30,
    SUM(CASE WHEN u.days_overdue BETWEEN 31 AND 60 THEN u.amount_due ELSE 0 END)
        AS overdue_31_60,
    SUM(CASE WHEN u.days_overdue BETWEEN 61 AND 90 THEN u.amount_due ELSE 0 END)
        AS overdue_61_90,
    SUM(CASE WHEN u.days_overdue > 90 THEN u.amount_due ELSE 0 END) AS overdue_over_90
FROM unpaid AS u
INNER JOIN customer AS c ON u.customer_id = c.customer_id
GROUP BY c.customer_id, c.name
ORDER BY amount_due DESC, c.customer_id ASC
