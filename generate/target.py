"""The database to load: its generated tables must be empty, unless the caller asked to
replace their data. Tables the generator does not fill (settings rows a migration seeds,
for example) are left as they are, except those that reference generated rows."""

from __future__ import annotations

from sqlalchemy.engine import Connection, Engine

from generate.loader import quote
from sims.errors import SimsError

# Every table the generator fills, parents before children.
GENERATED_TABLES = (
    "category", "warehouse", "supplier", "product", "product_supplier", "customer",
    "sales_order", "sales_order_line", "invoice", "invoice_line", "purchase_order",
    "purchase_order_line", "supplier_review", "stock_alert", "stock_level", "stock_movement",
    "credit_note",
)  # fmt: skip

_TABLES = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
"""
_REFERENCES = """
SELECT DISTINCT table_name, referenced_table_name FROM information_schema.referential_constraints
WHERE constraint_schema = DATABASE()
"""


def dependants(conn: Connection, tables: set[str]) -> set[str]:
    """The tables, and every table whose rows reference them (directly or through others)."""
    references = [tuple(row) for row in conn.exec_driver_sql(_REFERENCES)]
    found = set(tables)
    while True:
        more = {child for child, parent in references if parent in found} - found
        if not more:
            return found
        found |= more


def prepare_target(engine: Engine, replace: bool) -> None:
    """Refuse a database whose generated tables hold rows; with `replace`, empty them (and
    the tables referencing them) first."""
    with engine.connect() as conn:
        database = conn.exec_driver_sql("SELECT DATABASE()").scalar_one()
        present = {name for (name,) in conn.exec_driver_sql(_TABLES)}
        missing = [name for name in GENERATED_TABLES if name not in present]
        if missing:
            raise SimsError(
                f"database {database} lacks the table {missing[0]}: migrate it first "
                "(runner.py db migrate)"
            )
        filled = filled_tables(conn)
    if filled and not replace:
        shown = ", ".join(filled[:4]) + (", ..." if len(filled) > 4 else "")
        raise SimsError(
            f"database {database} already holds data (in {shown}): pass --replace to "
            "delete it and load the generated data instead"
        )
    if filled:
        empty_generated_tables(engine)


def filled_tables(conn: Connection) -> list[str]:
    """The generated tables, and the tables referencing them, that hold rows."""
    tables = sorted(dependants(conn, set(GENERATED_TABLES)))
    return [name for name in tables if _has_rows(conn, name)]


def empty_generated_tables(engine: Engine) -> None:
    """Delete every row of the generated tables and of the tables referencing them."""
    with engine.connect() as conn:
        clear = sorted(dependants(conn, set(GENERATED_TABLES)))
        conn.exec_driver_sql("SET SESSION foreign_key_checks = 0")
        try:
            for name in clear:
                conn.exec_driver_sql(f"TRUNCATE TABLE {quote(name)}")
        finally:
            conn.exec_driver_sql("SET SESSION foreign_key_checks = 1")


def _has_rows(conn: Connection, table: str) -> bool:
    return bool(conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})").scalar_one())
