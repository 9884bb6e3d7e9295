"""Validation queries: saved queries in sql/queries/checks/ that return zero rows when the
data is sound; and table fingerprints, to tell whether two copies of the data agree."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection, Engine

from sims import queries

CHECKS_DIR = queries.QUERIES_DIR / "checks"


def run_checks(engine: Engine) -> dict[str, list[dict]]:
    """Each check's findings (rows), keyed by the check's name; all empty when sound."""
    with engine.connect() as conn:
        return findings(conn)


def findings(conn: Connection) -> dict[str, list[dict]]:
    """As `run_checks`, on a connection of the caller's: what its transaction sees."""
    return {
        name: queries.fetch(conn, check) for name, check in queries.catalogue(CHECKS_DIR).items()
    }


# The stored columns of each table of the current database (views too); virtual columns
# are computed on read and add nothing. Two plain queries: joining columns to tables in
# information_schema is several times slower.
_STORED_COLUMNS = """
SELECT table_name, column_name
FROM information_schema.columns
WHERE table_schema = DATABASE() AND extra NOT LIKE '%%VIRTUAL GENERATED%%'
ORDER BY table_name, ordinal_position
"""
_BASE_TABLES = """
SELECT table_name
FROM information_schema.tables
WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
ORDER BY table_name
"""


def table_fingerprints(
    conn: Connection, tables: Iterable[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Each base table's (or each given table's) row count and a checksum of its rows' stored
    values: equal on two servers means the same rows. (CHECKSUM TABLE will not do for
    comparing Galera nodes: on a table with a virtual column it differs between nodes that
    hold the same rows.)"""
    columns: dict[str, list[str]] = {}
    for table, column in conn.exec_driver_sql(_STORED_COLUMNS):
        columns.setdefault(table, []).append(column)
    if tables is None:
        tables = conn.exec_driver_sql(_BASE_TABLES).scalars().all()
    selects = []
    for table in tables:
        row_text = ", ".join(f"QUOTE(`{column}`)" for column in columns[table])
        row_hash = f"CAST(CONV(LEFT(MD5(CONCAT_WS('|', {row_text})), 16), 16, 10) AS UNSIGNED)"
        selects.append(
            f"SELECT '{table}', COUNT(*), COALESCE(BIT_XOR({row_hash}), 0) FROM `{table}`"
        )
    rows = conn.exec_driver_sql(" UNION ALL ".join(selects)).all()
    return {table: (count, int(checksum)) for table, count, checksum in rows}
