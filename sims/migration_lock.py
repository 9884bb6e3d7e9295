"""The migration lock: one migrator at a time per database, on one server or a Galera cluster.

Two layers, both taken before Alembic reads the current revision:
1. GET_LOCK on the server: a second migrator on the same server waits in the server until
   the first finishes (or dies: the server releases it with the session).
2. A lease row in sims_migration_lock. GET_LOCK holds on one Galera node only, while the
   row's INSERT is certified cluster-wide, so a migrator on another node finds the lease
   and waits. A row lock held across DDL would not do: DDL commits implicitly.

A lease can outlive a migrator that crashed. The holder renews it (a heartbeat thread)
every quarter of LEASE_SECONDS, so a lease past `expires_at` belongs to a dead migrator and
is taken over. A lease written through this same node by a connection that no longer
exists is taken over sooner, once a heartbeat has passed since its last renewal: a holder
still alive whose lock connection was killed (which freed GET_LOCK) has by then failed to
renew, and stops before its next statement. `runner.py db unlock` removes a lease by hand
(for example one an interrupted offline script left).
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sims.errors import SimsError
from sims.journal import LOCK_TABLE, migrator_name

log = logging.getLogger(__name__)

LEASE_NAME = "migrate"
LEASE_SECONDS = 60
DEFAULT_WAIT_SECONDS = 600.0
POLL_SECONDS = 0.25
# Error numbers of a lost race for the lease row: duplicate key; Galera certification.
_DUPLICATE_KEY, _DEADLOCK = 1062, 1213

lease_table = sa.table(
    LOCK_TABLE,
    *(sa.column(name, sa.String()) for name in ("lock_name", "holder_id", "holder", "server_node")),
    sa.column("connection_id", sa.BigInteger()),
    sa.column("acquired_at", sa.DateTime()),
    sa.column("expires_at", sa.DateTime()),
)


def server_lock_name(database: str) -> str:
    """The GET_LOCK name for a database: server-global, so it names the database; at most
    64 characters (MySQL's limit)."""
    name = f"sims-migrate:{database}"
    if len(name) <= 64:
        return name
    return f"sims-migrate:{database[:32]}:{hashlib.sha256(database.encode()).hexdigest()[:16]}"


def server_node(conn: Connection) -> str:
    """Which server (or Galera node) the connection is on: hostname:port."""
    host, port = conn.exec_driver_sql("SELECT @@hostname, @@port").one()
    return f"{host}:{port}"


@dataclass(frozen=True)
class Lease:
    """The lease row as read, with whether the server clock says it has lapsed."""

    holder_id: str
    holder: str
    server_node: str
    connection_id: int | None
    expires_at: object
    expired: bool

    def describe(self) -> str:
        return f"{self.holder} via {self.server_node}, lease until {self.expires_at} UTC"


def read_lease(conn: Connection) -> Lease | None:
    row = conn.execute(
        sa.select(
            lease_table.c.holder_id,
            lease_table.c.holder,
            lease_table.c.server_node,
            lease_table.c.connection_id,
            lease_table.c.expires_at,
            (lease_table.c.expires_at < sa.func.utc_timestamp()).label("expired"),
        ).where(lease_table.c.lock_name == LEASE_NAME)
    ).first()
    if row is None:
        return None
    return Lease(**{**row._mapping, "expired": bool(row.expired)})


def break_lease(conn: Connection) -> Lease | None:
    """Remove the lease whoever holds it (`runner.py db unlock`); returns what was removed."""
    lease = read_lease(conn)
    if lease is not None:
        conn.execute(lease_table.delete().where(lease_table.c.holder_id == lease.holder_id))
    return lease


def expiry(seconds: float) -> sa.TextClause:
    """`seconds` from now by the server's clock (never the migrator's)."""
    return sa.text("UTC_TIMESTAMP() + INTERVAL :lease_seconds SECOND").bindparams(
        lease_seconds=int(seconds)
    )


def _error_number(exc: sa.exc.DBAPIError) -> int | None:
    args = getattr(exc.orig, "args", ())
    return args[0] if args and isinstance(args[0], int) else None


class MigrationLock:
    """Holds the migration lock of the database `conn` is connected to, on that connection
    (which must be in autocommit mode and used by nothing else while the lock is held)."""

    def __init__(
        self,
        conn: Connection,
        database: str,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        lease_seconds: int = LEASE_SECONDS,
    ) -> None:
        self.conn = conn
        self.database = database
        self.wait_seconds = wait_seconds
        self.lease_seconds = lease_seconds
        self.holder_id = uuid.uuid4().hex
        self.notes: list[str] = []
        self.lost = False
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def __enter__(self) -> MigrationLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait_seconds
        got = self.conn.execute(
            sa.text("SELECT GET_LOCK(:name, :wait)"),
            {"name": server_lock_name(self.database), "wait": max(math.ceil(self.wait_seconds), 0)},
        ).scalar()
        if got != 1:
            lease = read_lease(self.conn)
            holder = f" ({lease.describe()})" if lease else ""
            raise SimsError(
                f"another migrator is working on database {self.database}{holder}; "
                f"waited {self.wait_seconds:.0f} s: try again when it has finished"
            )
        try:
            self._take_lease(deadline)
        except BaseException:
            self._release_server_lock()
            raise
        self._heartbeat = threading.Thread(target=self._renew, daemon=True, name="sims-lease")
        self._heartbeat.start()

    def _take_lease(self, deadline: float) -> None:
        node = server_node(self.conn)
        connection_id = self.conn.exec_driver_sql("SELECT CONNECTION_ID()").scalar_one()
        while True:
            try:
                self.conn.execute(
                    lease_table.insert().values(
                        lock_name=LEASE_NAME,
                        holder_id=self.holder_id,
                        holder=migrator_name(),
                        server_node=node,
                        connection_id=connection_id,
                        acquired_at=sa.func.utc_timestamp(),
                        expires_at=expiry(self.lease_seconds),
                    )
                )
                return
            except sa.exc.DBAPIError as exc:
                if _error_number(exc) not in (_DUPLICATE_KEY, _DEADLOCK):
                    raise
            lease = read_lease(self.conn)
            if lease is None:
                continue  # released meanwhile: try again
            if self._is_dead(lease, node):
                self._take_over(lease)
                continue
            if time.monotonic() > deadline:
                raise SimsError(
                    f"another migrator holds the migration lease of database {self.database} "
                    f"({lease.describe()}); waited {self.wait_seconds:.0f} s. If it is no "
                    "longer running, the lease lapses by itself; `runner.py db unlock` "
                    "removes it at once"
                )
            time.sleep(POLL_SECONDS)

    def _is_dead(self, lease: Lease, node: str) -> bool:
        """A lapsed lease is dead; so is one taken through this node by a connection that
        is gone, once a heartbeat has passed since it was last renewed (see the module's
        notes: GET_LOCK alone does not prove its holder gone)."""
        if lease.expired:
            return True
        if lease.server_node != node or lease.connection_id is None:
            return False
        return bool(
            self.conn.execute(
                sa.text(
                    "SELECT NOT EXISTS (SELECT 1 FROM information_schema.processlist "
                    "WHERE id = :id) AND :expires_at < UTC_TIMESTAMP() + INTERVAL :fresh SECOND"
                ),
                {
                    "id": lease.connection_id,
                    "expires_at": lease.expires_at,
                    "fresh": int(self.lease_seconds - self._heartbeat_seconds()),
                },
            ).scalar_one()
        )

    def _take_over(self, lease: Lease) -> None:
        try:
            self.conn.execute(
                lease_table.delete().where(
                    (lease_table.c.lock_name == LEASE_NAME)
                    & (lease_table.c.holder_id == lease.holder_id)
                )
            )
        except sa.exc.DBAPIError as exc:  # on Galera, another node's migrator took it first
            if _error_number(exc) != _DEADLOCK:
                raise
            return
        note = f"took over the migration lease of a migrator that is gone: {lease.describe()}"
        self.notes.append(note)
        log.warning(note)

    def _heartbeat_seconds(self) -> float:
        return max(self.lease_seconds / 4, 0.5)

    def _renew(self) -> None:
        interval = self._heartbeat_seconds()
        while not self._stop.wait(interval):
            try:
                renewed = self.conn.execute(
                    lease_table.update()
                    .where(
                        (lease_table.c.lock_name == LEASE_NAME)
                        & (lease_table.c.holder_id == self.holder_id)
                    )
                    .values(expires_at=expiry(self.lease_seconds))
                ).rowcount
            except sa.exc.DBAPIError as exc:  # a lost connection: the lease will lapse
                log.error("could not renew the migration lease: %s", exc.orig)
                renewed = 0
            if renewed == 0:
                self.lost = True
                return

    def check(self) -> None:
        """Refuse to go on when the lease was lost (taken over after it lapsed)."""
        if self.lost:
            raise SimsError(
                f"lost the migration lease of database {self.database} (it lapsed and another "
                "migrator may have taken over): stopping; check `runner.py db validate`"
            )

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
            self._heartbeat = None
        try:
            self.conn.execute(lease_table.delete().where(lease_table.c.holder_id == self.holder_id))
        finally:
            self._release_server_lock()

    def _release_server_lock(self) -> None:
        self.conn.execute(
            sa.text("SELECT RELEASE_LOCK(:name)"), {"name": server_lock_name(self.database)}
        )
