"""The MongoDB side of the mirror tests: MONGODB_URI when set (a real server), otherwise
SecantusDB in this process, one per test run, with a database of each module's own; and a
small shop whose sales and receipts went through the inventory procedures."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from pymongo import MongoClient
from pymongo.database import Database
from sqlalchemy.engine import Engine

from sims.mirror.connection import MONGODB_URI_VARIABLE, embedded_server
from tests import support
from tests.support import call


@pytest.fixture(scope="session")
def mongo_server_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if uri := os.environ.get(MONGODB_URI_VARIABLE):
        yield uri
        return
    with embedded_server(tmp_path_factory.mktemp("mongo")) as uri:
        yield uri


@pytest.fixture(scope="module")
def mongo_db(mongo_server_uri: str) -> Iterator[Database]:
    """A MongoDB database of this module's own, dropped afterwards."""
    client: MongoClient = MongoClient(mongo_server_uri)
    name = f"sims_test_{uuid.uuid4().hex[:10]}"
    yield client[name]
    client.drop_database(name)
    client.close()


def lines(*items: tuple) -> str:
    """Order lines as the procedures take them: (product, qty[, unit price])."""
    return json.dumps(
        [
            {"product_id": p, "qty": q, **({"unit_price": rest[0]} if rest else {})}
            for p, q, *rest in items
        ]
    )


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """Two warehouses, three categories, five products (one discontinued), two suppliers with
    offers and reviews, three customers; sales shipped over 30 months (one invoice void,
    one paid, one line returned), one open and one cancelled order; purchase orders received
    in full and in part. Stock starts where the reorder points make some of it low."""
    with engine.begin() as conn:
        north, south = support.warehouse(conn), support.warehouse(conn)
        tools, paint, garden = (support.category(conn) for _ in range(3))
        hammer = support.product(conn, tools, unit_price=12.50)
        saw = support.product(conn, tools, unit_price=19.99)
        primer = support.product(conn, paint, unit_price=7.25)
        hose = support.product(conn, garden, unit_price=23.00)
        old = support.product(conn, garden, unit_price=3.10)
        stock = {hammer: (40, 10), saw: (6, 8), primer: (30, 5), hose: (12, 12), old: (2, 5)}
        for product, (on_hand, reorder_point) in stock.items():
            support.stock_level(conn, product, north, on_hand, reorder_point, reorder_point * 3)
            support.stock_level(conn, product, south, on_hand // 2, reorder_point, reorder_point)
        acme, bolt = support.supplier(conn), support.supplier(conn)
        for product, cost in ((hammer, 6.10), (saw, 9.99), (primer, 3.33), (old, 1.00)):
            support.product_supplier(conn, product, acme, unit_cost=cost)
        for product, cost in ((hammer, 5.95), (hose, 11.01)):
            support.product_supplier(conn, product, bolt, unit_cost=cost)
        support.supplier_review(conn, acme, 4)
        support.supplier_review(conn, acme, 2)
        support.supplier_review(conn, bolt, 5)
        conn.exec_driver_sql("UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (old,))
        ann, bob, cid = (support.customer(conn) for _ in range(3))

    def sell(customer: int, warehouse: int, *items: tuple, months_ago: int = 0) -> int:
        [placed] = call(engine, "place_sales_order", customer, warehouse, lines(*items))
        order = placed["sales_order_id"]
        call(engine, "ship_sales_order", order)
        if months_ago:
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "UPDATE sales_order SET ordered_at = ordered_at - INTERVAL %s MONTH, "
                    "shipped_at = shipped_at - INTERVAL %s MONTH WHERE sales_order_id = %s",
                    (months_ago, months_ago, order),
                )
        return order

    sell(ann, north, (hammer, 3), (primer, 2, 6.99), months_ago=2)
    sell(ann, north, (saw, 1), months_ago=1)
    paid = sell(bob, south, (hammer, 2), (hose, 1, 21.50), months_ago=1)
    voided = sell(cid, north, (primer, 5))
    returned = sell(bob, north, (hammer, 4), (hose, 2))
    sell(cid, south, (hammer, 1), months_ago=30)  # older than the 24 months charted
    [open_order] = call(engine, "place_sales_order", cid, north, lines((saw, 2)))
    [cancelled] = call(engine, "place_sales_order", ann, south, lines((primer, 1)))
    call(engine, "cancel_sales_order", cancelled["sales_order_id"])
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE invoice SET status = 'paid', paid_at = UTC_TIMESTAMP() "
            "WHERE sales_order_id = %s",
            (paid,),
        )
        conn.exec_driver_sql(
            "UPDATE invoice SET status = 'void' WHERE sales_order_id = %s", (voided,)
        )
        returned_line = conn.exec_driver_sql(
            "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s "
            "AND product_id = %s",
            (returned, hammer),
        ).scalar_one()
    call(engine, "return_sales_order_line", returned_line, 1, "dented")

    def purchase(supplier: int, warehouse: int, *items: tuple, receive: str | None) -> int:
        order = call(engine, "create_purchase_order", supplier, warehouse, lines(*items))[0][
            "purchase_order_id"
        ]
        call(engine, "send_purchase_order", order)
        call(engine, "receive_purchase_order", order, receive)
        return order

    purchase(acme, north, (hammer, 10), (saw, 4), receive=None)
    purchase(acme, south, (primer, 7), (saw, 3), receive=lines((primer, 5)))
    purchase(bolt, north, (hammer, 3), (hose, 6), receive=None)
    draft = call(engine, "create_purchase_order", bolt, south, lines((hose, 4)))[0]
    return SimpleNamespace(
        north=north,
        south=south,
        products=(hammer, saw, primer, hose, old),
        suppliers=(acme, bolt),
        customers=(ann, bob, cid),
        open_order=open_order["sales_order_id"],
        returned=returned,
        returned_line=returned_line,
        draft=draft["purchase_order_id"],
    )
