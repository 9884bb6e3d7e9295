-- name: category_tree
-- purpose: The category tree: each category with its path from the top, its depth, and the products filed under it, directly and anywhere below it.
-- params: none
-- grain: one row per category that a path from a top category reaches, in the order of the paths
-- The walk down from the top categories carries ids only: each row pairs a category with one
-- of its ancestors or itself, at their depths, so that the categories below one are those
-- paired with it, and its path joins its ancestors' names in order of depth. (Rows that carry
-- growing text, a path built as it goes, overflowed MariaDB's in-memory table and lost rows.)
-- A path is cut at group_concat_max_len (MySQL's default 1024 characters, MariaDB's 1 MB).
-- A category caught in a loop of parents (written past move_category) has no path from the
-- top and is left out; the validation query category_loops names it.
WITH RECURSIVE pairing AS (
    SELECT 0 AS is_self
    UNION ALL
    SELECT 1 AS is_self
),

lineage AS (
    SELECT
        category_id AS ancestor_id,
        category_id,
        0 AS ancestor_depth,
        0 AS depth
    FROM category
    WHERE parent_category_id IS NULL
    UNION ALL
    -- Each child of a category reached: paired with each of that category's ancestors and,
    -- once (from the category's pairing with itself), with itself.
    SELECT
        IF(k.is_self, c.category_id, l.ancestor_id) AS ancestor_id,
        c.category_id,
        IF(k.is_self, l.depth + 1, l.ancestor_depth) AS ancestor_depth,
        l.depth + 1 AS depth
    FROM lineage AS l
    INNER JOIN category AS c ON l.category_id = c.parent_category_id
    CROSS JOIN pairing AS k
    WHERE k.is_self = 0 OR l.ancestor_id = l.category_id
),

filed AS (
    SELECT
        category_id,
        COUNT(*) AS product_count,
        SUM(1 - is_discontinued) AS active_product_count
    FROM product
    GROUP BY category_id
),

paths AS (
    SELECT
        l.category_id,
        MAX(l.depth) AS depth,
        GROUP_CONCAT(a.name ORDER BY l.ancestor_depth SEPARATOR ' > ') AS path
    FROM lineage AS l
    INNER JOIN category AS a ON l.ancestor_id = a.category_id
    GROUP BY l.category_id
),

below AS (
    SELECT
        l.ancestor_id AS category_id,
        COALESCE(SUM(IF(l.category_id = l.ancestor_id, f.product_count, 0)), 0) AS product_count,
        COALESCE(SUM(f.product_count), 0) AS subtree_product_count,
        COALESCE(SUM(f.active_product_count), 0) AS subtree_active_product_count
    FROM lineage AS l
    LEFT JOIN filed AS f ON l.category_id = f.category_id
    GROUP BY l.ancestor_id
)

SELECT
    p.category_id,
    p.path,
    p.depth,
    b.product_count,
    b.subtree_product_count,
    b.subtree_active_product_count
FROM paths AS p
INNER JOIN below AS b ON p.category_id = b.category_id
ORDER BY p.path, p.category_id
