"""`runner.py server start|stop|status`: the embedded server under .sims/server/."""

from __future__ import annotations

import argparse

from sims.commands.output import out
from sims.server import embedded_server


def start(args: argparse.Namespace) -> None:
    status = embedded_server().start()
    out.print(f"embedded server running (pid {status.pid}) at {status.url()}")
    out.print(f"data directory: {status.home / 'data'}")


def stop(args: argparse.Namespace) -> None:
    stopped = embedded_server().stop()
    out.print("embedded server stopped" if stopped else "embedded server was not running")


def status(args: argparse.Namespace) -> None:
    current = embedded_server().status()
    if current.running:
        out.print(f"running (pid {current.pid}) at {current.url()}")
    else:
        out.print(f"not running (home {current.home})")


def register(commands: argparse._SubParsersAction) -> None:
    server = commands.add_parser("server", help="the embedded MariaDB/MySQL server under .sims/")
    actions = server.add_subparsers(dest="action", required=True)
    actions.add_parser("start", help="start it (initialising it the first time)").set_defaults(
        handler=start
    )
    actions.add_parser("stop", help="stop it cleanly").set_defaults(handler=stop)
    actions.add_parser("status", help="say whether it runs, and where").set_defaults(handler=status)
