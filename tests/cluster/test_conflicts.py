"""What changes when the same database is written through three nodes at once: ids step by
the cluster size, a transaction can lose at COMMIT to a write certified first on another node,
DDL runs in total order and aborts open transactions on its table, reads need wsrep_sync_wait
to see another node's latest writes, and tables Galera cannot replicate are refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.inventory import error_code
from tests import support
from tests.support import scalar

DEADLOCK = 1213  # a certification conflict or a brute-force abort; the caller retries
REPLICATION_NOT_SUPPORTED = 4165


def insert_category(engine: Engine, name: str) -> int:
    with engine.begin() as conn:
        return support.category(conn, name)


def test_ids_step_by_three_with_an_offset_per_node(node_engines: list[Engine]) -> None:
    ids = {
        node: [insert_category(engine, f"step-{node}-{n}") for n in range(3)]
        for node, engine in enumerate(node_engines, start=1)
    }
    offsets = {node: {i % 3 for i in node_ids} for node, node_ids in ids.items()}
    assert all(len(node_offsets) == 1 for node_offsets in offsets.values())
    assert len(set.union(*offsets.values())) == 3  # each node its own residue
    assert all(node_ids == sorted(node_ids) for node_ids in ids.values())
    steps = [scalar(engine, "SELECT @@auto_increment_increment") for engine in node_engines]
    assert steps == [3, 3, 3]


def test_an_open_transaction_loses_at_commit_when_another_node_writes_its_row(
    node_engines: list[Engine],
) -> None:
    first, second = node_engines[0], node_engines[1]
    with first.begin() as conn:
        product = support.product(conn)
        warehouse = support.warehouse(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=10)
    take = (
        "UPDATE stock_level SET on_hand_qty = on_hand_qty - %s "
        "WHERE product_id = %s AND warehouse_id = %s"
    )
    loser = first.connect()
    try:
        loser.exec_driver_sql(take, (1, product, warehouse))  # row locked on node 1 only
        with second.begin() as conn:  # not blocked: certified first, so it wins
            conn.exec_driver_sql(take, (2, product, warehouse))
        with pytest.raises(sa.exc.OperationalError) as lost:
            loser.commit()
        assert error_code(lost.value) == DEADLOCK
    finally:
        loser.close()
    on_hand = "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s"
    assert [scalar(engine, on_hand, (product, warehouse)) for engine in node_engines] == [8] * 3


def test_ddl_on_one_node_aborts_an_open_transaction_on_its_table_on_another(
    node_engines: list[Engine],
) -> None:
    first, second = node_engines[0], node_engines[1]
    with first.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE ddl_probe (ddl_probe_id INT PRIMARY KEY, note VARCHAR(20) NOT NULL)"
        )
        conn.exec_driver_sql("INSERT INTO ddl_probe VALUES (1, 'before')")
    writer = first.connect()
    try:
        writer.exec_driver_sql("UPDATE ddl_probe SET note = 'during' WHERE ddl_probe_id = 1")
        with second.connect() as conn:  # runs in total order on every node at once
            conn.exec_driver_sql("ALTER TABLE ddl_probe ADD COLUMN added INT NULL")
        with pytest.raises(sa.exc.OperationalError) as aborted:
            writer.exec_driver_sql("SELECT note FROM ddl_probe")
            writer.commit()
        assert error_code(aborted.value) == DEADLOCK
    finally:
        writer.close()
        with first.connect() as conn:
            conn.exec_driver_sql("DROP TABLE ddl_probe")


def test_causal_reads_see_a_write_made_on_another_node_at_once(
    node_engines: list[Engine],
) -> None:
    """Every node engine sets wsrep_sync_wait = 1: each read waits until its node has
    applied what the cluster committed before it."""
    writer, readers = node_engines[0], node_engines[1:]
    for n in range(100):
        category_id = insert_category(writer, f"causal-{n}")
        for reader in readers:
            found = scalar(
                reader, "SELECT COUNT(*) FROM category WHERE category_id = %s", (category_id,)
            )
            assert found == 1, f"category {category_id} not yet visible on another node"


@pytest.mark.parametrize(
    "definition",
    [
        "CREATE TABLE no_key (value INT NOT NULL) ENGINE=InnoDB",
        "CREATE TABLE not_innodb (not_innodb_id INT PRIMARY KEY) ENGINE=MyISAM",
    ],
)
def test_the_cluster_refuses_tables_it_cannot_replicate(
    node_engines: list[Engine], definition: str
) -> None:
    """wsrep_mode REQUIRED_PRIMARY_KEY,STRICT_REPLICATION: a revision that broke the rule
    would fail at once on the cluster, not drift apart silently."""
    with node_engines[0].connect() as conn, pytest.raises(sa.exc.OperationalError) as refused:
        conn.exec_driver_sql(definition)
    assert error_code(refused.value) == REPLICATION_NOT_SUPPORTED
