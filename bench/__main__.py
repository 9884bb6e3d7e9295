"""Run the benchmarks and record their sections in docs/benchmarks.md.

`python -m bench` runs them all; `python -m bench NAME ...` runs some and keeps the other
sections of the file as they were.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import platform
import re
import sys

from sims.config import PROJECT_ROOT
from sims.db import with_database
from sims.server import resolve_database_url

BENCHMARKS: tuple[str, ...] = ("sales_throughput", "generate_load", "query_plans")  # in bench/
# Benchmarks that bring up the Galera cluster themselves (`run()`, no server): run by name
# only, `make bench-cluster`.
CLUSTER_BENCHMARKS: tuple[str, ...] = ("cluster_sales",)
REPORT = PROJECT_ROOT / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Written by `make bench`. Each section comes from one run of that benchmark, on one "
    "server; compare the ratios, not the absolute rates, across machines.\n"
)
_SECTION = re.compile(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->\n", re.DOTALL)


def existing_sections() -> dict[str, str]:
    if not REPORT.exists():
        return {}
    return {name: body for name, body in _SECTION.findall(REPORT.read_text(encoding="utf-8"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    known = BENCHMARKS + CLUSTER_BENCHMARKS
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(known)}")
    names = parser.parse_args(argv).names or list(BENCHMARKS)
    for name in names:
        if name not in known:
            parser.error(f"unknown benchmark {name!r}; choose from: {', '.join(known)}")
    needs_server = set(names) & set(BENCHMARKS)
    server_url = with_database(resolve_database_url(), None) if needs_server else None
    sections = existing_sections()
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {module.TITLE}", flush=True)
        stamp = f"_{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}_\n\n"
        body = module.run() if name in CLUSTER_BENCHMARKS else module.run(server_url)
        print(body, flush=True)
        sections[name] = f"## {module.TITLE}\n\n{stamp}{body.strip()}\n"
    ordered = [name for name in known if name in sections]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        HEADER
        + "".join(f"\n<!-- bench:{n} -->\n{sections[n]}<!-- /bench:{n} -->\n" for n in ordered),
        encoding="utf-8",
    )
    print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
