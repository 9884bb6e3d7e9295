"""A MariaDB Galera cluster of three private nodes on loopback, its files under .sims/cluster/.

Each node is a PrivateServer (sims.server) started from an options file, since the state
transfer scripts read the node's settings from it. The first start bootstraps one node and
joins the others one at a time (a joiner copies the data from a donor with mariabackup,
which works when running as root, unlike rsync). A node that crashed is restarted from the
position InnoDB recovered (`--wsrep-recover`), so it receives only the write-sets it missed
(IST) instead of a full copy.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path

import port_for
import pymysql
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

from sims.config import STATE_DIR
from sims.db import create_engine, ensure_database
from sims.errors import SimsError
from sims.server import PrivateServer, ServerStatus, find_program, find_server_program

CLUSTER_HOME = STATE_DIR / "cluster"
CLUSTER_DATABASE = "sims"
NODE_COUNT = 3
PROVIDER = Path("/usr/lib/galera/libgalera_smm.so")
PROVIDER_HINT = "run `make cluster-binaries` (Debian packages galera-4, mariadb-backup, socat)"
SST_USER = "sst"
TRANSFER_PROGRAMS = ("mariabackup", "socat")
JOIN_TIMEOUT = 180.0  # a joiner's full state transfer includes a fixed 10 s pause
SYNC_POLL_SECONDS = 0.25
# Session setting for causal reads: a read (SELECT, SHOW, BEGIN) waits until this node has
# applied every write the cluster committed before it. A CALL or an UPDATE is not such a
# read, so each time a connection is taken from the pool it also catches up once, first.
CAUSAL_READS = "SET SESSION wsrep_sync_wait = 1"
CATCH_UP = "SELECT 1"

_RECOVERED = re.compile(r"WSREP: Recovered position: *(\S+)")
_STATE_FIELD = re.compile(r"^(\w+):\s*(\S*)", re.MULTILINE)


@dataclass(frozen=True)
class NodePorts:
    """A node's four loopback ports: clients, group communication, IST and SST receipt."""

    sql: int
    group: int
    ist: int
    sst: int


@dataclass(frozen=True)
class NodeStatus:
    """What `cluster status` reports about one node."""

    number: int
    server: ServerStatus
    state: str  # wsrep_local_state_comment: Synced, Joining, Donor/Desynced, ... or down
    cluster_size: int

    def url(self, database: str = CLUSTER_DATABASE) -> str:
        return self.server.url(database)


class GaleraNode(PrivateServer):
    """One node: a PrivateServer whose options, Galera's included, live in `my.cnf`."""

    def __init__(self, home: Path, number: int, ports: list[NodePorts], sst_password: str):
        super().__init__(home)
        self.number = number
        self.ports = ports[number - 1]
        self.group_address = "gcomm://" + ",".join(f"127.0.0.1:{p.group}" for p in ports)
        self.sst_password = sst_password
        self.options_file = self.home / "my.cnf"
        self.grastate_file = self.data_dir / "grastate.dat"

    def _select_port(self) -> int:
        return self.ports.sql

    def settings(self, port: int, mariadb: bool) -> dict[str, str | None]:
        base = super().settings(port, mariadb)
        return base | {
            # Small: three nodes share a 2-core machine with other work.
            "innodb-buffer-pool-size": "64M",
            "innodb-log-file-size": "48M",
            "skip-name-resolve": None,
            # What Galera requires: row events, InnoDB, interleaved auto-increment locks.
            "binlog-format": "ROW",
            "default-storage-engine": "InnoDB",
            "innodb-autoinc-lock-mode": "2",
            # Refuse tables Galera cannot replicate safely: no primary key, not InnoDB.
            "wsrep-mode": "REQUIRED_PRIMARY_KEY,STRICT_REPLICATION",
            "wsrep-on": "ON",
            "wsrep-provider": str(PROVIDER),
            "wsrep-cluster-name": "sims",
            "wsrep-cluster-address": self.group_address,
            "wsrep-node-name": f"n{self.number}",
            "wsrep-node-address": "127.0.0.1",
            "wsrep-node-incoming-address": f"127.0.0.1:{port}",
            "wsrep-provider-options": (
                f'"base_port={self.ports.group};'
                f"gmcast.listen_addr=tcp://127.0.0.1:{self.ports.group};"
                f'ist.recv_addr=127.0.0.1:{self.ports.ist};gcache.size=64M"'
            ),
            "wsrep-sst-receive-address": f"127.0.0.1:{self.ports.sst}",
            "wsrep-sst-method": "mariabackup",
            "wsrep-sst-auth": f"{SST_USER}:{self.sst_password}",
        }

    def _server_options(self, port: int, mariadb: bool) -> list[str]:
        lines = ["[mysqld]"]
        lines += [
            name if value is None else f"{name}={value}"
            for name, value in self.settings(port, mariadb).items()
        ]
        # The transfer script's log archive, which would go to /tmp otherwise.
        lines += ["[sst]", f"sst-log-archive-dir={self.home / 'sst_log_archive'}"]
        self.options_file.write_text("\n".join(lines) + "\n")
        return [f"--defaults-file={self.options_file}"]  # must be the first option

    def saved_state(self) -> dict[str, str]:
        """grastate.dat: uuid, seqno (-1 while running or after a crash), safe_to_bootstrap."""
        if not self.grastate_file.exists():
            return {}
        return dict(_STATE_FIELD.findall(self.grastate_file.read_text()))

    def crashed(self) -> bool:
        """Stopped without a clean shutdown: its saved position is unknown (-1)."""
        return self.saved_state().get("seqno") == "-1" and not self.status().running

    def recover_position(self) -> str:
        """The last committed position InnoDB holds (uuid:seqno), read by a recovery run."""
        log = self.home / "recover.log"
        log.unlink(missing_ok=True)
        subprocess.run(
            [
                find_server_program(),
                f"--defaults-file={self.options_file}",
                "--wsrep-recover",
                f"--log-error={log}",
            ],
            capture_output=True,
            check=False,
        )
        found = _RECOVERED.findall(log.read_text(errors="replace")) if log.exists() else []
        if not found:
            raise SimsError(f"node {self.number}: --wsrep-recover found no position (see {log})")
        return found[-1]

    def allow_bootstrap(self) -> None:
        """Mark this node's state as the one to start a new cluster from."""
        text = self.grastate_file.read_text()
        self.grastate_file.write_text(
            re.sub(r"^safe_to_bootstrap:.*$", "safe_to_bootstrap: 1", text, flags=re.MULTILINE)
        )

    def wsrep_status(self) -> dict[str, str]:
        """The node's wsrep_* status variables; empty when it does not answer."""
        try:
            conn = pymysql.connect(unix_socket=str(self.socket), user="root", connect_timeout=2)
        except pymysql.err.OperationalError:
            return {}
        try:
            with conn.cursor() as cursor:
                cursor.execute("SHOW GLOBAL STATUS LIKE 'wsrep%%'")
                return dict(cursor.fetchall())
        finally:
            conn.close()

    def wait_until_synced(self, cluster_size: int, timeout: float = JOIN_TIMEOUT) -> None:
        """Wait until the node is Synced in a primary component of `cluster_size` nodes."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.wsrep_status()
            if (
                state.get("wsrep_local_state_comment") == "Synced"
                and state.get("wsrep_cluster_status") == "Primary"
                and state.get("wsrep_cluster_size") == str(cluster_size)
            ):
                return
            if not self.status().running:
                raise SimsError(f"node {self.number} stopped while joining: {self._log_tail()}")
            if time.monotonic() > deadline:
                seen = state.get("wsrep_local_state_comment", "no answer")
                raise SimsError(
                    f"node {self.number} not Synced in a cluster of {cluster_size} within "
                    f"{timeout:.0f} s (state: {seen}): {self._log_tail()}"
                )
            time.sleep(SYNC_POLL_SECONDS)

    def crash(self) -> None:
        """kill -9, for fault drills: the node stops without shutting down."""
        pid = self.status().pid
        if pid is None:
            raise SimsError(f"node {self.number} is not running")
        os.kill(pid, signal.SIGKILL)
        while self.status().running:  # status() also reaps a node this process started
            time.sleep(0.05)


class GaleraCluster:
    """Three GaleraNodes under one home; the ports and the state-transfer account are chosen
    on the first start and kept in `cluster.json`."""

    def __init__(self, home: Path = CLUSTER_HOME) -> None:
        self.home = home
        self.layout_file = home / "cluster.json"

    @property
    def nodes(self) -> list[GaleraNode]:
        layout = self._layout()
        ports = [NodePorts(**node) for node in layout["nodes"]]
        return [
            GaleraNode(self.home / f"n{n}", n, ports, layout["sst_password"])
            for n in range(1, len(ports) + 1)
        ]

    def _layout(self) -> dict:
        if not self.layout_file.exists():
            chosen: set[int] = set()
            while len(chosen) < 4 * NODE_COUNT:
                chosen.add(port_for.select_random())
            ports = sorted(chosen)
            layout = {
                "nodes": [
                    dict(zip(("sql", "group", "ist", "sst"), ports[4 * n : 4 * n + 4], strict=True))
                    for n in range(NODE_COUNT)
                ],
                "sst_password": secrets.token_hex(16),
            }
            self.home.mkdir(parents=True, exist_ok=True)
            self.layout_file.write_text(json.dumps(layout, indent=2) + "\n")
        return json.loads(self.layout_file.read_text())

    def start(self) -> list[NodeStatus]:
        """Bring every node up and Synced: bootstrap when none runs, then join the others
        one at a time (a donor serves one full transfer at a time)."""
        if not PROVIDER.exists():
            raise SimsError(f"the Galera provider {PROVIDER} is missing: {PROVIDER_HINT}")
        for program in TRANSFER_PROGRAMS:
            if find_program(program) is None:
                raise SimsError(f"{program} (state transfer) not found: {PROVIDER_HINT}")
        nodes = self.nodes
        running = [node for node in nodes if node.status().running]
        started: list[GaleraNode] = []
        try:
            if not running:
                first = self._bootstrap_node(nodes)
                started.append(first)
                self._start_node(first, ["--wsrep-new-cluster"], cluster_size=1)
                self._create_accounts(first)
                running.append(first)
            for node in nodes:
                if node not in running:
                    running.append(node)
                    started.append(node)
                    self._start_node(node, [], cluster_size=len(running))
        except BaseException:  # leave no half-formed cluster running
            for node in reversed(started):
                node.stop()
            raise
        return self.status()

    def _bootstrap_node(self, nodes: list[GaleraNode]) -> GaleraNode:
        """A new cluster starts from node 1; a stopped one from the node that stopped last
        (safe_to_bootstrap); after a crash of all, from the node that got furthest."""
        states = [node.saved_state() for node in nodes]
        if not any(states):
            return nodes[0]
        for node, state in zip(nodes, states, strict=True):
            if state.get("safe_to_bootstrap") == "1":
                return node
        # Only nodes that ever ran hold a position (a failed first start may leave others bare).
        ran = [node for node, state in zip(nodes, states, strict=True) if state]
        furthest = max(ran, key=lambda node: int(node.recover_position().rsplit(":", 1)[1]))
        furthest.allow_bootstrap()
        return furthest

    @staticmethod
    def _start_node(node: GaleraNode, options: list[str], cluster_size: int) -> None:
        if node.crashed():
            options = [*options, f"--wsrep-start-position={node.recover_position()}"]
        node.start(timeout=JOIN_TIMEOUT, extra_options=options)
        node.wait_until_synced(cluster_size)

    def _create_accounts(self, node: GaleraNode) -> None:
        """The donor-side account mariabackup uses, and the `sims` database; both replicate."""
        conn = pymysql.connect(unix_socket=str(node.socket), user="root")
        try:
            with conn.cursor() as cursor:
                cursor.execute(
                    f"CREATE USER IF NOT EXISTS '{SST_USER}'@'localhost' IDENTIFIED BY %s",
                    (node.sst_password,),
                )
                cursor.execute(
                    "GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR "
                    f"ON *.* TO '{SST_USER}'@'localhost'"
                )
        finally:
            conn.close()
        ensure_database(node.status().url(CLUSTER_DATABASE))

    def stop(self) -> list[int]:
        """Stop the running nodes, last one first (node 1 stops last and restarts first);
        the numbers of the nodes stopped."""
        if not self.layout_file.exists():
            return []
        return [node.number for node in reversed(self.nodes) if node.stop()]

    def status(self) -> list[NodeStatus]:
        if not self.layout_file.exists():
            return []
        statuses = []
        for node in self.nodes:
            server = node.status()
            state = node.wsrep_status() if server.running else {}
            statuses.append(
                NodeStatus(
                    number=node.number,
                    server=server,
                    state=state.get("wsrep_local_state_comment", "down"),
                    cluster_size=int(state.get("wsrep_cluster_size", 0)),
                )
            )
        return statuses

    def urls(self, database: str = CLUSTER_DATABASE) -> list[URL]:
        """Each running node's URL for the root account and `database`."""
        return [
            make_url(node.server.url(database)) for node in self.status() if node.server.running
        ]


def spread_engine(urls: list[URL], causal_reads: bool = True, **kwargs) -> Engine:
    """An engine whose new connections go to the nodes in turn (the URLs differ only in
    port); with `causal_reads` each session sees every write the cluster committed before
    its reads, wherever it was written."""
    engine = create_engine(urls[0], **kwargs)
    ports = cycle([url.port for url in urls])

    @event.listens_for(engine, "do_connect")
    def next_node(dialect, conn_rec, cargs, cparams) -> None:
        cparams["port"] = next(ports)

    if causal_reads:

        @event.listens_for(engine, "connect")
        def read_causally(dbapi_connection, connection_record) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(CAUSAL_READS)

        # At every checkout, not only at connect: a pooled connection taken again must not
        # run an UPDATE or a CALL before its node has applied what was committed meanwhile.
        @event.listens_for(engine, "checkout")
        def catch_up(dbapi_connection, connection_record, connection_proxy) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(CATCH_UP)

    return engine


def node_engine(url: URL | str, causal_reads: bool = True, **kwargs) -> Engine:
    """An engine on one node."""
    return spread_engine([make_url(url)], causal_reads, **kwargs)
