"""The reorder list: what reordering would buy now, grouped by supplier and warehouse, each
line costed and each supplier's order totalled."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.engine import Engine

from sims import queries
from tests import support


def test_lists_what_is_short_under_its_supplier_with_line_and_order_cost(engine: Engine) -> None:
    with engine.begin() as conn:
        supplier = support.supplier(conn)
        warehouse = support.warehouse(conn)
        short = [support.product(conn) for _ in range(2)]
        stocked = support.product(conn)
        for product, on_hand in zip([*short, stocked], (1, 0, 50), strict=True):
            support.product_supplier(conn, product, supplier, unit_cost=2.5)
            support.stock_level(
                conn, product, warehouse, on_hand, reorder_point_qty=5, target_qty=20
            )

        sku = dict(conn.exec_driver_sql("SELECT product_id, sku FROM product").all())

    rows = queries.run(
        engine, queries.find("reorder_list_by_supplier"), {"supplier_id": str(supplier)}
    )

    by_sku = {row["sku"]: row for row in rows}
    assert set(by_sku) == {sku[short[0]], sku[short[1]]}  # not the stocked one
    # Up to the target of 20, at 2.50 a unit; one order of both lines.
    assert [(by_sku[sku[p]]["order_qty"], by_sku[sku[p]]["line_cost"]) for p in short] == [
        (19, Decimal("47.50")),
        (20, Decimal("50.00")),
    ]
    assert {row["order_cost"] for row in rows} == {Decimal("97.50")}
