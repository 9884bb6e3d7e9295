"""Saved queries at scale 1: the plan of each (no full scan of a base table over 10,000
rows) and its time.

In a scratch database migrated to head and generated at the scale, every saved query in
sql/queries/ is EXPLAINed and run twice (the faster run is kept, so a cold cache does not
decide); required parameters get values taken from the data (the busiest customer, the
last shipped day). Optional parameters keep their defaults, which mostly mean "all history".

SIMS_BENCH_SCALE sets the scale (default 1: about a million sales order lines).
"""

from __future__ import annotations

import os
import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection

from generate import generate
from sims import migrate, plans, queries
from sims.db import create_engine
from sims.errors import SimsError
from sims.roles import throwaway_database

TITLE = "Saved queries at scale 1: plans without full scans of large tables, and times"
SCALE_VARIABLE = "SIMS_BENCH_SCALE"
SEED = 1
# How a required parameter gets its value from the generated data.
SAMPLES = {
    "customer_id": "SELECT customer_id FROM sales_order"
    " GROUP BY customer_id ORDER BY COUNT(*) DESC, customer_id LIMIT 1",
    "supplier_id": "SELECT supplier_id FROM product_supplier"
    " GROUP BY supplier_id ORDER BY COUNT(*) DESC, supplier_id LIMIT 1",
    "warehouse_id": "SELECT MIN(warehouse_id) FROM warehouse",
    "product_id": "SELECT product_id FROM sales_order_line"
    " GROUP BY product_id ORDER BY COUNT(*) DESC, product_id LIMIT 1",
    "as_of": "SELECT CAST(MAX(shipped_at) AS DATE) FROM sales_order WHERE status = 'shipped'",
    "date_to": "SELECT CAST(MAX(shipped_at) AS DATE) FROM sales_order WHERE status = 'shipped'",
    "date_from": "SELECT CAST(MAX(shipped_at) AS DATE) - INTERVAL 6 MONTH FROM sales_order"
    " WHERE status = 'shipped'",
}
# Seconds measured on 2026-11-23 at scale 1 at revision 0007, with the query files of then
# (commit 7405ca6), before the indexes of revision 0008 and the rewritten queries.
BEFORE_SECONDS = {
    "monthly_sales_by_category": 192.0,
    "top_sellers": 62.0,
    "top_customers": 36.0,
    "slow_movers": 6.0,
    "monthly_sales_trend": 4.9,
    "abc_analysis": 3.7,
    "customer_order_history": 2.4,
    "stock_value_over_time": 2.0,
}


def sample_values(conn: Connection, query: queries.SavedQuery) -> dict[str, str]:
    values = {}
    for parameter in query.parameters:
        if not parameter.required:
            continue
        if parameter.name not in SAMPLES:
            raise SimsError(f"query {query.name}: no sample value for {parameter.name}")
        values[parameter.name] = str(conn.exec_driver_sql(SAMPLES[parameter.name]).scalar_one())
    return values


def timed_run(conn: Connection, sql: str, params: dict[str, Any]) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(2):
        started = time.perf_counter()
        count = len(conn.execute(sa.text(sql), params).all())
        best = min(best, time.perf_counter() - started)
    return best, count


def run(server_url: URL) -> str:
    scale = float(os.environ.get(SCALE_VARIABLE, "1"))
    load_before = os.getloadavg()[0]
    lines = [
        "| query | ms | rows | full scans over 10,000 rows | before 0008 (s) |",
        "|---|---:|---:|---|---:|",
    ]
    flagged = []
    with throwaway_database(server_url, prefix="sims_bench_plans") as url:
        migrate.upgrade(url)
        generate(url, scale, SEED)
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                version = conn.exec_driver_sql("SELECT VERSION()").scalar_one()
                conn.exec_driver_sql("ANALYZE TABLE " + ", ".join(plans.base_tables(conn)))
                for name, query in queries.catalogue().items():
                    params = query.bind(sample_values(conn, query))
                    scans = plans.full_scans(conn, query.sql, params)
                    seconds, count = timed_run(conn, query.sql, params)
                    flagged += [f"{name}: {scan.describe()}" for scan in scans]
                    before = BEFORE_SECONDS.get(name)
                    lines.append(
                        f"| {name} | {seconds * 1000:,.0f} | {count:,} | "
                        f"{', '.join(s.describe() for s in scans) or 'none'} | "
                        f"{'' if before is None else f'{before:g}'} |"
                    )
        finally:
            engine.dispose()
    verdict = (
        "Verdict: no saved query scans a whole base table of more than 10,000 rows."
        if not flagged
        else "Verdict: FULL SCANS of large tables in " + "; ".join(flagged) + "."
    )
    header = (
        f"Scale {scale:g} (seed {SEED}), server {version}, {os.cpu_count()} cores, load "
        f"average {load_before:.1f} when the run started; statistics fresh (ANALYZE TABLE). "
        "Best of two runs; parameters not required keep their defaults (mostly: all history). "
        "The last column is the time measured at revision 0007 with the query files of then."
    )
    return "\n".join([header, "", *lines, "", verdict]) + "\n"
