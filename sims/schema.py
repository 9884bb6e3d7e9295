"""The schema snapshot: a normalised, stable text dump of a live database's objects.

Used by `make schema-dump` to write sql/schema.sql, by the tests that compare migrations
with the committed snapshot, and by `db diff` to show drift.
"""

from __future__ import annotations

import difflib
import re

from sqlalchemy.engine import Connection

from sims.db import server_flavor
from sims.errors import SimsError

HEADER = (
    "-- sims schema snapshot, written by `make schema-dump` from a migrated database.\n"
    "-- Do not edit: change the migrations, then run `make schema-dump`.\n"
    "-- server flavor: {flavor}\n"
)
_AUTO_INCREMENT = re.compile(r" AUTO_INCREMENT=\d+")
_DEFINER = re.compile(r" DEFINER=`[^`]*`@`[^`]*`")

# Tables that belong to the migration tooling, not to the sims schema.
TOOLING_TABLES = (
    "alembic_version",
    "sims_migration_revision",
    "sims_migration_step",
    "sims_migration_lock",
)

_OBJECT_QUERIES = {
    "TABLE": (
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name"
    ),
    "VIEW": (
        "SELECT table_name FROM information_schema.views "
        "WHERE table_schema = DATABASE() ORDER BY table_name"
    ),
    "PROCEDURE": (
        "SELECT routine_name FROM information_schema.routines "
        "WHERE routine_schema = DATABASE() AND routine_type = 'PROCEDURE' ORDER BY routine_name"
    ),
    "FUNCTION": (
        "SELECT routine_name FROM information_schema.routines "
        "WHERE routine_schema = DATABASE() AND routine_type = 'FUNCTION' ORDER BY routine_name"
    ),
    "TRIGGER": (
        "SELECT trigger_name FROM information_schema.triggers "
        "WHERE trigger_schema = DATABASE() ORDER BY trigger_name"
    ),
    "EVENT": (
        "SELECT event_name FROM information_schema.events "
        "WHERE event_schema = DATABASE() ORDER BY event_name"
    ),
}
# The kinds of object a dump holds, as its "-- kind: name" headers write them.
OBJECT_KINDS = tuple(kind.lower() for kind in _OBJECT_QUERIES)
# Column of SHOW CREATE <kind> that holds the statement.
_CREATE_COLUMN = {
    "TABLE": 1,
    "VIEW": 1,
    "PROCEDURE": 2,
    "FUNCTION": 2,
    "TRIGGER": 2,
    "EVENT": 3,
}
# Column of SHOW CREATE <kind> that holds the sql_mode the object was created under, which it
# keeps and runs with: a routine made without strict mode truncates where ours refuse.
_SQL_MODE_COLUMN = {"PROCEDURE": 1, "FUNCTION": 1, "TRIGGER": 1, "EVENT": 1}


def _normalise(statement: str, database: str) -> str:
    statement = _AUTO_INCREMENT.sub("", statement)
    statement = _DEFINER.sub("", statement)
    return statement.replace(f"`{database}`.", "")


def dump_schema(conn: Connection) -> str:
    """Every table, view, routine, trigger and event of the connection's database, in a stable
    order; a routine, trigger or event with the sql_mode it runs under."""
    database = conn.exec_driver_sql("SELECT DATABASE()").scalar_one()
    parts = [HEADER.format(flavor=server_flavor(conn))]
    for kind, query in _OBJECT_QUERIES.items():
        for name in conn.exec_driver_sql(query).scalars():
            if kind == "TABLE" and name in TOOLING_TABLES:
                continue
            row = conn.exec_driver_sql(f"SHOW CREATE {kind} `{name}`").one()
            if row[_CREATE_COLUMN[kind]] is None:  # the server hides it from this account
                raise SimsError(
                    f"cannot read the body of {kind.lower()} {name}: the account must be its "
                    "definer, or have SELECT on mysql.proc (MariaDB) or SHOW_ROUTINE (MySQL)"
                )
            header = f"-- {kind.lower()}: {name}\n"
            if kind in _SQL_MODE_COLUMN:
                header += f"-- sql_mode: {row[_SQL_MODE_COLUMN[kind]]}\n"
            parts.append(f"{header}{_normalise(row[_CREATE_COLUMN[kind]], database)};\n")
    return "\n".join(parts)


def snapshot_flavor(snapshot: str) -> str | None:
    """The server flavor a snapshot was written from, read from its header."""
    match = re.search(r"^-- server flavor: (\w+)$", snapshot, re.MULTILINE)
    return match.group(1) if match else None


def schema_diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    """A unified diff of two dumps; empty when they agree."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=expected_name,
            tofile=actual_name,
        )
    )
