"""Generated tables and their text form: NumPy columns rendered, a slice of rows at a time,
into the tab-separated lines `LOAD DATA` reads (`\\N` for NULL), with lookup tables instead
of per-value formatting wherever values repeat."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from generate.settings import DAY

NULL = "\\N"
RENDER_ROWS = 200_000  # rows rendered at once: bounds the memory strings take

Render = Callable[[slice], list[str]]


@dataclass(frozen=True)
class Values:
    """A column's values, with how to render any slice of them as text."""

    size: int
    render: Render


@dataclass
class Table:
    """A table's rows, column by column, ready to load."""

    name: str
    columns: list[tuple[str, Values]] = field(default_factory=list)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    @property
    def rows(self) -> int:
        return self.columns[0][1].size if self.columns else 0

    def add(self, name: str, values: Values) -> Table:
        if self.columns and values.size != self.rows:
            raise ValueError(f"{self.name}.{name}: {values.size} values for {self.rows} rows")
        self.columns.append((name, values))
        return self

    def tsv(self) -> bytes:
        """The rows as tab-separated UTF-8 lines, each ending in a newline."""
        parts = []
        for start in range(0, self.rows, RENDER_ROWS):
            rows = slice(start, min(start + RENDER_ROWS, self.rows))
            texts = [values.render(rows) for _, values in self.columns]
            lines = "\n".join(map("\t".join, zip(*texts, strict=True)))
            parts.append((lines + "\n").encode("utf-8"))
        return b"".join(parts)


def parse_tsv(payload: bytes) -> list[tuple[str | None, ...]]:
    """Rows back from `Table.tsv()` text, NULLs as None (for batched INSERTs)."""
    return [
        tuple(None if value == NULL else value for value in line.split("\t"))
        for line in payload.decode("utf-8").splitlines()
    ]


# --- column kinds ------------------------------------------------------------------------


def _nullable(render: Callable[[slice], np.ndarray], null: np.ndarray | None) -> Render:
    def rendered(rows: slice) -> list[str]:
        text = render(rows)
        if null is not None:
            missing = null[rows]
            if missing.any():
                text = np.where(missing, NULL, text)
        return text.tolist()

    return rendered


@cache
def _number_table(size: int) -> np.ndarray:
    return np.array([str(i) for i in range(size)], dtype=object)


def ints(values: np.ndarray, null: np.ndarray | None = None) -> Values:
    """Integers; small non-negative ranges go through a lookup table."""
    values = np.asarray(values, dtype=np.int64)
    if values.size and values.min() >= 0 and values.max() < (1 << 20):
        table = _number_table(1 << int(values.max()).bit_length())
        return Values(values.size, _nullable(lambda rows: table[values[rows]], null))

    def render(rows: slice) -> np.ndarray:
        return np.array(list(map(str, values[rows].tolist())), dtype=object)

    return Values(values.size, _nullable(render, null))


_CENTS = np.array([f".{c:02d}" for c in range(100)], dtype=object)


def money(cents: np.ndarray) -> Values:
    """Amounts held as integer cents, written with two decimals (exact, no floats)."""
    cents = np.asarray(cents, dtype=np.int64)
    if cents.size and cents.min() < 0:
        raise ValueError("negative amounts are not generated")
    units = ints(cents // 100).render

    def render(rows: slice) -> np.ndarray:
        return np.array(units(rows), dtype=object) + _CENTS[cents[rows] % 100]

    return Values(cents.size, _nullable(render, None))


@cache
def _clock_table() -> np.ndarray:
    return np.array(
        [f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)], dtype=object
    )


def _day_table(first_day: int, last_day: int) -> np.ndarray:
    days = np.arange(first_day, last_day + 1).astype("datetime64[D]")
    return np.datetime_as_string(days).astype(object)


def _day_range(days: np.ndarray, null: np.ndarray | None) -> tuple[np.ndarray, int, np.ndarray]:
    """Days with NULL rows pointed at a real day, the first day, and its names."""
    if null is not None and days.size:
        days = np.where(null, days[~null].min() if (~null).any() else 0, days)
    first, last = (int(days.min()), int(days.max())) if days.size else (0, 0)
    return days, first, _day_table(first, last)


def dates(days: np.ndarray, null: np.ndarray | None = None) -> Values:
    """Dates held as days since the Unix epoch, written YYYY-MM-DD."""
    days, first, names = _day_range(np.asarray(days, dtype=np.int64), null)
    return Values(days.size, _nullable(lambda rows: names[days[rows] - first], null))


def timestamps(seconds: np.ndarray, null: np.ndarray | None = None) -> Values:
    """Instants held as seconds since the Unix epoch (UTC), written YYYY-MM-DD HH:MM:SS."""
    seconds = np.asarray(seconds, dtype=np.int64)
    if null is not None and seconds.size:
        seconds = np.where(null, seconds[~null].min() if (~null).any() else 0, seconds)
    days, clock = np.divmod(seconds, DAY)
    days, first, names = _day_range(days, None)
    clocks = _clock_table()
    return Values(
        seconds.size,
        _nullable(lambda rows: names[days[rows] - first] + clocks[clock[rows]], null),
    )


def texts(values: np.ndarray | Sequence[str], null: np.ndarray | None = None) -> Values:
    """Strings, already free of tabs, newlines and backslashes (see pools.clean)."""
    values = np.asarray(values, dtype=object)
    return Values(values.size, _nullable(lambda rows: values[rows], null))


def constant(value: str, rows: int) -> Values:
    return Values(rows, lambda part: [value] * len(range(rows)[part]))
