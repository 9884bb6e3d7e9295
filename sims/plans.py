"""Query plans: EXPLAIN a statement and find the full scans of large base tables in it.

A full scan is an EXPLAIN row of type ALL (every row of the table read). EXPLAIN names a
table by its alias, so aliases are resolved from the statement's own `FROM/JOIN table AS
alias` clauses and from the definitions of the views in the schema (information_schema
writes them `db`.`table` `alias`). Materialised derived tables and CTEs (`<derived2>`) are
not base tables and are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

# What the issue calls a large table: a full scan of anything smaller is cheap.
LARGE_TABLE_ROWS = 10_000

_QUERY_ALIAS = re.compile(r"\b(?:FROM|JOIN)\s+`?(\w+)`?(?:\s+AS)?\s+`?(\w+)`?", re.IGNORECASE)
_VIEW_ALIAS = re.compile(r"`\w+`\.`(\w+)` `(\w+)`")


@dataclass(frozen=True)
class FullScan:
    """An EXPLAIN row that reads a whole base table."""

    alias: str
    tables: tuple[str, ...]  # the base tables the alias may stand for (usually one)
    rows: int  # the optimizer's estimate of the rows read

    def describe(self) -> str:
        names = "/".join(self.tables)
        named = names if self.alias in self.tables else f"{names} as {self.alias}"
        return f"{named} ({self.rows} rows)"


def base_tables(conn: Connection) -> set[str]:
    """The base tables of the connection's current database."""
    rows = conn.exec_driver_sql(
        "SELECT TABLE_NAME FROM information_schema.TABLES"
        " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
    )
    return {name for (name,) in rows}


def aliases(conn: Connection, sql: str) -> dict[str, set[str]]:
    """Every alias the statement or a view of the schema gives a name, with those names."""
    found: dict[str, set[str]] = {}
    definitions = conn.exec_driver_sql(
        "SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"
    )
    pairs = [pair for (text,) in definitions for pair in _VIEW_ALIAS.findall(text or "")]
    for table, alias in [*_QUERY_ALIAS.findall(sql), *pairs]:
        found.setdefault(alias, set()).add(table)
    return found


def explain(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The EXPLAIN rows of a statement written for SQLAlchemy's text() (`:name` parameters)."""
    return [dict(row) for row in conn.execute(sa.text("EXPLAIN " + sql), params).mappings()]


def full_scans(
    conn: Connection,
    sql: str,
    params: Mapping[str, Any],
    min_rows: int = LARGE_TABLE_ROWS,
) -> list[FullScan]:
    """The full scans of base tables the statement's plan makes over more than `min_rows`."""
    tables = base_tables(conn)
    known = aliases(conn, sql)
    scans = []
    for row in explain(conn, sql, params):
        alias, rows = row["table"], int(row["rows"] or 0)
        candidates = tuple(sorted(({alias} | known.get(alias, set())) & tables))
        if row["type"] == "ALL" and candidates and rows > min_rows:
            scans.append(FullScan(alias=alias, tables=candidates, rows=rows))
    return scans
