-- The migrator owns this database's schema: DDL (tables, views, routines, triggers,
-- indexes) and the DML that migrations and their journal need, on this database only.
-- Creating the roles themselves (revision 0006) needs CREATE ROLE or CREATE USER on top.
GRANT ALL PRIVILEGES ON sims.* TO sims_migrator
