-- name: refunds_due
-- purpose: Credit notes owed back to customers (credited after their invoice was paid) and not yet refunded, oldest first.
-- params: as_of (date, optional: today)
-- grain: one row per credit note awaiting its refund
SELECT
    cns.credit_note_id,
    cns.invoice_id,
    c.customer_id,
    c.name AS customer,
    c.email,
    cns.amount,
    cns.issued_at,
    DATEDIFF(COALESCE(:as_of, UTC_DATE()), cns.issued_at) AS days_waiting
FROM credit_note_settlement AS cns
INNER JOIN customer AS c ON cns.customer_id = c.customer_id
WHERE
    cns.settlement = 'refund_due'
    -- Implied by refund_due; the index on settled_at reads only the open credits.
    AND cns.settled_at IS NULL
ORDER BY cns.issued_at ASC, cns.credit_note_id ASC
