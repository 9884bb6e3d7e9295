"""product_unit_cost: the unit cost stock is valued at, per product: the average cost paid per
unit received, else the cheapest supplier offer, else 0, checked on hand-built purchases."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from tests import support

ORDERED_AT = datetime(2026, 5, 4, 9, 30)


@pytest.fixture(scope="module")
def products(engine: Engine) -> dict[str, int]:
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        cheap, dear = support.supplier(conn), support.supplier(conn)
        ids = {
            name: support.product(conn)
            for name in ("received", "ordered_only", "offered", "unknown")
        }
        first, second = (
            support.purchase_order(conn, cheap, warehouse, "partially_received", ORDERED_AT)
            for _ in range(2)
        )
        draft = support.purchase_order(conn, dear, warehouse)
        # 10 units at 4.00 and 30 at 6.00: 220.00 for 40 units. The line nothing has been
        # received on yet weighs nothing, and the offer is not used.
        support.purchase_order_line(conn, first, ids["received"], 10, 4.00, received_qty=10)
        support.purchase_order_line(conn, second, ids["received"], 30, 6.00, received_qty=30)
        support.purchase_order_line(conn, draft, ids["received"], 5, 100.00)
        support.product_supplier(conn, ids["received"], cheap, unit_cost="1.00")
        # Ordered, nothing received yet: the cheapest offer.
        support.purchase_order_line(conn, draft, ids["ordered_only"], 8, 9.00)
        support.product_supplier(conn, ids["ordered_only"], cheap, unit_cost="7.25")
        support.product_supplier(conn, ids["ordered_only"], dear, unit_cost="6.80")
        support.product_supplier(conn, ids["offered"], dear, unit_cost="12.40")
    return ids


def valuation(engine: Engine, product_id: int) -> tuple[Decimal, str]:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT unit_cost, cost_basis FROM product_unit_cost WHERE product_id = %s",
                (product_id,),
            ).one()
        )


@pytest.mark.parametrize(
    ("product", "unit_cost", "basis"),
    [
        ("received", Decimal("5.50"), "received"),
        ("ordered_only", Decimal("6.80"), "offer"),
        ("offered", Decimal("12.40"), "offer"),
        ("unknown", Decimal("0"), "none"),
    ],
    ids=[
        "received: the average cost paid per unit received",
        "ordered, nothing received: the cheapest offer",
        "never ordered: the cheapest offer",
        "neither received nor offered: zero",
    ],
)
def test_each_product_is_valued_on_the_first_basis_it_has(
    engine: Engine, products: dict[str, int], product: str, unit_cost: Decimal, basis: str
) -> None:
    assert valuation(engine, products[product]) == (unit_cost, basis)


def test_every_product_has_exactly_one_row(engine: Engine, products: dict[str, int]) -> None:
    assert support.scalar(
        engine, "SELECT COUNT(*) = COUNT(DISTINCT product_id) FROM product_unit_cost"
    )
    assert support.scalar(engine, "SELECT COUNT(*) FROM product_unit_cost") == support.scalar(
        engine, "SELECT COUNT(*) FROM product"
    )
