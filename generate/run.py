"""Orchestration: build the tables in dependency order, stream each to the loader as soon
as it exists, then verify. Also writes the same tables to files (for the benchmark)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.progress import Progress
from sqlalchemy.engine import URL, Engine

from generate.adjustments import build_adjustments
from generate.catalog import build_catalog, customer_table
from generate.columns import Table
from generate.credits import credit_note_table
from generate.ledger import (
    collect_movements,
    ledger_tables,
    on_hand_by_slot,
    reserved_by_slot,
    return_movement_of_line,
)
from generate.loader import BackgroundLoader, Loaded
from generate.pools import Pools
from generate.purchasing import (
    Orders,
    cancelled_orders,
    history_orders,
    number_orders,
    pending_orders,
    plan_replenishment,
    receipt_slots,
)
from generate.reviews import review_table
from generate.sales import build_invoices, build_sales, sales_tables
from generate.settings import Settings
from generate.target import GENERATED_TABLES, empty_generated_tables, prepare_target
from generate.verify import BackgroundVerifier
from sims.db import create_engine


def generate_tables(settings: Settings, pools: Pools | None = None) -> Iterator[Table]:
    """Every table, in the order they are loaded: big sales tables early, so the server
    loads them while the stock history is worked out; stock_alert before stock_level,
    whose insert trigger then finds each open alert already there."""
    pools = pools or Pools.build(settings.locale, settings.seed)
    catalog = build_catalog(settings, pools)
    yield from catalog.tables
    sales = build_sales(settings, catalog)
    yield customer_table(catalog, settings, sales.first_order_of_customer)
    invoices = build_invoices(settings, catalog, sales)
    yield from sales_tables(sales, invoices)

    adjustments = build_adjustments(settings, catalog, sales.line_order.size)
    w = catalog.warehouses
    line_slot = sales.line_product * w + sales.order_warehouse[sales.line_order]
    taken = adjustments.adjust_qty < 0
    plan = plan_replenishment(
        settings,
        catalog,
        np.concatenate([line_slot, adjustments.adjust_slot[taken],
                        adjustments.transfer_product * w + adjustments.transfer_from]),
        np.concatenate([sales.ordered_at[sales.line_order], adjustments.adjust_at[taken],
                        adjustments.transfer_at]),
        np.concatenate([sales.line_qty, -adjustments.adjust_qty[taken], adjustments.transfer_qty]),
    )  # fmt: skip
    history = history_orders(settings, catalog, plan)
    cancelled = cancelled_orders(settings, catalog, max(1, round(0.015 * history.supplier.size)))
    before = Orders.concat([history, cancelled])
    receipts = (receipt_slots(catalog, before), before.receipt_at, before.receipt_qty,
                np.zeros(before.receipt_at.size, dtype=np.int64))  # fmt: skip
    movements = collect_movements(settings, catalog, sales, adjustments, plan, receipts)
    available = on_hand_by_slot(catalog, movements) - reserved_by_slot(catalog, sales)
    orders = Orders.concat([history, cancelled, pending_orders(settings, catalog, plan, available)])
    numbered, purchase_tables = number_orders(settings, catalog, orders)
    yield from purchase_tables
    yield review_table(settings, catalog, pools, orders, numbered)
    receipts = (numbered.receipt_slot, orders.receipt_at, orders.receipt_qty,
                numbered.receipt_line_id)  # fmt: skip
    movements = collect_movements(settings, catalog, sales, adjustments, plan, receipts)
    (movement, level, alert), _ = ledger_tables(
        settings, catalog, sales, plan, movements, adjustments.last_counted_at
    )
    yield alert
    yield level
    yield movement
    yield credit_note_table(
        settings, sales, invoices, return_movement_of_line(movements, sales.line_order.size)
    )


@dataclass
class LoadReport:
    """What a load did: rows and seconds per table, the method, and the totals."""

    settings: Settings
    method: str
    tables: list[Loaded]
    load_seconds: float  # generation and loading, overlapped (and most of the proof)
    verify_seconds: float  # the proof still running once the last table is loaded

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def seconds(self) -> float:
        return self.load_seconds + self.verify_seconds

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def generate(
    url: str | URL,
    scale: float,
    seed: int,
    *,
    locale: str = "en_US",
    replace: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Generate and load the data of `scale` and `seed` into the migrated database at `url`;
    the same arguments always give the same rows. See `generate_and_load`."""
    return generate_and_load(url, Settings(scale, seed, locale), replace=replace, progress=progress)


def generate_and_load(
    url: str | URL,
    settings: Settings,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> LoadReport:
    """Generate the data for `settings` into the (migrated) database at `url`.

    Refuses a database that already holds rows unless `replace`, which empties it first.
    When the load or its verification fails, the generated tables are emptied again and the
    error is raised: a half-loaded database never looks like a generated one.
    """
    own_engine = engine is None
    engine = engine or create_engine(url, local_files=True)
    try:
        pools = Pools.build(settings.locale, settings.seed)  # before anything is deleted
        prepare_target(engine, replace)
        try:
            return _load(engine, settings, pools, progress)
        except BaseException as failure:
            try:
                empty_generated_tables(engine)
            except Exception as cleanup:
                failure.add_note(f"the partly loaded tables could not be emptied: {cleanup}")
            raise
    finally:
        if own_engine:
            engine.dispose()


def _load(
    engine: Engine, settings: Settings, pools: Pools, progress: Progress | None
) -> LoadReport:
    started = time.perf_counter()
    verifier = BackgroundVerifier(engine, GENERATED_TABLES)
    loader = BackgroundLoader(engine, progress, on_loaded=verifier.loaded)
    try:
        try:
            for table in generate_tables(settings, pools):
                loader.submit(table)
        finally:
            loaded = loader.finish()
    except BaseException:
        verifier.abandon()
        raise
    load_seconds = time.perf_counter() - started
    verifier.finish()
    return LoadReport(
        settings=settings,
        method=loader.method,
        tables=loaded,
        load_seconds=load_seconds,
        verify_seconds=time.perf_counter() - started - load_seconds,
    )


@dataclass(frozen=True)
class TableFile:
    """A table written as the tab-separated file the loader would send."""

    table: str
    columns: tuple[str, ...]
    rows: int
    path: Path


def write_table_files(settings: Settings, directory: Path) -> list[TableFile]:
    """Write every table, in load order, into `directory` (for benchmarks)."""
    written = []
    for table in generate_tables(settings):
        path = directory / f"{table.name}.tsv"
        path.write_bytes(table.tsv())
        written.append(TableFile(table.name, table.column_names, table.rows, path))
    return written
