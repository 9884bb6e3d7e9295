-- The one category_tree row, no move counted yet, unless it is there already.
INSERT INTO category_tree (category_tree_id) VALUES (1)
ON DUPLICATE KEY UPDATE category_tree_id = category_tree_id;
