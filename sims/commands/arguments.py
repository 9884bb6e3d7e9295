"""Argument types the commands share."""

from __future__ import annotations

import argparse
import datetime as dt
import math
from decimal import Decimal, InvalidOperation

from sims.queries import MAX_INT_PARAMETER as MAX_COUNT  # counts go to SQL as signed 64-bit

MAX_ID = 2**64 - 1  # the ids are BIGINT UNSIGNED


def amount(text: str) -> Decimal:
    """A money amount as typed: finite, at most 2 decimals (the price columns hold cents; a
    third decimal would be rounded away, and 1e-400 would reach the database as 0.0). The
    database checks the range."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if (
        not value.is_finite()
        or not math.isfinite(float(value))
        or value.normalize().as_tuple().exponent < -2
    ):
        raise argparse.ArgumentTypeError(
            f"expected an amount such as 12.50 (2 decimals at most), got {text!r}"
        )
    return value


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return value


def identifier(text: str) -> int:
    """A row's id: a whole number of 1 or more that a BIGINT UNSIGNED holds."""
    return _whole(text, 1, MAX_ID, "an id (a whole number of 1 or more)")


def positive_count(text: str) -> int:
    """A batch size and the like: a whole number of 1 or more."""
    return _whole(text, 1, MAX_COUNT, "a whole number of 1 or more")


def row_limit(text: str) -> int:
    """At most this many rows: a whole number of 0 or more."""
    return _whole(text, 0, MAX_COUNT, "a whole number of 0 or more")


def finite_number(text: str) -> float:
    """A number as typed; nan and inf are refused (the database cannot take them)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a number such as 0.95, got {text!r}")
    return value


def seconds(text: str) -> float:
    """A wait in seconds: a finite number of 0 or more."""
    value = finite_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected seconds, 0 or more, got {text!r}")
    return value


def moment(text: str) -> dt.datetime:
    """A UTC date and time as YYYY-MM-DD[ HH:MM:SS] (a date alone is its midnight)."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a UTC time as YYYY-MM-DD[ HH:MM:SS], got {text!r}"
        ) from None
    if value.tzinfo is not None:  # a time given with its offset: the same instant in UTC
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def day(text: str) -> dt.date:
    """A day as YYYY-MM-DD, or `today` (UTC)."""
    if text.strip().lower() == "today":
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a day as YYYY-MM-DD or today (UTC), got {text!r}"
        ) from None
