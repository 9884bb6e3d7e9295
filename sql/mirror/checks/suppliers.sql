-- Per supplier, what the MongoDB mirror's suppliers collection must agree with: business key
-- and the count and rating sum of the embedded reviews.
WITH review AS (
    SELECT
        supplier_id,
        COUNT(*) AS review_count,
        SUM(rating) AS rating_sum
    FROM supplier_review
    GROUP BY supplier_id
)

SELECT
    s.supplier_id,
    s.name,
    COALESCE(r.review_count, 0) AS review_count,
    COALESCE(r.rating_sum, 0) AS rating_sum
FROM supplier AS s
LEFT JOIN review AS r ON s.supplier_id = r.supplier_id
ORDER BY s.supplier_id ASC
