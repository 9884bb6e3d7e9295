"""The schema conventions (README), read from information_schema of a migrated database."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import Connection, Engine

from sims.schema import TOOLING_TABLES


@pytest.fixture(scope="module")
def conn(engine: Engine):
    with engine.connect() as connection:
        yield connection


def rows(conn: Connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.exec_driver_sql(sql)]


def schema_tables(conn: Connection) -> list[str]:
    return [
        name
        for (name,) in rows(
            conn,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
        )
        if name not in TOOLING_TABLES
    ]


def test_the_schema_has_every_core_table(conn: Connection) -> None:
    assert set(schema_tables(conn)) >= {
        "category", "supplier", "product", "product_supplier", "customer", "warehouse",
        "stock_level", "stock_movement", "sales_order", "sales_order_line", "purchase_order",
        "purchase_order_line", "invoice", "invoice_line", "stock_alert", "supplier_review",
    }  # fmt: skip


def test_every_table_is_innodb_utf8mb4_unicode_with_a_primary_key(conn: Connection) -> None:
    offenders = rows(
        conn,
        """
        SELECT t.table_name, t.engine, t.table_collation
        FROM information_schema.tables AS t
        LEFT JOIN information_schema.table_constraints AS c
            ON c.table_schema = t.table_schema AND c.table_name = t.table_name
            AND c.constraint_type = 'PRIMARY KEY'
        WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
            AND (t.engine <> 'InnoDB' OR t.table_collation <> 'utf8mb4_unicode_ci'
                 OR c.constraint_name IS NULL)
        """,
    )
    assert offenders == []


def test_every_table_and_column_has_a_comment(conn: Connection) -> None:
    tables = set(schema_tables(conn))
    bare_tables = [
        name
        for name, comment in rows(
            conn,
            "SELECT table_name, table_comment FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
        )
        if name in tables and not comment.strip()
    ]
    bare_columns = [
        f"{table}.{column}"
        for table, column, comment in rows(
            conn,
            "SELECT table_name, column_name, column_comment FROM information_schema.columns "
            "WHERE table_schema = DATABASE()",
        )
        if table in tables and not comment.strip()
    ]
    assert bare_tables == []
    assert bare_columns == []


def test_every_table_records_created_at_and_updated_at(conn: Connection) -> None:
    columns = set(
        rows(
            conn,
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = DATABASE() AND column_name IN ('created_at', 'updated_at')",
        )
    )
    missing = [
        (table, column)
        for table in schema_tables(conn)
        for column in ("created_at", "updated_at")
        if (table, column) not in columns
    ]
    assert missing == []


def key_columns(conn: Connection) -> dict[tuple[str, str], list[str]]:
    """(table, constraint) -> its columns in order, for foreign keys."""
    result: dict[tuple[str, str], list[str]] = {}
    for table, name, column in rows(
        conn,
        "SELECT table_name, constraint_name, column_name FROM information_schema.key_column_usage "
        "WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL "
        "ORDER BY table_name, constraint_name, ordinal_position",
    ):
        result.setdefault((table, name), []).append(column)
    return result


def index_columns(conn: Connection) -> dict[tuple[str, str], list[str]]:
    """(table, index) -> its columns in order."""
    result: dict[tuple[str, str], list[str]] = {}
    for table, name, column in rows(
        conn,
        "SELECT table_name, index_name, column_name FROM information_schema.statistics "
        "WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index",
    ):
        result.setdefault((table, name), []).append(column)
    return result


def test_every_foreign_key_has_an_index_starting_with_its_columns(conn: Connection) -> None:
    indexes = index_columns(conn)
    unindexed = [
        f"{table}.{name}{tuple(columns)}"
        for (table, name), columns in key_columns(conn).items()
        if not any(
            index_table == table and index[: len(columns)] == columns
            for (index_table, _), index in indexes.items()
        )
    ]
    assert unindexed == []


def test_no_plain_index_is_the_leading_part_of_another(conn: Connection) -> None:
    """Such an index serves no lookup the longer one does not, and every write pays for it.
    A unique key may be: it enforces something the longer index does not."""
    unique = {
        (table, name)
        for table, name in rows(
            conn,
            "SELECT DISTINCT table_name, index_name FROM information_schema.statistics "
            "WHERE table_schema = DATABASE() AND non_unique = 0",
        )
    }
    indexes = index_columns(conn)
    redundant = [
        f"{table}.{name}{tuple(columns)} leads {other}"
        for (table, name), columns in indexes.items()
        if (table, name) not in unique
        for (other_table, other), other_columns in indexes.items()
        if other_table == table
        and other != name
        and len(other_columns) >= len(columns)
        and other_columns[: len(columns)] == columns
    ]
    assert redundant == []


def test_foreign_keys_are_named_fk_table__referenced_table(conn: Connection) -> None:
    misnamed = [
        (name, f"fk_{table}__{referenced}")
        for table, name, referenced in rows(
            conn,
            "SELECT table_name, constraint_name, referenced_table_name "
            "FROM information_schema.referential_constraints "
            "WHERE constraint_schema = DATABASE()",
        )
        if name != f"fk_{table}__{referenced}"
    ]
    assert misnamed == []


def test_unique_keys_and_indexes_are_named_after_their_columns(conn: Connection) -> None:
    unique = {
        (table, name)
        for table, name in rows(
            conn,
            "SELECT table_name, constraint_name FROM information_schema.table_constraints "
            "WHERE table_schema = DATABASE() AND constraint_type = 'UNIQUE'",
        )
    }
    misnamed = []
    for (table, name), columns in index_columns(conn).items():
        if name == "PRIMARY" or table in TOOLING_TABLES:
            continue
        prefix = "uq" if (table, name) in unique else "ix"
        expected = f"{prefix}_{table}__{'_'.join(columns)}"
        if name != expected:
            misnamed.append((table, name, expected))
    assert misnamed == []


def test_check_constraints_are_named_ck_table__rule(conn: Connection) -> None:
    misnamed = [
        (table, name)
        for table, name in rows(
            conn,
            "SELECT table_name, constraint_name FROM information_schema.table_constraints "
            "WHERE table_schema = DATABASE() AND constraint_type = 'CHECK'",
        )
        if not re.fullmatch(rf"ck_{table}__[a-z0-9_]+", name)
    ]
    assert misnamed == []


def test_internal_routines_run_with_their_callers_rights_and_public_ones_with_their_definers(
    conn: Connection,
) -> None:
    """The application may EXECUTE every routine; an internal one it calls itself runs with
    its own rights, none on any table, so it cannot skip the checks of the public ones."""
    routines = rows(
        conn,
        "SELECT routine_name, routine_comment, security_type FROM information_schema.routines "
        "WHERE routine_schema = DATABASE()",
    )
    assert routines
    wrong = [
        (name, security)
        for name, comment, security in routines
        if security != ("INVOKER" if comment.startswith("Internal:") else "DEFINER")
    ]
    assert wrong == []
