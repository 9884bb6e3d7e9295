-- Analysts read every table and view of this database (the views are the stable layer
-- for reports) and change nothing: no INSERT, UPDATE, DELETE, EXECUTE or DDL.
GRANT SELECT ON sims.* TO sims_analyst
