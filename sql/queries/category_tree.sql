-- name: category_tree
-- purpose: The category tree: each category with its path from the top, its depth, and the products filed under it, directly and anywhere below it.
-- params: none
-- grain: one row per category that a path from a top category reaches, in the order of the paths
-- Each category carries the ids on its path ('/3/17/'), so that the categories below it are
-- those whose id path starts with its own. A category caught in a loop of parents (written
-- past move_category) has no path from the top and is left out; the validation query
-- category_loops names it.
WITH RECURSIVE tree AS (
    SELECT
        category_id,
        CAST(name AS CHAR(4000)) AS path,
        CAST(CONCAT('/', category_id, '/') AS CHAR(4000)) AS id_path,
        0 AS depth
    FROM category
    WHERE parent_category_id IS NULL
    UNION ALL
    SELECT
        c.category_id,
        CONCAT(t.path, ' > ', c.name) AS path,
        CONCAT(t.id_path, c.category_id, '/') AS id_path,
        t.depth + 1 AS depth
    FROM category AS c
    INNER JOIN tree AS t ON c.parent_category_id = t.category_id
),

filed AS (
    SELECT
        category_id,
        COUNT(*) AS product_count,
        SUM(1 - is_discontinued) AS active_product_count
    FROM product
    GROUP BY category_id
)

SELECT
    t.category_id,
    t.path,
    t.depth,
    COALESCE(MAX(own.product_count), 0) AS product_count,
    COALESCE(SUM(below.product_count), 0) AS subtree_product_count,
    COALESCE(SUM(below.active_product_count), 0) AS subtree_active_product_count
FROM tree AS t
INNER JOIN tree AS d ON d.id_path LIKE CONCAT(t.id_path, '%')
LEFT JOIN filed AS own ON t.category_id = own.category_id
LEFT JOIN filed AS below ON d.category_id = below.category_id
GROUP BY t.category_id, t.path, t.depth
ORDER BY t.path, t.category_id
