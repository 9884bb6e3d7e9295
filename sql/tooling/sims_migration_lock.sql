-- The migration lease. GET_LOCK keeps two migrators apart on one server, but on a Galera
-- cluster it holds on one node only; this row's INSERT is certified cluster-wide, so a
-- second migrator on any node finds it. The holder renews expires_at while it runs; a
-- lease past expires_at belongs to a migrator that died and may be taken over.
CREATE TABLE IF NOT EXISTS sims_migration_lock (
    lock_name VARCHAR(64) NOT NULL
        COMMENT 'What is locked; one lease per database: migrate.',
    holder_id CHAR(32) NOT NULL
        COMMENT 'Random id of the migrator holding the lease.',
    holder VARCHAR(200) NOT NULL
        COMMENT 'Host and process id of the holder (or offline script), for the DBA.',
    server_node VARCHAR(255) NOT NULL
        COMMENT 'The server node the holder is connected to (hostname:port), to tell a dead holder on this node.',
    connection_id BIGINT UNSIGNED NULL
        COMMENT 'The holder connection id on that node; NULL for an offline script.',
    acquired_at DATETIME NOT NULL
        COMMENT 'When the lease was taken (UTC).',
    expires_at DATETIME NOT NULL
        COMMENT 'When the lease lapses unless renewed (UTC).',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        COMMENT 'When the row was created (UTC).',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        COMMENT 'When the lease was last renewed (UTC).',
    PRIMARY KEY (lock_name),
    CONSTRAINT ck_sims_migration_lock__expires_after_acquired
        CHECK (expires_at >= acquired_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
COMMENT = 'Migration lease: the one migrator allowed to change the schema now.';
