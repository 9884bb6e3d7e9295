"""Printing for commands: result rows as a table, messages to stdout, errors to stderr."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

out = Console()
err = Console(stderr=True, soft_wrap=True)


def print_rows(rows: Iterable[Mapping[str, Any]], title: str | None = None) -> None:
    """Rows (dicts with the same keys) as a table; a note when there are none."""
    rows = list(rows)
    if not rows:
        out.print(f"{title + ': ' if title else ''}no rows")
        return
    table = Table(*rows[0].keys(), title=title)
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    out.print(table)
