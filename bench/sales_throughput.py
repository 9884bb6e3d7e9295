"""Sales throughput: the counter-sale procedure against a bare conditional UPDATE.

Each path sells one unit of one of 100 hot products from 8 client threads for a fixed time,
on a scratch database of their own: the bare `UPDATE stock_level ... WHERE on_hand_qty >= 1`
(autocommit); two floors (bench/sql/) that do nothing but write rows, `CALL
stock_sale_floor(...)` the stock level and its ledger row, `CALL counter_sale_floor(...)` all
the rows of a counter sale; and `CALL sell_at_counter(...)` with one line. Each path has its
own warehouse, so the checks afterwards can prove that none oversold or lost an update, that
the ledger of the paths that write one equals on hand, and that every counter sale has its
invoice. The paths take turns in rounds, so a slow spell of the machine weighs on all of
them, and the report gives the ratio of each round as well as of the whole run. The CPU the
server and the clients spent per sale is measured too, when the server runs on this machine.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pymysql
from sqlalchemy.engine import URL, Engine

from sims import migrate
from sims.db import (
    LOOPBACK_HOSTS,
    create_engine,
    execute_verbatim,
    read_sql_file,
    server_flavor,
)
from sims.inventory import RETRYABLE_ERRORS
from sims.roles import throwaway_database

TITLE = "Sales throughput: sell_at_counter against a bare conditional UPDATE"
THREADS = 8
HOT_PRODUCTS = 100
SECONDS = 10.0
# The paths take turns, SECONDS / ROUNDS each per round, so a slow spell of the machine (a
# shared VM's rates drift by a third within minutes) weighs on every path alike.
ROUNDS = 5
OPENING_QTY = 1_000_000  # far more than a run sells: the rates measure selling, not refusing
GOAL_RATIO = 0.5

BARE_UPDATE = (
    "UPDATE stock_level SET on_hand_qty = on_hand_qty - 1 "
    "WHERE product_id = %s AND warehouse_id = %s AND on_hand_qty >= 1"
)
COUNTER_SALE = "CALL sell_at_counter(%s, %s, %s)"
FLOOR_SALE = "CALL counter_sale_floor(%s, %s, %s)"
STOCK_FLOOR_SALE = "CALL stock_sale_floor(%s, %s, %s)"
FLOOR_PROCEDURES = tuple(
    Path(__file__).parent / "sql" / f"{name}.sql"
    for name in ("stock_sale_floor", "counter_sale_floor")
)
SERVER_PROGRAMS = frozenset({"mariadbd", "mysqld"})


@dataclass(frozen=True)
class Shop:
    """What the benchmark sells: one customer, a warehouse per path, the hot products."""

    customer_id: int
    bare_warehouse_id: int
    stock_floor_warehouse_id: int
    floor_warehouse_id: int
    procedure_warehouse_id: int
    product_ids: tuple[int, ...]


@dataclass
class Tally:
    """What the client threads of one path achieved."""

    sales: int = 0
    refused: int = 0
    retries: int = 0
    seconds: float = 0.0
    server_cpu: float | None = None  # CPU seconds the server spent meanwhile, when known
    client_cpu: float = 0.0  # CPU seconds this process (the client threads) spent

    @property
    def rate(self) -> float:
        return self.sales / self.seconds if self.seconds else 0.0

    def add(self, other: Tally) -> None:
        self.sales += other.sales
        self.refused += other.refused
        self.retries += other.retries


def over_rounds(rounds: Sequence[Tally]) -> Tally:
    """One path's rounds as one tally: sales, time and CPU added up (server CPU only when
    every round measured it)."""
    total = Tally()
    for tally in rounds:
        total.add(tally)
        total.seconds += tally.seconds
        total.client_cpu += tally.client_cpu
    measured = [tally.server_cpu for tally in rounds if tally.server_cpu is not None]
    total.server_cpu = sum(measured) if len(measured) == len(rounds) else None
    return total


Sale = Callable[[Any, int], bool]  # (DBAPI cursor, product id) -> sold?


def server_version(engine: Engine) -> str:
    with engine.connect() as conn:
        return f"{server_flavor(conn)} {conn.exec_driver_sql('SELECT VERSION()').scalar()}"


def durability(engine: Engine) -> str:
    """How the server makes commits durable: what every path's one commit costs."""
    with engine.connect() as conn:
        flush, log_bin, sync_binlog = conn.exec_driver_sql(
            "SELECT @@innodb_flush_log_at_trx_commit, @@log_bin, @@sync_binlog"
        ).one()
    binlog = f"binary log on, sync_binlog={sync_binlog}" if log_bin else "binary log off"
    return f"innodb_flush_log_at_trx_commit={flush}, {binlog}"


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
            for code in ("BENCH-BARE", "BENCH-STOCK", "BENCH-FLOOR", "BENCH-PROC")
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
    return Shop(customer_id, *warehouses, product_ids)


def bare_sale(shop: Shop) -> Sale:
    def sell(cursor: Any, product_id: int) -> bool:
        return cursor.execute(BARE_UPDATE, (product_id, shop.bare_warehouse_id)) == 1

    return sell


def procedure_sale(call: str, customer_id: int, warehouse_id: int) -> Sale:
    """A sale through `call`, a CALL of (customer, warehouse, JSON lines) with one line."""

    def sell(cursor: Any, product_id: int) -> bool:
        lines = json.dumps([{"product_id": product_id, "qty": 1}])
        cursor.execute(call, (customer_id, warehouse_id, lines))
        cursor.fetchall()
        while cursor.nextset():  # the CALL's own status result
            pass
        return True

    return sell


def install_floors(engine: Engine) -> None:
    """Create the floor procedures (benchmark only) in the benchmark's database."""
    with engine.begin() as conn:
        for path in FLOOR_PROCEDURES:
            execute_verbatim(conn, read_sql_file(path))


def counter_sale(shop: Shop) -> Sale:
    return procedure_sale(COUNTER_SALE, shop.customer_id, shop.procedure_warehouse_id)


def floor_sale(shop: Shop) -> Sale:
    return procedure_sale(FLOOR_SALE, shop.customer_id, shop.floor_warehouse_id)


def stock_floor_sale(shop: Shop) -> Sale:
    return procedure_sale(STOCK_FLOOR_SALE, shop.customer_id, shop.stock_floor_warehouse_id)


def server_process(engine: Engine) -> psutil.Process | None:
    """The server's process when it runs on this machine: reached on loopback, its pid file
    readable and naming a server program. None otherwise (its CPU is not measured)."""
    if engine.url.host not in LOOPBACK_HOSTS:
        return None
    with engine.connect() as conn:
        pid_file = Path(conn.exec_driver_sql("SELECT @@pid_file").scalar_one())
    try:
        process = psutil.Process(int(pid_file.read_text()))
        return process if process.name() in SERVER_PROGRAMS else None
    except (OSError, ValueError, psutil.Error):
        return None


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


@contextmanager
def cpu_spent(tally: Tally, server: psutil.Process | None) -> Iterator[None]:
    """Record in `tally` the CPU the server and this process spent inside the block."""
    client = psutil.Process()
    client_before = cpu_seconds(client)
    server_before = cpu_seconds(server) if server else None
    yield
    tally.client_cpu = cpu_seconds(client) - client_before
    if server and server_before is not None:
        tally.server_cpu = cpu_seconds(server) - server_before


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


def measure(
    engines: Sequence[Engine],
    sale: Sale,
    shop: Shop,
    seconds: float,
    server: psutil.Process | None = None,
) -> Tally:
    """THREADS clients selling through `sale` for `seconds`, added up; client n connects
    through engines[n % len(engines)]. With `server`, its CPU is measured too."""
    results: list[Tally] = []
    errors: list[BaseException] = []

    def work(seed: int, deadline: float) -> None:
        try:
            results.append(client(engines[seed % len(engines)], sale, shop, deadline, seed))
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    total = Tally()
    with cpu_spent(total, server):
        start = time.perf_counter()
        deadline = start + seconds
        threads = [threading.Thread(target=work, args=(n, deadline)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        total.seconds = time.perf_counter() - start
    if errors:
        raise errors[0]
    for tally in results:
        total.add(tally)
    return total


def stock_findings(
    engine: Engine, warehouse_id: int, sold: int, ledger: bool, invoiced: bool
) -> list[str]:
    """What is wrong with the warehouse's stock after `sold` one-unit sales (empty: sound):
    with `ledger`, also where the ledger differs from on hand; with `invoiced`, a sale
    without its invoice."""
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
            if differing:
                problems.append(f"the ledger differs from on hand for {differing} products")
        if invoiced:
            invoices = run(
                "SELECT COUNT(*) FROM invoice AS i INNER JOIN sales_order AS so "
                "ON i.sales_order_id = so.sales_order_id WHERE so.warehouse_id = %s",
                (warehouse_id,),
            ).scalar_one()
            if invoices != sold:
                problems.append(f"{invoices} invoices for {sold} sales")
    return problems


@dataclass(frozen=True)
class Paths:
    """The four paths of one run, measured on the same server taking turns, ROUNDS rounds
    added up; round_ratios: the procedure's rate against the bare update's, round by round."""

    bare: Tally
    stock_floor: Tally
    floor: Tally
    procedure: Tally
    round_ratios: tuple[float, ...]

    def share(self, tally: Tally) -> float:
        """`tally`'s rate as a fraction of the bare update's."""
        return tally.rate / self.bare.rate if self.bare.rate else 0.0


def microseconds_per_sale(cpu_seconds: float | None, sales: int) -> float | None:
    """CPU microseconds per sale (None when not measured)."""
    if cpu_seconds is None or not sales:
        return None
    return 1e6 * cpu_seconds / sales


def shown(microseconds: float | None) -> str:
    return "n/a" if microseconds is None else f"{microseconds:,.0f}"


def table(paths: Paths) -> list[str]:
    labelled = (
        ("bare conditional `UPDATE stock_level` (autocommit)", paths.bare),
        ("stock floor: `CALL stock_sale_floor`, the stock level and its ledger row, no checks",
         paths.stock_floor),
        ("floor: `CALL counter_sale_floor`, the rows of a counter sale and no checks",
         paths.floor),
        ("`CALL sell_at_counter` (checked order, line, stock, movement, invoice)",
         paths.procedure),
    )  # fmt: skip
    return [
        "| path | sales/s | of the bare rate | server CPU µs/sale | client CPU µs/sale "
        "| sales | refused | deadlock retries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {label} | {tally.rate:,.0f} | {paths.share(tally):.0%} | "
            f"{shown(microseconds_per_sale(tally.server_cpu, tally.sales))} | "
            f"{shown(microseconds_per_sale(tally.client_cpu, tally.sales))} | "
            f"{tally.sales:,} | {tally.refused:,} | {tally.retries:,} |"
            for label, tally in labelled
        ),
    ]


def explanation(paths: Paths) -> str:
    """What the floors say about the goal, from this run's numbers."""
    floor_share = paths.share(paths.floor)
    of_floor = paths.procedure.rate / paths.floor.rate if paths.floor.rate else 0.0
    reach = (
        f"so on this server no sales procedure that writes those rows can reach {GOAL_RATIO:.0%}"
        if floor_share < GOAL_RATIO
        else f"so {GOAL_RATIO:.0%} is within reach of a procedure that writes those rows"
    )
    text = (
        "The floor, which writes the rows one counter sale needs (the stock level, an order, "
        "its line, a ledger movement, an invoice and its line) in one transaction with no "
        f"check at all, reaches {floor_share:.0%} of the bare rate, {reach}. "
        f"`sell_at_counter` reaches {of_floor:.0%} of the floor; the rest of its cost is its "
        "checks (the customer, the warehouse, each JSON line, the products, the invoice "
        "total) and the order's lock-ordered posting through the ledger procedure that every "
        "stock path shares. The stock floor, the same kind of call and transaction writing "
        f"only the stock level and its ledger row, reaches {paths.share(paths.stock_floor):.0%}."
    )
    bare, stock_floor, floor = (
        microseconds_per_sale(tally.server_cpu, tally.sales)
        for tally in (paths.bare, paths.stock_floor, paths.floor)
    )
    if bare and stock_floor and floor:
        per_row = (floor - stock_floor) / 4  # order, line, invoice, invoice line
        text += (
            f" Per sale the floor costs the server {floor / bare:.1f} times the CPU of the "
            f"bare update, the stock floor {stock_floor / bare:.1f} times; each of the four "
            f"further rows of a counter sale (order, line, invoice, invoice line) costs about "
            f"{per_row:,.0f} µs, {per_row / bare:.1f} times a whole bare update. With the "
            f"clients and the server sharing {os.cpu_count()} cores (load average "
            f"{os.getloadavg()[0]:.1f} when this run ended), the rates follow the CPU spent "
            "per sale, server and client together."
        )
    return text


def report(version: str, settings: str, seconds: float, paths: Paths, problems: list[str]) -> str:
    ratio = paths.share(paths.procedure)
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    soundness = "; ".join(problems) if problems else (
        "no oversell, no lost update: stock never negative, each warehouse fell by exactly "
        "the units sold, nothing left reserved, the ledger of the three procedure paths "
        "equals on hand and every counter sale has its invoice"
    )  # fmt: skip
    return "\n".join(
        [
            f"{THREADS} client threads, {HOT_PRODUCTS} hot products, {seconds:g} s per path "
            f"in {ROUNDS} rounds (the paths take turns), one unit per sale; server {version} "
            f"({settings}).",
            "",
            *table(paths),
            "",
            f"**Ratio: {ratio:.0%}** of the bare update's rate (goal: at least "
            f"{GOAL_RATIO:.0%}, {verdict}); round by round "
            f"{min(paths.round_ratios):.0%} to {max(paths.round_ratios):.0%}.",
            "",
            explanation(paths),
            "",
            f"Checks: {soundness}.",
        ]
    )


def take_turns(engine: Engine, shop: Shop, seconds: float, server: psutil.Process | None) -> Paths:
    """The four paths for `seconds` each, in ROUNDS rounds in which each takes its turn."""
    sales = {
        "bare": bare_sale(shop),
        "stock_floor": stock_floor_sale(shop),
        "floor": floor_sale(shop),
        "procedure": counter_sale(shop),
    }
    rounds: dict[str, list[Tally]] = {name: [] for name in sales}
    for _ in range(ROUNDS):
        for name, sale in sales.items():
            rounds[name].append(measure([engine], sale, shop, seconds / ROUNDS, server))
    ratios = tuple(
        procedure.rate / bare.rate if bare.rate else 0.0
        for bare, procedure in zip(rounds["bare"], rounds["procedure"], strict=True)
    )
    return Paths(**{name: over_rounds(tallies) for name, tallies in rounds.items()},
                 round_ratios=ratios)  # fmt: skip


def run(server_url: URL, seconds: float = SECONDS) -> str:
    """Benchmark the four paths on a scratch database of their own; Markdown for the report."""
    with throwaway_database(server_url, prefix="sims_bench") as url:
        migrate.upgrade(url)
        engine = create_engine(url, pool_size=THREADS, max_overflow=2)
        try:
            version, settings = server_version(engine), durability(engine)
            install_floors(engine)
            shop = seed(engine)
            server = server_process(engine)
            paths = take_turns(engine, shop, seconds, server)
            problems = [
                f"{path}: {problem}"
                for path, warehouse_id, tally, ledger, invoiced in (
                    ("bare", shop.bare_warehouse_id, paths.bare, False, False),
                    ("stock floor", shop.stock_floor_warehouse_id, paths.stock_floor, True, False),
                    ("floor", shop.floor_warehouse_id, paths.floor, True, True),
                    ("sell_at_counter", shop.procedure_warehouse_id, paths.procedure, True, True),
                )
                for problem in stock_findings(engine, warehouse_id, tally.sales, ledger, invoiced)
            ]
        finally:
            engine.dispose()
    return report(version, settings, seconds, paths, problems)
