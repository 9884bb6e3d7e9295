"""Printing for commands: result rows as a table, messages to stdout, errors to stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sims import queries
from sims.errors import SimsError

out = Console(soft_wrap=True)  # messages are never broken into lines; tables are laid out
err = Console(stderr=True, soft_wrap=True)


def print_rows(rows: Iterable[Mapping[str, Any]], title: str | None = None) -> None:
    """Rows (dicts with the same keys) as a table; a note when there are none."""
    rows = list(rows)
    if not rows:
        out.print(f"{title + ': ' if title else ''}no rows")
        return
    table = Table(*rows[0], title=title)
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    print_table(table)


def print_table(table: Table) -> None:
    """A table on stdout with every cell whole: on a terminal a cell too wide folds onto the
    next line; piped or redirected, the table is as wide as it needs, since a file has no
    edge to fold at (and a console prints no wider than its own width, so one that wide
    prints it)."""
    for column in table.columns:
        column.overflow = "fold"
    if out.is_terminal:
        out.print(table)
        return
    unbounded = out.options.update_width(sys.maxsize)
    width = max(out.width, out.measure(table, options=unbounded).maximum)
    Console(width=width, file=out.file).print(table)


def emit_rows(rows: list[dict], title: str, fmt: str, output: Path | None = None) -> None:
    """Result rows in a format (table, csv, json), printed or, for csv and json, written to
    `output`: how query results are shown, whichever store they come from."""
    if fmt == "table":
        if output is not None:
            raise SimsError("--output needs --format csv or json")
        print_rows(rows, title=title)
        return
    text = queries.to_json(rows) if fmt == "json" else queries.to_csv(rows)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"wrote {len(rows)} rows to {output}")
    else:
        print(text, end="")
