"""Argument types the commands share."""

from __future__ import annotations

import argparse
import math
from decimal import Decimal, InvalidOperation


def amount(text: str) -> Decimal:
    """A money amount as typed; the database checks its range and decimals. NaN and values
    beyond a float's range are refused here: neither JSON nor SQL can carry them."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not math.isfinite(float(value)):
        raise argparse.ArgumentTypeError(f"expected an amount such as 12.50, got {text!r}")
    return value
