"""The migration lock: two migrators never interleave, the second waits and then finds
nothing to do; a lease row holds across Galera nodes, where GET_LOCK does not; a lease left
by a migrator that is gone is taken over."""

from __future__ import annotations

import multiprocessing
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL

from sims import cli, journal, migrate, migration_lock, migration_session
from sims.db import create_engine
from sims.errors import SimsError
from sims.migration_lock import (
    LEASE_NAME,
    LEASE_SECONDS,
    MigrationLock,
    expiry,
    lease_table,
    read_lease,
    server_lock_name,
    server_node,
)
from tests.migrations.conftest import dump


def migrate_in_a_process(url: str, node: str | None, start: object, results: object) -> None:
    if node is not None:
        # As on a Galera cluster: each node's GET_LOCK is its own, so it never excludes
        # a migrator on another node (simulated with a lock name per node).
        per_node = migration_lock.server_lock_name
        migration_lock.server_lock_name = lambda database: per_node(f"{node}:{database}")
    start.wait()  # both processes begin together
    try:
        results.put(migrate.upgrade(url, "0002").revisions)
    except Exception as exc:  # reported to the test, which fails on it
        results.put(f"{type(exc).__name__}: {exc}")


def race_two_migrators(url: URL, nodes: tuple[str | None, str | None]) -> list[object]:
    """Start two migrators to 0002 at once; what each did (revisions, or its error)."""
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(2), context.Queue()
    text = url.render_as_string(hide_password=False)
    processes = [
        context.Process(target=migrate_in_a_process, args=(text, node, start, results))
        for node in nodes
    ]
    for process in processes:
        process.start()
    outcomes = sorted((results.get(timeout=60) for _ in processes), key=len)
    for process in processes:
        process.join(timeout=60)
    return outcomes


def test_two_migrators_at_once_never_interleave_and_the_second_finds_nothing_to_do(
    scratch_url: URL, new_database: object
) -> None:
    assert race_two_migrators(scratch_url, (None, None)) == [[], ["0001", "0002"]]
    reference = new_database()
    migrate.upgrade(reference, "0002")
    assert dump(scratch_url) == dump(reference)
    assert migration_session.validate(scratch_url).problems == []


def test_on_galera_where_get_lock_holds_per_node_the_lease_row_keeps_migrators_apart(
    scratch_url: URL,
) -> None:
    outcomes = race_two_migrators(scratch_url, ("galera-node-1", "galera-node-2"))
    assert outcomes == [[], ["0001", "0002"]]
    report = migration_session.validate(scratch_url)
    assert report.problems == [] and report.applied == ["0001", "0002"]
    assert lease_holder(scratch_url) is None


def test_while_a_migrator_on_this_server_holds_get_lock_another_waits_then_gives_up(
    scratch_url: URL,
) -> None:
    engine = create_engine(scratch_url)
    with engine.connect() as holder:
        name = server_lock_name(scratch_url.database)
        assert holder.execute(sa.text("SELECT GET_LOCK(:name, 0)"), {"name": name}).scalar() == 1
        with pytest.raises(SimsError, match="another migrator is working on database"):
            migrate.upgrade(scratch_url, "0001", lock_wait=0.5)
    engine.dispose()
    assert migrate.revision_states(scratch_url)[0].applied is False
    assert migrate.upgrade(scratch_url, "0001").revisions == ["0001"]  # released: it goes


def test_the_holder_renews_its_lease_so_a_long_migration_never_lets_it_lapse(
    scratch_url: URL,
) -> None:
    engine = create_engine(scratch_url)
    with engine.begin() as conn:
        journal.ensure_tables(conn)
    holder, reader = (
        engine.connect().execution_options(isolation_level="AUTOCOMMIT") for _ in range(2)
    )
    with holder, reader, MigrationLock(holder, scratch_url.database, 1, lease_seconds=2) as lock:
        first = read_lease(reader).expires_at
        deadline = time.monotonic() + 10
        while read_lease(reader).expires_at == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert read_lease(reader).expires_at > first
        lock.check()  # still ours
    engine.dispose()
    assert lease_holder(scratch_url) is None


def hold_lease(url: URL, **values: object) -> None:
    """Write a lease row as another migrator would have."""
    engine = create_engine(url)
    with engine.begin() as conn:
        journal.ensure_tables(conn)
        conn.execute(
            lease_table.insert().values(
                lock_name=LEASE_NAME,
                holder_id="f" * 32,
                acquired_at=sa.func.utc_timestamp() - sa.text("INTERVAL 1 HOUR"),
                **values,
            )
        )
    engine.dispose()


def lease_holder(url: URL) -> str | None:
    engine = create_engine(url)
    with engine.connect() as conn:
        lease = read_lease(conn)
    engine.dispose()
    return lease.holder if lease else None


def test_a_live_lease_taken_through_another_galera_node_makes_a_migrator_wait_and_give_up(
    scratch_url: URL,
) -> None:
    # GET_LOCK is free on this node; only the certified lease row tells.
    hold_lease(
        scratch_url,
        holder="galera-node-2 pid 4242",
        server_node="galera-node-2:3306",
        connection_id=7,
        expires_at=expiry(60),
    )
    with pytest.raises(SimsError, match="galera-node-2 pid 4242") as refused:
        migrate.upgrade(scratch_url, "0001", lock_wait=0.5)
    assert "db unlock" in str(refused.value)
    assert migrate.revision_states(scratch_url)[0].applied is False
    assert lease_holder(scratch_url) == "galera-node-2 pid 4242"


def test_a_lapsed_lease_is_taken_over_with_a_note(scratch_url: URL) -> None:
    hold_lease(
        scratch_url,
        holder="crashed pid 1",
        server_node="galera-node-2:3306",
        connection_id=7,
        expires_at=sa.func.utc_timestamp() - sa.text("INTERVAL 1 SECOND"),
    )
    run = migrate.upgrade(scratch_url, "0001", lock_wait=5)
    assert run.revisions == ["0001"]
    assert any("took over" in note and "crashed pid 1" in note for note in run.notes)
    assert lease_holder(scratch_url) is None


def this_node(url: URL) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        node = server_node(conn)
    engine.dispose()
    return node


def test_a_lease_of_a_connection_gone_from_this_node_is_taken_over_a_heartbeat_on(
    scratch_url: URL,
) -> None:
    """Last renewed 20 s ago, more than a heartbeat (15 s): a holder still alive would have
    found its lock connection gone by now and stopped."""
    hold_lease(
        scratch_url,
        holder="killed pid 2",
        server_node=this_node(scratch_url),
        connection_id=2**40,
        expires_at=expiry(LEASE_SECONDS - 20),
    )
    run = migrate.upgrade(scratch_url, "0001", lock_wait=0.5)
    assert run.revisions == ["0001"]
    assert any("killed pid 2" in note for note in run.notes)


def test_a_lease_of_a_gone_connection_renewed_within_a_heartbeat_is_waited_for(
    scratch_url: URL,
) -> None:
    """Its holder may live on, running DDL on another connection, though its lock
    connection was killed (freeing GET_LOCK) a moment ago."""
    hold_lease(
        scratch_url,
        holder="lock connection killed pid 3",
        server_node=this_node(scratch_url),
        connection_id=2**40,
        expires_at=expiry(LEASE_SECONDS),
    )
    with pytest.raises(SimsError, match="lock connection killed pid 3"):
        migrate.upgrade(scratch_url, "0001", lock_wait=0.5)
    assert migrate.revision_states(scratch_url)[0].applied is False


def test_db_unlock_removes_a_lease_by_hand(
    scratch_url: URL, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hold_lease(
        scratch_url,
        holder="offline script",
        server_node="offline script",
        connection_id=None,
        expires_at=expiry(3600),
    )
    monkeypatch.setenv("DATABASE_URL", scratch_url.render_as_string(hide_password=False))
    assert cli.main(["db", "unlock"]) == 0
    assert "removed the migration lease of offline script" in capsys.readouterr().out
    assert lease_holder(scratch_url) is None
