"""Argument types the commands share."""

from __future__ import annotations

import argparse
import math
from decimal import Decimal, InvalidOperation


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
