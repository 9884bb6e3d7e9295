-- name: invoice_differs_from_order_status
-- purpose: Shipped sales orders without an invoice, and invoices of orders that have not shipped.
-- params: none
-- grain: one row per sales order whose invoicing is wrong; zero rows when sound
SELECT
    so.sales_order_id,
    so.status,
    i.invoice_id
FROM sales_order AS so
LEFT JOIN invoice AS i ON so.sales_order_id = i.sales_order_id
WHERE
    (so.status = 'shipped' AND i.invoice_id IS NULL)
    OR (so.status <> 'shipped' AND i.invoice_id IS NOT NULL)
