"""Test support: minimal reference rows inserted directly, procedure calls, and the check
that a refused call names the bad value and changes nothing."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sims.checks import run_checks
from sims.inventory import call_procedure

_serial = itertools.count(1)

CORE_TABLES = (
    "category", "supplier", "customer", "warehouse", "product", "product_supplier",
    "stock_level", "stock_movement", "sales_order", "sales_order_line", "purchase_order",
    "purchase_order_line", "invoice", "invoice_line", "stock_alert", "supplier_review",
)  # fmt: skip


def insert(conn: Connection, sql: str, params: tuple = ()) -> int:
    return conn.exec_driver_sql(sql, params).lastrowid


def category(conn: Connection, name: str | None = None) -> int:
    return insert(
        conn, "INSERT INTO category (name) VALUES (%s)", (name or f"cat-{next(_serial)}",)
    )


def warehouse(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO warehouse (code, name, country_code) VALUES (%s, %s, 'GB')",
        (f"WH{n}", f"Warehouse {n}"),
    )


def customer(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO customer (name, email, country_code) VALUES (%s, %s, 'GB')",
        (f"Customer {n}", f"c{n}@example.test"),
    )


def supplier(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO supplier (name, country_code) VALUES (%s, 'DE')",
        (f"Supplier {n}",),
    )


def product(conn: Connection, category_id: int | None = None, unit_price: float = 10.0) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO product (sku, name, category_id, unit_price) VALUES (%s, %s, %s, %s)",
        (f"SKU-{n}", f"Product {n}", category_id or category(conn), unit_price),
    )


def stock_level(
    conn: Connection,
    product_id: int,
    warehouse_id: int,
    on_hand_qty: int = 0,
    reorder_point_qty: int = 0,
    target_qty: int | None = None,
) -> None:
    """A stock level whose opening stock is also in the ledger, so the two agree."""
    conn.exec_driver_sql(
        "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty, reorder_point_qty, "
        "target_qty) VALUES (%s, %s, %s, %s, %s)",
        (product_id, warehouse_id, on_hand_qty, reorder_point_qty, target_qty or reorder_point_qty),
    )
    if on_hand_qty:
        conn.exec_driver_sql(
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, reason) VALUES (%s, %s, 'adjustment', %s, %s, 'opening stock')",
            (product_id, warehouse_id, on_hand_qty, on_hand_qty),
        )


def fingerprint(engine: Engine) -> dict[str, tuple]:
    """Row count and checksum of every core table: equal before and after means unchanged."""
    with engine.connect() as conn:
        checksums = dict(
            tuple(row) for row in conn.exec_driver_sql(f"CHECKSUM TABLE {', '.join(CORE_TABLES)}")
        )
        counts = {
            table: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()
            for table in CORE_TABLES
        }
    database = engine.url.database
    return {table: (counts[table], checksums[f"{database}.{table}"]) for table in CORE_TABLES}


def call(engine: Engine, procedure: str, *args: Any) -> list[dict[str, Any]]:
    return call_procedure(engine, procedure, args)


def assert_refused(engine: Engine, procedure: str, args: Sequence[Any], message: str) -> None:
    """The call fails with a message containing `message`, and no table changed."""
    before = fingerprint(engine)
    with pytest.raises(sa.exc.OperationalError) as caught:
        call_procedure(engine, procedure, args)
    assert caught.value.orig.args[0] == 1644, caught.value
    assert message in caught.value.orig.args[1]
    assert fingerprint(engine) == before, "a refused call must not change any table"


def assert_data_sound(engine: Engine) -> None:
    """Every validation query returns zero rows."""
    findings = {name: rows for name, rows in run_checks(engine).items() if rows}
    assert findings == {}


def scalar(engine: Engine, sql: str, params: tuple = ()) -> Any:
    with engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).scalar()
