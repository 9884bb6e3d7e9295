-- Reviews of the suppliers between :first_id and :last_id.
SELECT
    supplier_id,
    supplier_review_id,
    purchase_order_id,
    rating,
    review_text,
    reviewer_name,
    reviewed_at
FROM supplier_review
WHERE supplier_id BETWEEN :first_id AND :last_id
ORDER BY supplier_id ASC, supplier_review_id ASC
