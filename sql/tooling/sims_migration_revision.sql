-- The migration journal: one row per revision that is applied, or was interrupted while
-- being applied or reverted. Written by sims.migrate's runner, never by revisions; DDL
-- commits implicitly on MySQL and MariaDB, so this row (not a transaction) is what tells
-- a finished revision from a half-applied one.
CREATE TABLE IF NOT EXISTS sims_migration_revision (
    revision VARCHAR(32) NOT NULL
        COMMENT 'Alembic revision id, as in alembic_version.',
    description VARCHAR(200) NOT NULL
        COMMENT 'First line of the revision docstring, for people reading the journal.',
    script_path VARCHAR(255) NOT NULL
        COMMENT 'Revision file, relative to the repository root.',
    script_checksum CHAR(64) NOT NULL
        COMMENT 'SHA-256 of the revision file (line endings normalised) when it was applied.',
    direction ENUM('upgrade', 'downgrade') NOT NULL
        COMMENT 'The last operation started on the revision: upgrade applies it, downgrade reverts it.',
    state ENUM('running', 'applied', 'failed', 'repairing') NOT NULL
        COMMENT 'running: under way (or its migrator died); applied: complete; failed: a statement failed; repairing: db repair is undoing the interrupted operation.',
    error_message VARCHAR(1000) NULL
        COMMENT 'Why the last operation failed; NULL unless state is failed.',
    run_by VARCHAR(200) NOT NULL
        COMMENT 'Host and process id of the migrator that last worked on the revision.',
    started_at DATETIME NOT NULL
        COMMENT 'When the last operation on the revision started (UTC).',
    finished_at DATETIME NULL
        COMMENT 'When the revision was applied in full (UTC); NULL until then.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (revision),
    CONSTRAINT ck_sims_migration_revision__failed_has_error_message
        CHECK ((state = 'failed') = (error_message IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Migration journal: revisions applied or interrupted, with their file checksums.';
