"""Stock changes that are not sales or purchases: stocktakes (with their corrections),
write-offs of damaged or expired goods, and transfers between warehouses."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generate.catalog import Catalog
from generate.pools import ADJUSTMENT_REASONS_IN, ADJUSTMENT_REASONS_OUT
from generate.settings import DAY, HOUR, Settings

REASONS = np.array(
    [
        "opening stock",
        *ADJUSTMENT_REASONS_OUT,
        *ADJUSTMENT_REASONS_IN,
        "rebalance between warehouses",
    ],
    dtype=object,
)
OPENING_REASON = 0
TRANSFER_REASON = REASONS.size - 1
_OUT = 1 + np.arange(len(ADJUSTMENT_REASONS_OUT))
_IN = 1 + len(ADJUSTMENT_REASONS_OUT) + np.arange(len(ADJUSTMENT_REASONS_IN))


@dataclass
class Adjustments:
    """Adjustment movements (signed) and transfers (one row per pair), plus stocktake dates."""

    adjust_slot: np.ndarray  # stock slot: product index * warehouses + warehouse index
    adjust_at: np.ndarray
    adjust_qty: np.ndarray  # signed, never zero
    adjust_reason: np.ndarray  # index into REASONS
    transfer_product: np.ndarray
    transfer_from: np.ndarray  # warehouse index
    transfer_to: np.ndarray
    transfer_at: np.ndarray
    transfer_qty: np.ndarray  # positive
    last_counted_at: np.ndarray  # per slot, -1 when never counted


def build_adjustments(settings: Settings, catalog: Catalog, line_count: int) -> Adjustments:
    rng = settings.rng("adjustments")
    slots = catalog.products * catalog.warehouses
    # Stocktakes in the last 200 days for 40% of slots; a third of them find a difference.
    counted = rng.random(slots) < 0.4
    last_counted = settings.end - rng.integers(DAY, 200 * DAY, slots)
    last_counted = np.where(counted, last_counted - last_counted % DAY + 9 * HOUR, -1)
    corrected = np.flatnonzero(counted & (rng.random(slots) < 0.35))
    found = rng.random(corrected.size) < 0.35
    correction = np.where(found, 1, -1) * rng.integers(1, 4, corrected.size)
    # Surplus is "found"; a shortfall found by counting is a "stocktake correction".
    correction_reason = np.where(found, rng.choice(_IN, corrected.size), _IN[-1])
    # Write-offs at any time: damage, expiry, loss.
    write_offs = max(1, round(0.01 * line_count))
    product = rng.choice(catalog.products, write_offs, p=catalog.product_weight)
    warehouse = rng.choice(catalog.warehouses, write_offs, p=catalog.warehouse_weight)
    write_off_at = settings.start + rng.integers(DAY, (settings.end - settings.start), write_offs)
    # Transfers rebalance popular products between warehouses.
    transfers = max(1, round(0.005 * line_count))
    t_product = rng.choice(catalog.products, transfers, p=catalog.product_weight)
    t_from = rng.integers(0, catalog.warehouses, transfers)
    t_to = (t_from + rng.integers(1, catalog.warehouses, transfers)) % catalog.warehouses
    return Adjustments(
        adjust_slot=np.concatenate([corrected, product * catalog.warehouses + warehouse]),
        adjust_at=np.concatenate([last_counted[corrected], write_off_at]),
        adjust_qty=np.concatenate([correction, -rng.integers(1, 3, write_offs)]),
        adjust_reason=np.concatenate([correction_reason, rng.choice(_OUT, write_offs)]),
        transfer_product=t_product,
        transfer_from=t_from,
        transfer_to=t_to,
        transfer_at=settings.start + rng.integers(DAY, settings.end - settings.start, transfers),
        transfer_qty=rng.integers(1, 11, transfers),
        last_counted_at=last_counted,
    )
