-- Per customer, what the MongoDB mirror's customers collection must agree with.
SELECT
    customer_id,
    email
FROM customer
ORDER BY customer_id ASC
