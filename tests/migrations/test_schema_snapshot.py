"""sql/schema.sql is what the migrations build; a mismatch fails with a readable diff."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from sims.config import SCHEMA_SNAPSHOT
from sims.schema import dump_schema, schema_diff, snapshot_flavor


def test_committed_snapshot_matches_the_migrated_schema(engine: Engine) -> None:
    committed = SCHEMA_SNAPSHOT.read_text(encoding="utf-8")
    with engine.connect() as conn:
        migrated = dump_schema(conn)
    if snapshot_flavor(committed) != snapshot_flavor(migrated):
        pytest.skip(
            f"snapshot written from {snapshot_flavor(committed)}, "
            f"test server is {snapshot_flavor(migrated)}"
        )
    diff = schema_diff(committed, migrated, "sql/schema.sql", "migrated database")
    assert not diff, f"run `make schema-dump` after changing migrations:\n{diff}"
