"""The suite on a 3-node Galera cluster (`make test-cluster`): the cluster under .sims/cluster/
is started when it is not running (and stopped again afterwards), each module's database is
created and migrated through node 1, and the module's `engine` sends each new connection to
the next node, so consecutive calls of one test run on different nodes.

Every session of that engine reads causally (wsrep_sync_wait = 1): the tests read right
after writing, usually through another node, and must see their own writes. The procedures
themselves need no such setting (see README, "Running on a Galera cluster").

The tests here carry the `cluster` marker, which the default run deselects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from sims.cluster import GaleraCluster, node_engine, spread_engine
from sims.db import with_database

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.cluster)


@pytest.fixture(scope="session")
def cluster() -> Iterator[GaleraCluster]:
    """The cluster with all three nodes Synced; stopped at the end if this run started it."""
    cluster = GaleraCluster()
    was_running = any(node.server.running for node in cluster.status())
    cluster.start()
    yield cluster
    if not was_running:
        cluster.stop()


@pytest.fixture(scope="session")
def node_urls(cluster: GaleraCluster) -> list[URL]:
    """Each node's server URL (no database), node 1 first."""
    return [with_database(url, None) for url in cluster.urls()]


@pytest.fixture(scope="session")
def server_url(node_urls: list[URL]) -> URL:
    """Node 1: where each module's database is created and migrated."""
    return node_urls[0]


@pytest.fixture(scope="module")
def engine(database_url: URL, node_urls: list[URL]) -> Iterator[Engine]:
    """The module's database through all three nodes in turn, a new connection each time."""
    engine = spread_engine(
        [with_database(url, database_url.database) for url in node_urls], poolclass=NullPool
    )
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def node_engines(database_url: URL, node_urls: list[URL]) -> Iterator[list[Engine]]:
    """One engine per node on the module's database, node 1 first, reading causally."""
    engines = [node_engine(with_database(url, database_url.database)) for url in node_urls]
    yield engines
    for engine in engines:
        engine.dispose()
