"""Concurrent selling: 8 threads selling the same few products until the stock runs out never
oversell and never lose an update. Orders of one or two lines, listed in random order, also
prove that locking in product order keeps them out of deadlocks they cannot retry out of."""

from __future__ import annotations

import random
import re
import threading
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.inventory import call_procedure
from tests import support
from tests.support import assert_data_sound, order_lines, run_in_threads, scalar

THREADS = 8
OPENING_QTY = 120
PRICES = (Decimal("2.50"), Decimal("4.00"), Decimal("9.99"), Decimal("1.25"))
_SHORT = re.compile(r"insufficient stock of product (\d+) ")


def new_shop(engine: Engine) -> SimpleNamespace:
    """A customer, a warehouse and four products with OPENING_QTY each; the reorder point
    makes the low-stock alert triggers fire while the threads sell."""
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        shop.prices = {support.product(conn, unit_price=float(price)): price for price in PRICES}
        for product in shop.prices:
            support.stock_level(conn, product, shop.warehouse, OPENING_QTY, reorder_point_qty=5)
    return shop


class Seller:
    """One thread's view: what it sold, and which products it found short or exhausted."""

    def __init__(self, seed: int, products: list[int]) -> None:
        self.rng = random.Random(seed)
        self.products = products
        self.sold: Counter[int] = Counter()
        self.orders: list[int] = []
        self.short: set[int] = set()  # refused a bigger quantity: ask for one unit from now on
        self.exhausted: set[int] = set()  # refused a single unit: none left, for good

    def next_lines(self) -> dict[int, int] | None:
        """One or two products, in random order, and a quantity each; None when all is gone."""
        left = [p for p in self.products if p not in self.exhausted]
        if not left:
            return None
        picked = self.rng.sample(left, min(len(left), self.rng.choice((1, 2))))
        return {p: 1 if p in self.short else self.rng.randint(1, 3) for p in picked}

    def refused(self, message: str, lines: dict[int, int]) -> None:
        product = int(_SHORT.search(message)[1])
        (self.exhausted if lines[product] == 1 else self.short).add(product)

    def run(self, sell: Callable[[dict[int, int]], int]) -> None:
        while (lines := self.next_lines()) is not None:
            try:
                self.orders.append(sell(lines))
            except sa.exc.OperationalError as exc:
                if exc.orig.args[0] != 1644:
                    raise
                self.refused(exc.orig.args[1], lines)
                continue
            self.sold.update(lines)


def run_sellers(shop: SimpleNamespace, sell: Callable[[dict[int, int]], int]) -> list[Seller]:
    """THREADS sellers, each until every product is gone; re-raises the first failure."""
    sellers = [Seller(seed, list(shop.prices)) for seed in range(THREADS)]
    run_in_threads([partial(seller.run, sell) for seller in sellers])
    selling = sum(1 for seller in sellers if seller.orders)
    assert selling >= THREADS // 2, f"only {selling} sellers sold: they hardly overlapped"
    return sellers


def as_json(lines: dict[int, int]) -> str:
    return order_lines(*lines.items())


def stock_levels(engine: Engine, shop: SimpleNamespace) -> dict[int, tuple[int, int]]:
    with engine.connect() as conn:
        result = conn.exec_driver_sql(
            "SELECT product_id, on_hand_qty, reserved_qty FROM stock_level WHERE warehouse_id = %s",
            (shop.warehouse,),
        )
        return {row.product_id: (row.on_hand_qty, row.reserved_qty) for row in result}


def total_sold(sellers: list[Seller]) -> Counter[int]:
    return sum((seller.sold for seller in sellers), Counter())


@pytest.fixture(scope="module")
def counter_sales(engine: Engine) -> SimpleNamespace:
    shop = new_shop(engine)

    def sell(lines: dict[int, int]) -> int:
        [row] = call_procedure(
            engine, "sell_at_counter", (shop.customer, shop.warehouse, as_json(lines))
        )
        return row["sales_order_id"]

    shop.sellers = run_sellers(shop, sell)
    return shop


def test_counter_sales_sell_exactly_the_stock_there_was(engine, counter_sales) -> None:
    shop = counter_sales
    assert total_sold(shop.sellers) == {product: OPENING_QTY for product in shop.prices}
    assert stock_levels(engine, shop) == {product: (0, 0) for product in shop.prices}


def test_every_counter_sale_is_in_the_ledger_and_invoiced(engine, counter_sales) -> None:
    shop = counter_sales
    orders = [order for seller in shop.sellers for order in seller.orders]
    placeholders = ", ".join(["%s"] * len(orders))
    ledger = scalar(
        engine,
        "SELECT -SUM(sm.change_qty) FROM stock_movement AS sm JOIN sales_order_line AS sol "
        "ON sm.sales_order_line_id = sol.sales_order_line_id "
        f"WHERE sm.movement_type = 'sale' AND sol.sales_order_id IN ({placeholders})",
        tuple(orders),
    )
    invoiced = scalar(
        engine,
        f"SELECT SUM(total_amount) FROM invoice WHERE sales_order_id IN ({placeholders})",
        tuple(orders),
    )
    sold = total_sold(shop.sellers)
    assert ledger == OPENING_QTY * len(shop.prices)
    assert invoiced == sum(qty * shop.prices[product] for product, qty in sold.items())
    assert_data_sound(engine)


@pytest.fixture(scope="module")
def placed_orders(engine: Engine) -> SimpleNamespace:
    shop = new_shop(engine)

    def place(lines: dict[int, int]) -> int:
        [row] = call_procedure(
            engine, "place_sales_order", (shop.customer, shop.warehouse, as_json(lines))
        )
        return row["sales_order_id"]

    shop.sellers = run_sellers(shop, place)
    return shop


def test_concurrent_orders_reserve_exactly_the_stock_there_was(engine, placed_orders) -> None:
    shop = placed_orders
    assert total_sold(shop.sellers) == {product: OPENING_QTY for product in shop.prices}
    assert stock_levels(engine, shop) == {
        product: (OPENING_QTY, OPENING_QTY) for product in shop.prices
    }
    assert_data_sound(engine)


def test_shipping_them_concurrently_issues_every_reserved_unit(engine, placed_orders) -> None:
    shop = placed_orders
    queue = [order for seller in shop.sellers for order in seller.orders]
    random.Random(1).shuffle(queue)
    lock = threading.Lock()

    def ship() -> None:
        while True:
            with lock:
                if not queue:
                    return
                order = queue.pop()
            call_procedure(engine, "ship_sales_order", (order,))

    run_in_threads([ship] * THREADS)  # raises a thread's failure here
    assert stock_levels(engine, shop) == {product: (0, 0) for product in shop.prices}
    assert_data_sound(engine)


def test_a_sale_does_not_wait_for_another_sale_still_in_progress(engine) -> None:
    """Sales of different products share no lock: a sale is not held up until another,
    shipped but not yet committed, commits (no gap locks on the order lines' index)."""
    shop = new_shop(engine)
    first, second = list(shop.prices)[:2]
    in_progress = engine.raw_connection()
    other = engine.raw_connection()
    try:
        cursor = in_progress.cursor()
        cursor.execute("START TRANSACTION")
        cursor.execute(
            "CALL create_sales_order(%s, %s, %s, FALSE, @order_id)",
            (shop.customer, shop.warehouse, as_json({first: 1})),
        )
        cursor.execute(
            "CALL fulfil_sales_order(@order_id, %s, FALSE, @invoice_id, @total)", (shop.warehouse,)
        )
        waiting = other.cursor()
        waiting.execute("SET SESSION innodb_lock_wait_timeout = 1")
        waiting.execute(
            "CALL sell_at_counter(%s, %s, %s)",
            (shop.customer, shop.warehouse, as_json({second: 1})),
        )
        other.commit()
        in_progress.rollback()
    finally:
        in_progress.close()
        other.invalidate()  # its lock wait timeout must not go back to the pool
    assert stock_levels(engine, shop)[first] == (OPENING_QTY, 0)
    assert stock_levels(engine, shop)[second] == (OPENING_QTY - 1, 0)
    assert_data_sound(engine)
