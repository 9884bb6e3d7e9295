-- name: category_loops
-- purpose: Categories caught in a loop of parents, or filed under one: no path of parents leads from them to a top category.
-- params: none
-- grain: one row per such category; zero rows when sound
-- move_category refuses to close a loop; one written past it (an UPDATE of
-- parent_category_id) leaves its categories out of every tree walk, such as category_tree.
WITH RECURSIVE reachable AS (
    SELECT category_id
    FROM category
    WHERE parent_category_id IS NULL
    UNION ALL
    SELECT c.category_id
    FROM category AS c
    INNER JOIN reachable AS r ON c.parent_category_id = r.category_id
)

SELECT
    c.category_id,
    c.name,
    c.parent_category_id
FROM category AS c
LEFT JOIN reachable AS r ON c.category_id = r.category_id
WHERE r.category_id IS NULL
ORDER BY c.category_id
