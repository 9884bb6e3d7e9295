"""What to generate: scale, seed, locale and the day the history ends, the table sizes a
scale implies, and the named random streams every builder draws from."""

from __future__ import annotations

import calendar
import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np
from faker.config import AVAILABLE_LOCALES

from sims.errors import SimsError

DAY = 86_400
HOUR = 3_600
# The history ends on a given day (at its midnight, UTC), by default a fixed one, not today:
# the same settings must give the same rows whenever they run. Two years of history show
# the yearly season twice.
DEFAULT_HISTORY_END = dt.date(2026, 11, 1)
EARLIEST_HISTORY_END = dt.date(2000, 1, 1)
HISTORY_DAYS = 730
# The tables are built in memory (about 1 GB per unit of scale), then loaded.
MAX_SCALE = 10.0

# Rows at scale 1; the other sizes follow from these (see Sizes.for_scale).
LINES_AT_SCALE_1 = 1_000_000
MEAN_LINES_PER_ORDER = 2.5


@dataclass(frozen=True)
class Settings:
    """One generation run: the same settings always produce identical data."""

    scale: float
    seed: int
    locale: str = "en_US"
    history_end: dt.date = DEFAULT_HISTORY_END

    def __post_init__(self) -> None:
        if not 0 < self.scale <= MAX_SCALE:
            raise SimsError(f"scale must be above 0 and at most {MAX_SCALE:g}, got {self.scale}")
        if self.seed < 0:
            raise SimsError(f"seed must be 0 or more, got {self.seed}")
        if self.locale not in AVAILABLE_LOCALES:
            raise SimsError(
                f"unknown Faker locale {self.locale!r}: use a language_COUNTRY locale Faker "
                "knows, such as en_US, en_GB, de_DE or fr_FR"
            )
        today = dt.datetime.now(dt.UTC).date()
        if not EARLIEST_HISTORY_END <= self.history_end <= today:
            raise SimsError(
                f"history end must be a day from {EARLIEST_HISTORY_END} to today, UTC ({today}), "
                f"got {self.history_end}"
            )

    @property
    def end(self) -> int:
        """Last instant of the history, seconds since the Unix epoch (UTC)."""
        return calendar.timegm(self.history_end.timetuple())

    @property
    def start(self) -> int:
        """First instant of the history: opening stock is booked here."""
        return self.end - HISTORY_DAYS * DAY

    @property
    def sizes(self) -> Sizes:
        return Sizes.for_scale(self.scale)

    def rng(self, stream: str) -> np.random.Generator:
        """An independent random stream per purpose, so changing one builder leaves the
        others' data as it was."""
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a scale asks for; sales order lines drive the rest."""

    sales_order_lines: int
    sales_orders: int
    customers: int
    products: int
    suppliers: int
    warehouses: int
    categories: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        lines = max(200, round(LINES_AT_SCALE_1 * scale))
        return cls(
            sales_order_lines=lines,
            sales_orders=max(80, round(lines / MEAN_LINES_PER_ORDER)),
            customers=max(20, round(40_000 * scale)),
            products=max(30, round(5_000 * scale)),
            suppliers=max(4, round(150 * scale)),
            # Warehouses grow slowly: a bigger business has a few more, not a thousand.
            warehouses=max(2, min(8, round(4 * scale**0.25))),
            categories=max(6, round(120 * scale)),
        )
