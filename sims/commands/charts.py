"""`runner.py charts --out DIR`: the analysts' charts as PNG files."""

from __future__ import annotations

import argparse
from pathlib import Path

from sims.commands.output import out
from sims.config import PROJECT_ROOT
from sims.db import create_engine
from sims.server import resolve_database_url


def draw(args: argparse.Namespace) -> None:
    from sims.charts import draw_all  # matplotlib loads only for this command

    engine = create_engine(resolve_database_url())
    try:
        for path in draw_all(engine, args.out):
            out.print(f"wrote {path}")
    finally:
        engine.dispose()


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("charts", help="draw the analysts' charts (PNG)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "out" / "charts")
    parser.set_defaults(handler=draw)
