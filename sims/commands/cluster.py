"""`runner.py cluster start|stop|status`: a 3-node Galera cluster under .sims/cluster/."""

from __future__ import annotations

import argparse

from sims.cluster import CLUSTER_DATABASE, GaleraCluster, NodeStatus
from sims.commands.output import out


def show(nodes: list[NodeStatus]) -> None:
    for node in nodes:
        if node.server.running:
            out.print(
                f"node {node.number}: {node.state}, cluster size {node.cluster_size}, "
                f"pid {node.server.pid}  DATABASE_URL={node.url()}",
                highlight=False,
                soft_wrap=True,
            )
        else:
            out.print(f"node {node.number}: down (home {node.server.home})", highlight=False)


def start(args: argparse.Namespace) -> None:
    show(GaleraCluster().start())
    out.print(f"every node serves the database `{CLUSTER_DATABASE}`; migrate it through one node")


def stop(args: argparse.Namespace) -> None:
    stopped = GaleraCluster().stop()
    out.print(f"stopped nodes {', '.join(map(str, stopped))}" if stopped else "no node was running")


def status(args: argparse.Namespace) -> None:
    nodes = GaleraCluster().status()
    if nodes:
        show(nodes)
    else:
        out.print("no cluster yet: `runner.py cluster start` creates one")


def register(commands: argparse._SubParsersAction) -> None:
    cluster = commands.add_parser(
        "cluster", help="a 3-node MariaDB Galera cluster on loopback under .sims/cluster/"
    )
    actions = cluster.add_subparsers(dest="action", required=True)
    actions.add_parser(
        "start", help="start every node (bootstrap, join one at a time, wait until Synced)"
    ).set_defaults(handler=start)
    actions.add_parser("stop", help="stop every node cleanly").set_defaults(handler=stop)
    actions.add_parser("status", help="each node's state and DATABASE_URL").set_defaults(
        handler=status
    )
