-- name: invoice_ageing
-- purpose: Invoices unpaid at the end of a day, by customer: what is owed on them (net of returns), bucketed by days past due on that day.
-- params: as_of (date, optional: today)
-- grain: one row per customer with unpaid invoices
-- An invoice counts when it was issued by the end of as_of and not yet paid then (unpaid
-- today, or paid after that day). A void invoice never counts: voiding records no date, and
-- a void invoice was never owed. Without as_of only today's unpaid invoices are read, so the
-- paid ones are not searched.
WITH unpaid AS (
    SELECT
        i.invoice_id,
        i.sales_order_id,
        i.due_date
    FROM invoice AS i
    WHERE
        i.status = 'issued'
        AND i.issued_at < COALESCE(:as_of, UTC_DATE()) + INTERVAL 1 DAY
    UNION ALL
    SELECT
        i.invoice_id,
        i.sales_order_id,
        i.due_date
    FROM invoice AS i
    WHERE
        :as_of IS NOT NULL
        AND i.status = 'paid'
        AND i.paid_at >= :as_of + INTERVAL 1 DAY
        AND i.issued_at < :as_of + INTERVAL 1 DAY
),

owed AS (
    SELECT
        so.customer_id,
        -- Owed: what the invoice bills less the units returned (revenue_invoice_line, the
        -- one place that rule is written; it nets every return so far, also one made
        -- after as_of).
        (
            SELECT SUM(ril.revenue)
            FROM revenue_invoice_line AS ril
            WHERE ril.invoice_id = u.invoice_id
        ) AS amount_due,
        DATEDIFF(COALESCE(:as_of, UTC_DATE()), u.due_date) AS days_overdue
    FROM unpaid AS u
    INNER JOIN sales_order AS so ON u.sales_order_id = so.sales_order_id
)

SELECT
    c.customer_id,
    c.name AS customer,
    COUNT(*) AS unpaid_invoices,
    SUM(o.amount_due) AS amount_due,
    SUM(CASE WHEN o.days_overdue <= 0 THEN o.amount_due ELSE 0 END) AS not_yet_due,
    SUM(CASE WHEN o.days_overdue BETWEEN 1 AND 30 THEN o.amount_due ELSE 0 END)
        AS overdue_1_30,
    SUM(CASE WHEN o.days_overdue BETWEEN 31 AND 60 THEN o.amount_due ELSE 0 END)
        AS overdue_31_60,
    SUM(CASE WHEN o.days_overdue BETWEEN 61 AND 90 THEN o.amount_due ELSE 0 END)
        AS overdue_61_90,
    SUM(CASE WHEN o.days_overdue > 90 THEN o.amount_due ELSE 0 END) AS overdue_over_90
FROM owed AS o
INNER JOIN customer AS c ON o.customer_id = c.customer_id
GROUP BY c.customer_id, c.name
ORDER BY amount_due DESC, c.customer_id ASC
