"""Validation queries: saved queries in sql/queries/checks/ that return zero rows when the
data is sound; and table fingerprints, to tell whether two copies of the data agree."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection, Engine

from sims import queries

CHECKS_DIR = queries.QUERIES_DIR / "checks"


def run_checks(engine: Engine) -> dict[str, list[dict]]:
    """Each check's findings (rows), keyed by the check's name; all empty when sound."""
    return {
        name: queries.run(engine, check) for name, check in queries.catalogue(CHECKS_DIR).items()
    }


# The stored columns of each base table of the current database; virtual columns are
# computed on read and add nothing.
_STORED_COLUMNS = """
SELECT c.table_name, c.column_name
FROM information_schema.columns AS c
JOIN information_schema.tables AS t
    ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
    AND c.extra NOT LIKE '%%VIRTUAL GENERATED%%'
ORDER BY c.table_name, c.ordinal_position
"""


def table_fingerprints(
    conn: Connection, tables: Iterable[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Each base table's row count and a checksum of its rows' stored values: equal on two
    servers means the same rows. (CHECKSUM TABLE will not do for comparing Galera nodes: on
    a table with a virtual column it differs between nodes that hold the same rows.)"""
    columns: dict[str, list[str]] = {}
    for table, column in conn.exec_driver_sql(_STORED_COLUMNS):
        columns.setdefault(table, []).append(column)
    wanted = list(columns) if tables is None else list(tables)
    fingerprints = {}
    for table in wanted:
        row_text = ", ".join(f"QUOTE(`{column}`)" for column in columns[table])
        row_hash = f"CAST(CONV(LEFT(MD5(CONCAT_WS('|', {row_text})), 16), 16, 10) AS UNSIGNED)"
        count, checksum = conn.exec_driver_sql(
            f"SELECT COUNT(*), COALESCE(BIT_XOR({row_hash}), 0) FROM `{table}`"
        ).one()
        fingerprints[table] = (count, int(checksum))
    return fingerprints
