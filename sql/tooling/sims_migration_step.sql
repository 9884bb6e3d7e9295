-- The statements of each journalled revision, in order: what ran, what did not, and the
-- checksum of the .sql file each one came from, so a file changed after it was applied
-- is caught. Rows for a revision's upgrade stay while it is applied.
CREATE TABLE IF NOT EXISTS sims_migration_step (
    revision VARCHAR(32) NOT NULL
        COMMENT 'Revision the statement belongs to.',
    direction ENUM('upgrade', 'downgrade') NOT NULL
        COMMENT 'Whether the statement is part of the revision upgrade or of its downgrade.',
    step_no SMALLINT UNSIGNED NOT NULL
        COMMENT 'Position of the statement in the revision, from 1.',
    statement_label VARCHAR(300) NOT NULL
        COMMENT 'What a DBA reads: the .sql file run, or the statement itself when the revision wrote it.',
    source_path VARCHAR(255) NULL
        COMMENT 'The .sql file the statement was read from, relative to the repository root; NULL for a statement written in the revision.',
    object_kind VARCHAR(20) NULL
        COMMENT 'PROCEDURE, FUNCTION, TRIGGER or VIEW when the statement installs a replaceable object; NULL otherwise.',
    object_name VARCHAR(64) NULL
        COMMENT 'Name of that replaceable object, so validation finds its body again after it moves to history/.',
    body_revision VARCHAR(32) NULL
        COMMENT 'The revision whose body of that object was installed.',
    checksum CHAR(64) NULL
        COMMENT 'SHA-256 of the source file (line endings normalised) when it ran.',
    state ENUM('pending', 'done', 'skipped', 'failed') NOT NULL
        COMMENT 'pending: not run (yet); done: ran; skipped: db repair found nothing to undo or redo; failed: raised the error that stopped the revision.',
    error_message VARCHAR(1000) NULL
        COMMENT 'The server error of a failed or skipped statement; NULL otherwise.',
    finished_at DATETIME NULL
        COMMENT 'When the statement ran (UTC); NULL while pending.',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the row was last changed (UTC).',
    PRIMARY KEY (revision, direction, step_no),
    CONSTRAINT fk_sims_migration_step__sims_migration_revision FOREIGN KEY (revision)
        REFERENCES sims_migration_revision (revision)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Migration journal: each statement of a revision, its progress and checksum.';
