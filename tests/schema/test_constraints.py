"""The database itself rejects bad data: every rule below is a named constraint or key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

CATEGORY = "INSERT INTO category (name) VALUES ('Tools')"
WAREHOUSE = "INSERT INTO warehouse (code, name, country_code) VALUES ('WH1', 'Main', 'GB')"
CUSTOMER = "INSERT INTO customer (name, email, country_code) VALUES ('Ann', 'a@x.test', 'GB')"
SUPPLIER = "INSERT INTO supplier (name, country_code) VALUES ('Acme', 'DE')"


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    """A connection with one of each parent row, all rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        ids = {}
        for table, sql in (
            ("category", CATEGORY),
            ("warehouse", WAREHOUSE),
            ("customer", CUSTOMER),
            ("supplier", SUPPLIER),
        ):
            ids[table] = connection.exec_driver_sql(sql).lastrowid
        ids["product"] = connection.exec_driver_sql(
            "INSERT INTO product (sku, name, category_id, unit_price) "
            "VALUES ('SKU-1', 'Hammer', %s, 9.5)",
            (ids["category"],),
        ).lastrowid
        connection.exec_driver_sql(
            "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty) VALUES (%s, %s, 10)",
            (ids["product"], ids["warehouse"]),
        )
        connection.info["ids"] = ids
        yield connection
        transaction.rollback()


def rejected(conn: Connection, sql: str, params: tuple = ()) -> str:
    """Run a statement that must fail; return the server's message."""
    with pytest.raises(sa.exc.DBAPIError) as caught, conn.begin_nested():
        conn.exec_driver_sql(sql, params)
    return str(caught.value.orig)


def test_a_valid_row_is_accepted(conn: Connection) -> None:
    ids = conn.info["ids"]
    conn.exec_driver_sql(
        "INSERT INTO sales_order (customer_id, warehouse_id) VALUES (%s, %s)",
        (ids["customer"], ids["warehouse"]),
    )


def test_negative_on_hand_stock_is_rejected(conn: Connection) -> None:
    ids = conn.info["ids"]
    message = rejected(
        conn,
        "UPDATE stock_level SET on_hand_qty = -1 WHERE product_id = %s",
        (ids["product"],),
    )
    assert "ck_stock_level__on_hand_non_negative" in message


def test_reserving_more_than_on_hand_is_rejected(conn: Connection) -> None:
    ids = conn.info["ids"]
    message = rejected(
        conn,
        "UPDATE stock_level SET reserved_qty = 11 WHERE product_id = %s",
        (ids["product"],),
    )
    assert "ck_stock_level__reserved_within_on_hand" in message


def test_dangling_foreign_key_is_rejected(conn: Connection) -> None:
    message = rejected(
        conn,
        "INSERT INTO product (sku, name, category_id, unit_price) VALUES ('X', 'X', 987654321, 1)",
    )
    assert "fk_product__category" in message


def test_duplicate_sku_is_rejected(conn: Connection) -> None:
    ids = conn.info["ids"]
    message = rejected(
        conn,
        "INSERT INTO product (sku, name, category_id, unit_price) VALUES ('SKU-1', 'Dup', %s, 1)",
        (ids["category"],),
    )
    assert "uq_product__sku" in message


def test_unknown_status_is_rejected(conn: Connection) -> None:
    ids = conn.info["ids"]
    message = rejected(
        conn,
        "INSERT INTO sales_order (customer_id, warehouse_id, status) VALUES (%s, %s, 'lost')",
        (ids["customer"], ids["warehouse"]),
    )
    assert "Data truncated for column 'status'" in message  # the ENUM, not a CHECK


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        (
            "INSERT INTO product (sku, name, category_id, unit_price) "
            "VALUES ('N', 'N', {category}, -0.01)",
            "ck_product__unit_price_non_negative",
        ),
        (
            "INSERT INTO sales_order_line (sales_order_id, product_id, ordered_qty, unit_price) "
            "SELECT sales_order_id, {product}, 0, 1 FROM sales_order LIMIT 1",
            "ck_sales_order_line__ordered_qty_positive",
        ),
        (
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, reason) "
            "VALUES ({product}, {warehouse}, 'adjustment', 0, 10, 'count')",
            "ck_stock_movement__change_qty_sign_matches_type",
        ),
        (
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty) VALUES ({product}, {warehouse}, 'adjustment', 5, 15)",
            "ck_stock_movement__reference_matches_type",
        ),
        (
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, reason) "
            "VALUES ({product}, {warehouse}, 'adjustment', -11, -1, 'x')",
            "ck_stock_movement__balance_after_non_negative",
        ),
        (
            "INSERT INTO warehouse (code, name, country_code) VALUES ('W2', 'W2', 'gb')",
            "ck_warehouse__country_code_format",
        ),
        (
            "INSERT INTO supplier_review (supplier_id, rating, reviewer_name) "
            "VALUES ({supplier}, 6, 'x')",
            "ck_supplier_review__rating_range",
        ),
        (
            "INSERT INTO product_supplier (product_id, supplier_id, supplier_sku, unit_cost, "
            "lead_time_days, order_multiple) VALUES ({product}, {supplier}, 'S', 2, 3, 0)",
            "ck_product_supplier__order_multiple_positive",
        ),
        (
            "INSERT INTO sales_order (customer_id, warehouse_id, status) "
            "VALUES ({customer}, {warehouse}, 'shipped')",
            "ck_sales_order__status_timestamps",
        ),
    ],
    ids=lambda value: value if value.startswith("ck_") else "",
)
def test_check_constraint_rejects_bad_row(conn: Connection, sql: str, constraint: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sales_order (customer_id, warehouse_id) VALUES (%s, %s)",
        (conn.info["ids"]["customer"], conn.info["ids"]["warehouse"]),
    )
    message = rejected(conn, sql.format(**conn.info["ids"]))
    assert constraint in message


def test_only_one_open_alert_per_product_and_warehouse(conn: Connection) -> None:
    ids = conn.info["ids"]
    alert = (
        "INSERT INTO stock_alert (product_id, warehouse_id, status, resolved_at, available_qty, "
        "reorder_point_qty) VALUES (%s, %s, %s, %s, 1, 5)"
    )
    key = (ids["product"], ids["warehouse"])
    conn.exec_driver_sql(alert, (*key, "resolved", "2026-01-01"))
    conn.exec_driver_sql(alert, (*key, "resolved", "2026-01-02"))
    conn.exec_driver_sql(alert, (*key, "open", None))
    message = rejected(conn, alert, (*key, "open", None))
    assert "uq_stock_alert__product_id_warehouse_id_is_open" in message
