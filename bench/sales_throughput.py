"""Sales throughput: the counter-sale procedure against a bare conditional UPDATE.

Both paths sell one unit of one of 100 hot products from 8 client threads for a fixed time,
on a scratch database of their own: first the bare `UPDATE stock_level ... WHERE on_hand_qty
>= 1` (autocommit), then `CALL sell_at_counter(...)` with one line (order, reservation,
sale movement, invoice). Each path has its own warehouse, so the checks afterwards can prove
that neither oversold or lost an update, and that the procedure's ledger equals on hand.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pymysql
from sqlalchemy.engine import URL, Engine

from sims import migrate
from sims.db import create_engine, scratch_database, server_flavor
from sims.inventory import RETRYABLE_ERRORS

TITLE = "Sales throughput: sell_at_counter against a bare conditional UPDATE"
THREADS = 8
HOT_PRODUCTS = 100
SECONDS = 10.0
OPENING_QTY = 1_000_000  # far more than a run sells: the rates measure selling, not refusing
GOAL_RATIO = 0.5

BARE_UPDATE = (
    "UPDATE stock_level SET on_hand_qty = on_hand_qty - 1 "
    "WHERE product_id = %s AND warehouse_id = %s AND on_hand_qty >= 1"
)
COUNTER_SALE = "CALL sell_at_counter(%s, %s, %s)"


@dataclass(frozen=True)
class Shop:
    """What the benchmark sells: one customer, a warehouse per path, the hot products."""

    customer_id: int
    bare_warehouse_id: int
    procedure_warehouse_id: int
    product_ids: tuple[int, ...]


@dataclass
class Tally:
    """What the client threads of one path achieved."""

    sales: int = 0
    refused: int = 0
    retries: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.sales / self.seconds if self.seconds else 0.0

    def add(self, other: Tally) -> None:
        self.sales += other.sales
        self.refused += other.refused
        self.retries += other.retries


Sale = Callable[[Any, int], bool]  # (DBAPI cursor, product id) -> sold?


def server_version(engine: Engine) -> str:
    with engine.connect() as conn:
        return f"{server_flavor(conn)} {conn.exec_driver_sql('SELECT VERSION()').scalar()}"


def seed(engine: Engine) -> Shop:
    """Reference rows and stock; the opening stock is in the ledger too, so the two agree."""
    with engine.begin() as conn:
        run = conn.exec_driver_sql
        category_id = run("INSERT INTO category (name) VALUES ('Bench')").lastrowid
        customer_id = run(
            "INSERT INTO customer (name, email, country_code) "
            "VALUES ('Bench customer', 'bench@example.test', 'GB')"
        ).lastrowid
        warehouses = [
            run(
                "INSERT INTO warehouse (code, name, country_code) VALUES (%s, %s, 'GB')",
                (code, f"Bench {code}"),
            ).lastrowid
            for code in ("BENCH-BARE", "BENCH-PROC")
        ]
        product_ids = tuple(
            run(
                "INSERT INTO product (sku, name, category_id, unit_price) "
                "VALUES (%s, %s, %s, 9.99)",
                (f"BENCH-{n:03d}", f"Bench product {n}", category_id),
            ).lastrowid
            for n in range(HOT_PRODUCTS)
        )
        levels = [(p, w, OPENING_QTY) for p in product_ids for w in warehouses]
        conn.exec_driver_sql(
            "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty) VALUES (%s, %s, %s)",
            levels,
        )
        conn.exec_driver_sql(
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, reason) VALUES (%s, %s, 'adjustment', %s, %s, 'opening stock')",
            [(p, w, qty, qty) for p, w, qty in levels],
        )
    return Shop(customer_id, warehouses[0], warehouses[1], product_ids)


def bare_sale(shop: Shop) -> Sale:
    def sell(cursor: Any, product_id: int) -> bool:
        return cursor.execute(BARE_UPDATE, (product_id, shop.bare_warehouse_id)) == 1

    return sell


def counter_sale(shop: Shop) -> Sale:
    def sell(cursor: Any, product_id: int) -> bool:
        lines = json.dumps([{"product_id": product_id, "qty": 1}])
        cursor.execute(COUNTER_SALE, (shop.customer_id, shop.procedure_warehouse_id, lines))
        cursor.fetchall()
        while cursor.nextset():  # the CALL's own status result
            pass
        return True

    return sell


def client(engine: Engine, sale: Sale, shop: Shop, deadline: float, seed: int) -> Tally:
    """One client thread: sell random hot products until the deadline, retrying 1213/1205."""
    tally = Tally()
    chooser = random.Random(seed)
    raw = engine.raw_connection()
    try:
        raw.driver_connection.autocommit(True)
        cursor = raw.cursor()
        while time.perf_counter() < deadline:
            product_id = chooser.choice(shop.product_ids)
            while True:
                try:
                    sold = sale(cursor, product_id)
                    break
                except pymysql.err.OperationalError as exc:
                    if exc.args[0] == 1644:  # refused: out of stock
                        sold = False
                        break
                    if exc.args[0] not in RETRYABLE_ERRORS:
                        raise
                    tally.retries += 1
            if sold:
                tally.sales += 1
            else:
                tally.refused += 1
        cursor.close()
    finally:
        raw.close()
    return tally


def measure(engines: Sequence[Engine], sale: Sale, shop: Shop, seconds: float) -> Tally:
    """THREADS clients selling through `sale` for `seconds`, added up; client n connects
    through engines[n % len(engines)]."""
    results: list[Tally] = []
    errors: list[BaseException] = []

    def work(seed: int, deadline: float) -> None:
        try:
            results.append(client(engines[seed % len(engines)], sale, shop, deadline, seed))
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    start = time.perf_counter()
    deadline = start + seconds
    threads = [threading.Thread(target=work, args=(n, deadline)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    total = Tally(seconds=time.perf_counter() - start)
    for tally in results:
        total.add(tally)
    return total


def stock_findings(engine: Engine, warehouse_id: int, sold: int, ledger: bool) -> list[str]:
    """What is wrong with the warehouse's stock after `sold` one-unit sales (empty: sound)."""
    with engine.connect() as conn:
        run = conn.exec_driver_sql
        lowest, taken, reserved = run(
            "SELECT MIN(on_hand_qty), %s * COUNT(*) - SUM(on_hand_qty), SUM(reserved_qty) "
            "FROM stock_level WHERE warehouse_id = %s",
            (OPENING_QTY, warehouse_id),
        ).one()
        problems = []
        if lowest < 0:
            problems.append(f"stock went negative ({lowest})")
        if taken != sold:
            problems.append(f"stock fell by {taken} units but {sold} sales succeeded")
        if reserved:
            problems.append(f"{reserved} units are left reserved")
        if ledger:
            differing = run(
                "SELECT COUNT(*) FROM stock_level AS sl WHERE sl.warehouse_id = %s AND "
                "sl.on_hand_qty <> (SELECT SUM(change_qty) FROM stock_movement AS sm "
                "WHERE sm.product_id = sl.product_id AND sm.warehouse_id = sl.warehouse_id)",
                (warehouse_id,),
            ).scalar_one()
            invoices = run("SELECT COUNT(*) FROM invoice").scalar_one()
            if differing:
                problems.append(f"the ledger differs from on hand for {differing} products")
            if invoices != sold:
                problems.append(f"{invoices} invoices for {sold} sales")
    return problems


def report(version: str, seconds: float, bare: Tally, procedure: Tally, problems: list[str]) -> str:
    ratio = procedure.rate / bare.rate if bare.rate else 0.0
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    rows = [
        "| path | sales/s | sales | refused | deadlock retries |",
        "|---|---:|---:|---:|---:|",
        f"| bare conditional `UPDATE stock_level` (autocommit) | {bare.rate:,.0f} | "
        f"{bare.sales:,} | {bare.refused:,} | {bare.retries:,} |",
        f"| `CALL sell_at_counter` (order, line, sale movement, invoice) | "
        f"{procedure.rate:,.0f} | {procedure.sales:,} | {procedure.refused:,} | "
        f"{procedure.retries:,} |",
    ]
    soundness = "; ".join(problems) if problems else (
        "no oversell, no lost update: stock never negative, each warehouse fell by exactly "
        "the units sold, nothing left reserved, the procedure's ledger equals on hand and "
        "every sale has its invoice"
    )  # fmt: skip
    return "\n".join(
        [
            f"{THREADS} client threads, {HOT_PRODUCTS} hot products, {seconds:g} s per path, "
            f"one unit per sale; server {version}.",
            "",
            *rows,
            "",
            f"**Ratio: {ratio:.0%}** of the bare update's rate (goal: at least "
            f"{GOAL_RATIO:.0%}, {verdict}).",
            "",
            f"Checks: {soundness}.",
            "",
            "What the ratio compares: the bare update changes one row; each counter sale checks "
            "the customer, the warehouse and the JSON line, then writes an order, its line, the "
            "stock level, a ledger movement, an invoice and its line and marks the order and "
            "line shipped, all in one transaction with the same one commit. Where the clients "
            f"and the server share the CPUs (load average {os.getloadavg()[0]:.1f} when this "
            "run ended), the ratio is mostly the ratio of that work.",
        ]
    )


def run(server_url: URL, seconds: float = SECONDS) -> str:
    """Benchmark both paths on a scratch database of their own; Markdown for the report."""
    with scratch_database(server_url, prefix="sims_bench") as url:
        migrate.upgrade(url)
        engine = create_engine(url, pool_size=THREADS, max_overflow=2)
        try:
            version = server_version(engine)
            shop = seed(engine)
            bare = measure([engine], bare_sale(shop), shop, seconds)
            procedure = measure([engine], counter_sale(shop), shop, seconds)
            problems = stock_findings(engine, shop.bare_warehouse_id, bare.sales, ledger=False)
            problems += stock_findings(
                engine, shop.procedure_warehouse_id, procedure.sales, ledger=True
            )
        finally:
            engine.dispose()
    return report(version, seconds, bare, procedure, problems)
