-- The one reorder_run row, no run counted yet, unless a run has written it already.
INSERT INTO reorder_run (reorder_run_id) VALUES (1)
ON DUPLICATE KEY UPDATE reorder_run_id = reorder_run_id;
