"""The MongoDB document mirror of the MySQL data: export (sims.mirror.export), analysis
pipelines (sims.mirror.pipelines) and the cross-store check (sims.mirror.check), on the
MongoDB that sims.mirror.connection picks."""
