-- name: refunds_due
-- purpose: Credit notes owed back to customers at the end of a day (credited after their invoice was paid, not refunded by then), oldest first.
-- params: as_of (date, optional: today)
-- grain: one row per credit note awaiting its refund
-- A credit note counts when it was issued by the end of as_of as a refund due and was not
-- refunded by then (still open, or refunded after that day). Without as_of only the open
-- credits are read (the index on settled_at), so the refunded ones are not searched.
WITH owed_back AS (
    SELECT
        cns.credit_note_id,
        cns.invoice_id,
        cns.customer_id,
        cns.amount,
        cns.issued_at
    FROM credit_note_settlement AS cns
    WHERE
        cns.settlement = 'refund_due'
        AND cns.settled_at IS NULL
        AND cns.issued_at < COALESCE(:as_of, UTC_DATE()) + INTERVAL 1 DAY
    UNION ALL
    SELECT
        cns.credit_note_id,
        cns.invoice_id,
        cns.customer_id,
        cns.amount,
        cns.issued_at
    FROM credit_note_settlement AS cns
    WHERE
        :as_of IS NOT NULL
        AND cns.settlement = 'refunded'
        AND cns.settled_at >= :as_of + INTERVAL 1 DAY
        AND cns.issued_at < :as_of + INTERVAL 1 DAY
)

SELECT
    ob.credit_note_id,
    ob.invoice_id,
    c.customer_id,
    c.name AS customer,
    c.email,
    ob.amount,
    ob.issued_at,
    DATEDIFF(COALESCE(:as_of, UTC_DATE()), ob.issued_at) AS days_waiting
FROM owed_back AS ob
INNER JOIN customer AS c ON ob.customer_id = c.customer_id
ORDER BY ob.issued_at ASC, ob.credit_note_id ASC
