"""Data generation and bulk load: end to end against the raw LOAD DATA ceiling.

In one run on one server, each in a scratch database of its own migrated to head:
1. end to end: `generate_and_load` at the scale (generation overlapped with loading, then
   the verification that replaces the foreign-key and unique checks switched off);
2. generation alone: the same tables rendered to tab-separated files, no database;
3. the ceiling: `LOAD DATA LOCAL INFILE` of those pre-written files, with the same session
   settings the loader uses;
4. a baseline: row-by-row INSERT, one commit per row, of a sample of stock movements.

SIMS_BENCH_SCALE sets the scale (default 1: about a million sales order lines).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sqlalchemy.engine import URL

from generate import Settings, generate_and_load, write_table_files
from generate.columns import parse_tsv
from generate.loader import insert_sql, load_file, set_load_session
from generate.run import TableFile
from sims import migrate
from sims.db import create_engine
from sims.roles import throwaway_database

TITLE = "Data generation: end-to-end generate + load against the raw LOAD DATA ceiling"
SCALE_VARIABLE = "SIMS_BENCH_SCALE"
SEED = 1
INSERT_SAMPLE = 5_000
GOAL_RATIO = 0.7
GOAL_SECONDS_AT_SCALE_1 = 60.0


def run(server_url: URL) -> str:
    settings = Settings(scale=float(os.environ.get(SCALE_VARIABLE, "1")), seed=SEED)
    # The machine may be shared: its load when the run starts says how far to trust it.
    load_before = os.getloadavg()[0]
    engine = create_engine(server_url)
    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT VERSION()").scalar_one()
    finally:
        engine.dispose()
    with throwaway_database(server_url, prefix="sims_bench_generate") as url:
        migrate.upgrade(url)
        report = generate_and_load(url, settings)
    with tempfile.TemporaryDirectory(prefix="sims-bench-") as tmp:
        started = time.perf_counter()
        files = write_table_files(settings, Path(tmp))
        generation_seconds = time.perf_counter() - started
        with throwaway_database(server_url, prefix="sims_bench_ceiling") as url:
            migrate.upgrade(url)
            ceiling_seconds = load_files(url, files)
        with throwaway_database(server_url, prefix="sims_bench_insert") as url:
            migrate.upgrade(url)
            sample, insert_seconds = insert_row_by_row(url, files)
    rows = report.rows
    end_to_end = rows / report.seconds
    ceiling = rows / ceiling_seconds
    row_by_row = sample / insert_seconds
    ratio = end_to_end / ceiling
    lines = [
        f"Scale {settings.scale:g} (seed {SEED}): {rows:,} rows in {len(files)} tables; "
        f"loader: {report.method}; server {version}; {os.cpu_count()} cores, "
        f"load average {load_before:.1f} when the run started.",
        "",
        "| measurement | rows | seconds | rows/s |",
        "|---|---:|---:|---:|",
        _row("end to end: generate + load + verify", rows, report.seconds),
        f"| of which verification still running after the last load | | "
        f"{report.verify_seconds:.2f} | |",
        _row("generation alone (render to files, no database)", rows, generation_seconds),
        _row("ceiling: LOAD DATA LOCAL INFILE of the pre-written files", rows, ceiling_seconds),
        _row(
            "baseline: row-by-row INSERT + commit (stock_movement sample)", sample, insert_seconds
        ),
        "",
        f"- end to end / ceiling: **{ratio:.0%}** "
        f"(goal at least {GOAL_RATIO:.0%}: {_verdict(ratio >= GOAL_RATIO)})",
        f"- ceiling / row-by-row INSERT: {ceiling / row_by_row:.0f}x; "
        f"end to end / row-by-row INSERT: {end_to_end / row_by_row:.0f}x",
    ]
    if settings.scale == 1:
        met = report.seconds < GOAL_SECONDS_AT_SCALE_1
        lines.append(
            f"- scale 1 end to end in **{report.seconds:.1f} s** "
            f"(goal under {GOAL_SECONDS_AT_SCALE_1:.0f} s: {_verdict(met)}); the server's "
            f"LOAD DATA of the same rows from files alone took {ceiling_seconds:.1f} s"
        )
    lines += ["", "| table | rows | load seconds (end to end) |", "|---|---:|---:|"]
    lines += [f"| {t.table} | {t.rows:,} | {t.seconds:.2f} |" for t in report.tables]
    return "\n".join(lines) + "\n"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def _row(label: str, rows: int, seconds: float) -> str:
    return f"| {label} | {rows:,} | {seconds:.2f} | {rows / seconds:,.0f} |"


def load_files(url: URL, files: list[TableFile]) -> float:
    """Seconds to LOAD DATA every file, in load order, on one connection."""
    engine = create_engine(url, local_files=True)
    connection = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            for file in files:
                set_load_session(cursor, file.table)
                load_file(cursor, file.table, file.columns, str(file.path), file.rows)
                connection.commit()
            return time.perf_counter() - started
    finally:
        connection.invalidate()
        engine.dispose()


def insert_row_by_row(url: URL, files: list[TableFile]) -> tuple[int, float]:
    """Rows inserted and seconds taken, one INSERT and one commit per row."""
    movement = next(f for f in files if f.table == "stock_movement")
    with movement.path.open("rb") as source:
        head = b"".join(line for _, line in zip(range(INSERT_SAMPLE), source, strict=False))
    rows = parse_tsv(head)
    engine = create_engine(url)
    connection = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            set_load_session(cursor, movement.table)
            sql = insert_sql(movement.table, movement.columns)
            started = time.perf_counter()
            for row in rows:
                cursor.execute(sql, row)
                connection.commit()
            return len(rows), time.perf_counter() - started
    finally:
        connection.invalidate()
        engine.dispose()
