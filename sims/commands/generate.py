"""`runner.py generate --scale S --seed N [--locale L] [--history-end DAY] [--replace |
--keep-existing]`: fill the database with generated, consistent data (see generate/), a
progress bar per table, then a summary."""

from __future__ import annotations

import argparse

from rich.table import Table

from sims.commands import arguments
from sims.commands.output import out, print_table
from sims.commands.procedures import database
from sims.config import mask_password
from sims.server import resolve_database_url


def run_generate(args: argparse.Namespace) -> None:
    # NumPy and Faker load only for this command.
    from generate import Settings, generate_and_load
    from generate.loader import progress_bar
    from generate.settings import DEFAULT_HISTORY_END
    from generate.target import filled_tables

    # Bad values are refused first.
    settings = Settings(args.scale, args.seed, args.locale, args.history_end or DEFAULT_HISTORY_END)
    url = resolve_database_url()
    if args.keep_existing:
        with database() as engine, engine.connect() as conn:
            filled = filled_tables(conn)
        if filled:
            out.print(f"kept the data already in {mask_password(url)} (in {', '.join(filled)})")
            return
    with progress_bar(console=out) as progress:
        report = generate_and_load(url, settings, replace=args.replace, progress=progress)
    summary = Table("table", "rows", "seconds", title=f"loaded with {report.method}")
    for loaded in report.tables:
        summary.add_row(loaded.table, f"{loaded.rows:,}", f"{loaded.seconds:.2f}")
    print_table(summary)
    out.print(
        f"{report.rows:,} rows in {report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s), "
        f"keys and references verified; scale {args.scale:g}, seed {args.seed}, "
        f"locale {args.locale}, history ending {settings.history_end}"
    )


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "generate", help="load generated, consistent data (same scale and seed: same data)"
    )
    parser.add_argument(
        "--scale",
        type=float,
        required=True,
        help="size: 1 is about a million sales order lines; 0.01 for a quick look",
    )
    parser.add_argument("--seed", type=int, required=True, help="random seed (0 or more)")
    parser.add_argument(
        "--locale", default="en_US", help="Faker locale of names and addresses (default en_US)"
    )
    parser.add_argument(
        "--history-end",
        type=arguments.day,
        metavar="DAY",
        help="the day the two years of history end, YYYY-MM-DD or today (UTC; default: one "
        "fixed day, so that the same scale and seed always give the same rows)",
    )
    existing = parser.add_mutually_exclusive_group()
    existing.add_argument(
        "--replace",
        action="store_true",
        help="delete the data the database already holds instead of refusing to load",
    )
    existing.add_argument(
        "--keep-existing",
        action="store_true",
        help="when the database already holds data, keep it and load nothing (make demo)",
    )
    parser.set_defaults(handler=run_generate)
