"""sims: a SQL-first inventory-management database and the thin Python glue around it."""
