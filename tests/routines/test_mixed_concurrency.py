"""Every stock path at once: 8 threads place, ship, cancel and return sales orders, sell at the
counter, adjust, count and transfer stock, order, send and receive purchases, run the
automatic reorder, and pay or void invoices, all on the same few products in two
warehouses. Each thread draws its work from its own seeded random stream. Procedures may
refuse (not enough stock, an order another thread already shipped) and deadlocks are
retried; anything else fails the test. Afterwards every validation query finds nothing:
the ledger sums to on hand and to each receipt, sale and return, nothing is negative,
reservations equal the open orders, alerts match the stock, invoices match what shipped."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.db import SIGNALLED_ERROR
from tests import support
from tests.support import assert_data_sound, run_in_threads, scalar

THREADS = 8
OPERATIONS_PER_THREAD = 60
OPENING_QTY = 60


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """Two warehouses, three products stocked in both (reorder point 20, target 80), two
    customers, and a supplier offering every product in packs of 5."""
    with engine.begin() as conn:
        shop = SimpleNamespace(
            warehouses=[support.warehouse(conn), support.warehouse(conn)],
            customers=[support.customer(conn), support.customer(conn)],
            supplier=support.supplier(conn),
        )
        shop.products = [support.product(conn, unit_price=price) for price in (3, 7, 12)]
        for product in shop.products:
            support.product_supplier(conn, product, shop.supplier, order_multiple=5)
            for warehouse in shop.warehouses:
                support.stock_level(
                    conn, product, warehouse, OPENING_QTY, reorder_point_qty=20, target_qty=80
                )
    return shop


class Worker:
    """One thread: random operations, remembering the documents it made to act on later."""

    def __init__(self, engine: Engine, shop: SimpleNamespace, seed: int) -> None:
        self.engine, self.shop, self.rng = engine, shop, random.Random(seed)
        self.open_orders: list[int] = []
        self.shipped_orders: list[int] = []
        self.invoices: list[int] = []
        self.purchase_orders: list[int] = []
        self.done: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def call(self, procedure: str, *args: object) -> list[dict]:
        return support.call(self.engine, procedure, *args)

    def lines(self) -> str:
        products = self.rng.sample(self.shop.products, self.rng.choice((1, 2)))
        return support.order_lines(*((p, self.rng.randint(1, 4)) for p in products))

    def warehouse(self) -> int:
        return self.rng.choice(self.shop.warehouses)

    # --- the operations --------------------------------------------------------------------

    def counter_sale(self) -> None:
        customer = self.rng.choice(self.shop.customers)
        (sale,) = self.call("sell_at_counter", customer, self.warehouse(), self.lines())
        self.invoices.append(sale["invoice_id"])

    def place_order(self) -> None:
        customer = self.rng.choice(self.shop.customers)
        (order,) = self.call("place_sales_order", customer, self.warehouse(), self.lines())
        self.open_orders.append(order["sales_order_id"])

    def ship_or_cancel(self) -> None:
        if not self.open_orders:
            return self.place_order()
        order = self.open_orders.pop(self.rng.randrange(len(self.open_orders)))
        if self.rng.random() < 0.7:
            (shipped,) = self.call("ship_sales_order", order)
            self.shipped_orders.append(order)
            self.invoices.append(shipped["invoice_id"])
        else:
            self.call("cancel_sales_order", order)

    def take_back(self) -> None:
        if not self.shipped_orders:
            return self.counter_sale()
        line = scalar(
            self.engine,
            "SELECT MIN(sales_order_line_id) FROM sales_order_line WHERE sales_order_id = %s",
            (self.rng.choice(self.shipped_orders),),
        )
        self.call("return_sales_order_line", line, 1, "mixed workload")

    def adjust(self) -> None:
        change = self.rng.choice((-3, -1, 2, 5))
        self.call("adjust_stock", self.rng.choice(self.shop.products), self.warehouse(), change,
                  "mixed workload")  # fmt: skip

    def count(self) -> None:
        self.call("record_stocktake", self.rng.choice(self.shop.products), self.warehouse(),
                  self.rng.randint(30, 90), "mixed workload")  # fmt: skip

    def transfer(self) -> None:
        source, target = self.rng.sample(self.shop.warehouses, 2)
        self.call("transfer_stock", self.rng.choice(self.shop.products), source, target,
                  self.rng.randint(1, 5), "mixed workload")  # fmt: skip

    def buy(self) -> None:
        product = self.rng.choice(self.shop.products)
        lines = support.order_lines((product, 5 * self.rng.randint(1, 4)))
        (order,) = self.call("create_purchase_order", self.shop.supplier, self.warehouse(), lines)
        self.call("send_purchase_order", order["purchase_order_id"])
        self.purchase_orders.append(order["purchase_order_id"])

    def receive(self) -> None:
        if not self.purchase_orders:
            return self.buy()
        order = self.rng.choice(self.purchase_orders)
        self.call("receive_purchase_order", order, None)
        self.purchase_orders.remove(order)

    def reorder(self) -> None:
        self.call("reorder_stock")

    def settle(self) -> None:
        if not self.invoices:
            return self.counter_sale()
        invoice = self.invoices.pop(self.rng.randrange(len(self.invoices)))
        if self.rng.random() < 0.8:
            self.call("pay_invoice", invoice, None)
        else:
            self.call("void_invoice", invoice)

    def run(self) -> None:
        operations: list[Callable[[], None]] = [
            self.counter_sale, self.counter_sale, self.place_order, self.ship_or_cancel,
            self.ship_or_cancel, self.take_back, self.adjust, self.count, self.transfer,
            self.buy, self.receive, self.reorder, self.settle,
        ]  # fmt: skip
        for _ in range(OPERATIONS_PER_THREAD):
            operation = self.rng.choice(operations)
            try:
                operation()
                self.done[operation.__name__] += 1
            except sa.exc.OperationalError as exc:
                if exc.orig.args[0] != SIGNALLED_ERROR:  # deadlocks were retried already
                    raise
                self.refused[operation.__name__] += 1


@pytest.fixture(scope="module")
def workers(engine: Engine, shop: SimpleNamespace) -> list[Worker]:
    workers = [Worker(engine, shop, seed) for seed in range(THREADS)]
    run_in_threads([worker.run for worker in workers])
    return workers


def test_every_kind_of_operation_ran_and_most_succeeded(workers: list[Worker]) -> None:
    done = sum((worker.done for worker in workers), Counter())
    refused = sum((worker.refused for worker in workers), Counter())
    assert set(done) == {
        "counter_sale", "place_order", "ship_or_cancel", "take_back", "adjust", "count",
        "transfer", "buy", "receive", "reorder", "settle",
    }  # fmt: skip
    assert sum(done.values()) > 2 * sum(refused.values())


def test_afterwards_every_validation_query_finds_nothing(engine, workers) -> None:
    assert_data_sound(engine)
