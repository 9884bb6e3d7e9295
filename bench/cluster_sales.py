"""Sales throughput on the Galera cluster: 8 clients spread over its three nodes against the
same 8 clients all on one node of it.

The workload is the procedure path of sales_throughput: `CALL sell_at_counter` of one unit
of one of 100 hot products, for a fixed time, each run on a scratch database of its own
migrated through node 1. On one node, concurrent sales of a product queue on its row lock;
spread over the nodes, two sales of a product on different nodes both run and the later one
to be certified loses at COMMIT with 1213 and is run again: the retry rate is those retries
per 100 sales. Afterwards each run's stock and ledger are checked, and the three nodes must
hold the same rows.

Needs the cluster, so it is not part of `make bench`: `make bench-cluster` starts the cluster
if it is not running (and stops it again afterwards).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy.engine import URL, Engine

from bench.sales_throughput import (
    HOT_PRODUCTS,
    SECONDS,
    THREADS,
    Tally,
    counter_sale,
    measure,
    seed,
    server_version,
    stock_findings,
)
from sims import migrate
from sims.checks import table_fingerprints
from sims.cluster import GaleraCluster, node_engine
from sims.db import with_database
from sims.roles import throwaway_database

TITLE = "Cluster sales throughput: 8 clients over 3 Galera nodes against 8 on one node"
CONFLICT_COUNTERS = ("wsrep_local_cert_failures", "wsrep_local_bf_aborts")


@dataclass
class Run:
    """One run: where its clients connected, what they achieved, what the checks found."""

    label: str
    nodes: list[int]
    version: str
    tally: Tally
    conflicts: int  # certification failures + brute-force aborts, all nodes
    problems: list[str]

    @property
    def retries_per_100(self) -> float:
        return 100 * self.tally.retries / self.tally.sales if self.tally.sales else 0.0

    def clients_per_node(self, node_count: int) -> str:
        counts = [sum(1 for n in range(THREADS) if self.nodes[n % len(self.nodes)] == node)
                  for node in range(1, node_count + 1)]  # fmt: skip
        return " / ".join(map(str, counts))


def conflict_count(engines: list[Engine]) -> int:
    """The certification failures and brute-force aborts counted so far on these nodes."""
    total = 0
    for engine in engines:
        with engine.connect() as conn:
            for name in CONFLICT_COUNTERS:
                row = conn.exec_driver_sql("SHOW GLOBAL STATUS LIKE %s", (name,)).one()
                total += int(row[1])
    return total


def sell(node_urls: list[URL], label: str, nodes: list[int], seconds: float) -> Run:
    """THREADS clients through `nodes` (numbers, 1-based) on a fresh database."""
    with throwaway_database(node_urls[0], prefix="sims_bench_cluster") as url:
        migrate.upgrade(url)
        engines = [
            node_engine(with_database(node, url.database), pool_size=THREADS, max_overflow=2)
            for node in node_urls
        ]
        try:
            version = server_version(engines[0])
            shop = seed(engines[0])
            before = conflict_count(engines)
            tally = measure([engines[n - 1] for n in nodes], counter_sale(shop), shop, seconds)
            conflicts = conflict_count(engines) - before
            problems = stock_findings(
                engines[0], shop.procedure_warehouse_id, tally.sales, ledger=True, invoiced=True
            )
            problems += nodes_disagree(engines)
        finally:
            for engine in engines:
                engine.dispose()
    return Run(label, nodes, version, tally, conflicts, problems)


def nodes_disagree(engines: list[Engine]) -> list[str]:
    """A problem per node whose tables differ from node 1's (row counts and checksums)."""
    fingerprints = []
    for engine in engines:
        with engine.connect() as conn:
            fingerprints.append(table_fingerprints(conn))
    return [
        f"node {number} differs from node 1"
        for number, fingerprint in enumerate(fingerprints[1:], start=2)
        if fingerprint != fingerprints[0]
    ]


def report(load: float, seconds: float, runs: list[Run], node_count: int) -> str:
    one, spread = runs
    ratio = spread.tally.rate / one.tally.rate if one.tally.rate else 0.0
    rows = [
        "| clients | per node (1 / 2 / 3) | sales/s | sales | conflict retries "
        "| retries per 100 sales | cluster conflicts |",
        "|---|---|---:|---:|---:|---:|---:|",
        *(
            f"| {run.label} | {run.clients_per_node(node_count)} | {run.tally.rate:,.0f} | "
            f"{run.tally.sales:,} | {run.tally.retries:,} | {run.retries_per_100:.1f} | "
            f"{run.conflicts:,} |"
            for run in runs
        ),
    ]
    problems = [f"{run.label}: {p}" for run in runs for p in run.problems]
    soundness = "; ".join(problems) if problems else (
        "in both runs stock fell by exactly the units sold, never below zero, the ledger "
        "equals on hand, every sale has its invoice, and the three nodes hold the same rows"
    )  # fmt: skip
    return "\n".join(
        [
            f"{THREADS} client threads, {HOT_PRODUCTS} hot products, {seconds:g} s per run, "
            f"one unit per `CALL sell_at_counter`; {node_count} Galera nodes of {one.version} on "
            f"one machine ({os.cpu_count()} cores, load average {load:.1f} when the run "
            "started): the nodes share the CPUs, so this shows what writing through several "
            "nodes costs and gains on one machine, not how separate machines would scale.",
            "",
            *rows,
            "",
            f"**Spread over the nodes: {ratio:.0%}** of the one-node rate. Conflict retries: "
            "a client's CALL that lost with 1213 (certification conflict or deadlock) and "
            "ran again; cluster conflicts: the nodes' `wsrep_local_cert_failures` + "
            "`wsrep_local_bf_aborts` during the run.",
            "",
            f"Checks: {soundness}.",
        ]
    )


def run(seconds: float = SECONDS) -> str:
    """Both runs on the cluster (started here when it is not running); Markdown."""
    cluster = GaleraCluster()
    was_running = any(node.server.running for node in cluster.status())
    load = os.getloadavg()[0]
    try:
        cluster.start()
        node_urls = [with_database(url, None) for url in cluster.urls()]
        node_count = len(node_urls)
        runs = [
            sell(node_urls, "all on node 1", [1], seconds),
            sell(node_urls, "spread over the nodes", list(range(1, node_count + 1)), seconds),
        ]
    finally:
        if not was_running:
            cluster.stop()
    return report(load, seconds, runs, node_count)
