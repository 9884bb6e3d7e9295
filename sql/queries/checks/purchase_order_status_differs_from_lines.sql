-- name: purchase_order_status_differs_from_lines
-- purpose: Purchase orders whose status disagrees with their lines' received quantities.
-- params: none
-- grain: one row per purchase order in the wrong status; zero rows when sound
-- draft/sent: nothing received yet; partially_received: some units in, some line short;
-- received: every line complete; every order but a cancelled one has at least one line.
WITH line_totals AS (
    SELECT
        purchase_order_id,
        COUNT(*) AS line_count,
        SUM(received_qty) AS received_qty,
        SUM(CASE WHEN received_qty < ordered_qty THEN 1 ELSE 0 END) AS short_line_count
    FROM purchase_order_line
    GROUP BY purchase_order_id
)

SELECT
    po.purchase_order_id,
    po.status,
    COALESCE(lt.line_count, 0) AS line_count,
    COALESCE(lt.received_qty, 0) AS received_qty,
    COALESCE(lt.short_line_count, 0) AS short_line_count
FROM purchase_order AS po
LEFT JOIN line_totals AS lt ON po.purchase_order_id = lt.purchase_order_id
WHERE
    (po.status <> 'cancelled' AND lt.line_count IS NULL)
    OR (po.status IN ('draft', 'sent') AND lt.received_qty > 0)
    OR (po.status = 'partially_received' AND (lt.received_qty = 0 OR lt.short_line_count = 0))
    OR (po.status = 'received' AND lt.short_line_count > 0)
