"""inventory_overview and low_stock: stock, availability, stock on order and a status per
product and warehouse, checked against a small hand-built stock picture."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support

OPEN_PO_STATUSES = ("draft", "sent", "partially_received")
ORDERED_AT = datetime(2026, 3, 1, 9, 0)

# (product, warehouse) -> on hand, reserved, reorder point, target, purchase order lines as
# (status, ordered, received). Products: hammer and saw are sold; drill is discontinued, so
# its draft is not on order (it can no longer be sent); hammer's draft is.
PICTURE = {
    ("hammer", "north"): (50, 10, 20, 60, [("draft", 5, 0)]),
    ("hammer", "south"): (5, 0, 10, 40, [("partially_received", 30, 10)]),
    ("saw", "north"): (8, 8, 2, 10, [("sent", 5, 0)]),
    ("saw", "south"): (12, 0, 12, 30, [("cancelled", 100, 0), ("received", 10, 10)]),
    ("drill", "north"): (0, 0, 5, 10, []),
    ("drill", "south"): (30, 0, 10, 20, [("draft", 15, 0)]),
}


def expected_row(on_hand, reserved, reorder_point, target, lines, discontinued) -> dict:
    available = on_hand - reserved
    on_order = sum(
        ordered - received
        for status, ordered, received in lines
        if status in OPEN_PO_STATUSES and not (status == "draft" and discontinued)
    )
    position = available + on_order
    if discontinued:
        status = "discontinued"
    elif available <= 0:
        status = "out_of_stock"
    elif position <= reorder_point:
        status = "low"
    else:
        status = "ok"
    return {
        "on_hand_qty": on_hand,
        "reserved_qty": reserved,
        "available_qty": available,
        "on_order_qty": on_order,
        "position_qty": position,
        "reorder_point_qty": reorder_point,
        "target_qty": target,
        "status": status,
    }


@pytest.fixture(scope="module")
def picture(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        category = support.category(conn, "Hand tools")
        warehouses = {"north": support.warehouse(conn), "south": support.warehouse(conn)}
        products = {name: support.product(conn, category) for name in ("hammer", "saw", "drill")}
        supplier = support.supplier(conn)
        conn.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (products["drill"],)
        )
        for (product, warehouse), (on_hand, reserved, rop, target, lines) in PICTURE.items():
            ids = (products[product], warehouses[warehouse])
            support.stock_level(
                conn, *ids, on_hand_qty=on_hand, reorder_point_qty=rop, target_qty=target
            )
            conn.exec_driver_sql(
                "UPDATE stock_level SET reserved_qty = %s "
                "WHERE product_id = %s AND warehouse_id = %s",
                (reserved, *ids),
            )
            for status, ordered, received in lines:
                order = support.purchase_order(
                    conn,
                    supplier,
                    ids[1],
                    status,
                    ordered_at=None if status in ("draft", "cancelled") else ORDERED_AT,
                    received_at=ORDERED_AT if status == "received" else None,
                )
                support.purchase_order_line(conn, order, ids[0], ordered, 4.0, received)
    return SimpleNamespace(category=category, warehouses=warehouses, products=products)


def view_rows(engine: Engine, view: str) -> list[dict]:
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.exec_driver_sql(f"SELECT * FROM {view}")]
    return rows


def keyed(rows: list[dict], picture: SimpleNamespace) -> dict[tuple[str, str], dict]:
    """Rows keyed by the picture's (product, warehouse) names."""
    product_names = {v: k for k, v in picture.products.items()}
    warehouse_names = {v: k for k, v in picture.warehouses.items()}
    return {
        (product_names[row["product_id"]], warehouse_names[row["warehouse_id"]]): row
        for row in rows
    }


def expected_overview(picture: SimpleNamespace) -> dict[tuple[str, str], dict]:
    return {
        key: expected_row(*values, discontinued=key[0] == "drill")
        for key, values in PICTURE.items()
    }


def test_overview_has_one_row_per_stock_level_with_its_quantities_and_status(
    engine, picture
) -> None:
    rows = keyed(view_rows(engine, "inventory_overview"), picture)
    expected = expected_overview(picture)
    assert set(rows) == set(expected)
    for key, values in expected.items():
        assert {column: rows[key][column] for column in values} == values, key


def test_the_picture_shows_every_status(engine, picture) -> None:
    statuses = {row["status"] for row in view_rows(engine, "inventory_overview")}
    assert statuses == {"ok", "low", "out_of_stock", "discontinued"}


def test_overview_names_the_product_category_and_warehouse(engine, picture) -> None:
    with engine.connect() as conn:
        codes = dict(conn.exec_driver_sql("SELECT warehouse_id, code FROM warehouse").all())
        skus = dict(conn.exec_driver_sql("SELECT product_id, sku FROM product").all())
    for row in view_rows(engine, "inventory_overview"):
        assert row["sku"] == skus[row["product_id"]]
        assert row["warehouse_code"] == codes[row["warehouse_id"]]
        assert (row["category_id"], row["category_name"]) == (picture.category, "Hand tools")


def test_low_stock_lists_sold_products_whose_available_stock_is_at_or_below_the_point(
    engine, picture
) -> None:
    expected = {
        key: values
        for key, values in expected_overview(picture).items()
        if values["available_qty"] <= values["reorder_point_qty"]
        and values["status"] != "discontinued"
    }
    rows = keyed(view_rows(engine, "low_stock"), picture)
    assert set(rows) == set(expected) == {("hammer", "south"), ("saw", "north"), ("saw", "south")}
    for key, values in expected.items():
        assert {column: rows[key][column] for column in values} == values, key
        shortfall = max(values["target_qty"] - values["position_qty"], 0)
        assert rows[key]["shortfall_qty"] == shortfall, key


def test_low_stock_matches_the_open_alerts_of_products_still_sold(engine, picture) -> None:
    with engine.connect() as conn:
        alerted = set(
            conn.exec_driver_sql(
                "SELECT a.product_id, a.warehouse_id FROM stock_alert AS a "
                "INNER JOIN product AS p ON a.product_id = p.product_id "
                "WHERE a.status = 'open' AND p.is_discontinued = 0"
            ).all()
        )
    low = {(row["product_id"], row["warehouse_id"]) for row in view_rows(engine, "low_stock")}
    assert low == alerted
