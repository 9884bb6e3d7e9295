-- The application changes data only through the procedures, which check every rule and
-- keep the ledger whole; it has no privilege on any table. Procedures run with their
-- definer's rights (SQL SECURITY DEFINER, the default), so EXECUTE is all it needs.
GRANT EXECUTE ON sims.* TO sims_application
