"""Supplier reviews: buyers rate some deliveries (late ones worse) and write the odd
general review."""

from __future__ import annotations

import numpy as np

from generate import columns as col
from generate.catalog import Catalog
from generate.columns import Table
from generate.pools import REVIEW_TEXTS, Pools
from generate.purchasing import RECEIVED, Numbered, Orders
from generate.settings import DAY, HOUR, Settings

REVIEWED_SHARE = 0.3
_TEXTS = np.array([text for rating in range(1, 6) for text in REVIEW_TEXTS[rating]], dtype=object)


def review_table(
    settings: Settings, catalog: Catalog, pools: Pools, orders: Orders, numbered: Numbered
) -> Table:
    rng = settings.rng("reviews")
    received = np.flatnonzero(numbered.status == RECEIVED)
    received = received[rng.random(received.size) < REVIEWED_SHARE]
    reviewed_at = numbered.received_at[received] + rng.integers(HOUR, 10 * DAY, received.size)
    received = received[reviewed_at <= settings.end]
    reviewed_at = reviewed_at[reviewed_at <= settings.end]
    late = numbered.received_at[received] // DAY > numbered.expected_day[received]
    on_time_rating = rng.choice([3, 4, 5], received.size, p=[0.15, 0.45, 0.4])
    late_rating = rng.choice([1, 2, 3, 4], received.size, p=[0.2, 0.35, 0.3, 0.15])
    rating = np.where(late, late_rating, on_time_rating)
    general = np.flatnonzero(rng.random(catalog.supplier_late_rate.size) < 0.3)
    supplier = np.concatenate([orders.supplier[received], general])
    po_id = np.concatenate([numbered.po_id[received], np.zeros(general.size, dtype=np.int64)])
    rating = np.concatenate([rating, rng.integers(2, 6, general.size)])
    at = np.concatenate([
        reviewed_at, settings.start + rng.integers(0, settings.end - settings.start, general.size)
    ])  # fmt: skip
    order = np.lexsort((po_id, supplier, at))
    supplier, po_id, rating, at = supplier[order], po_id[order], rating[order], at[order]
    text = _TEXTS[(rating - 1) * 2 + rng.integers(0, 2, rating.size)]
    reviewer = (
        rng.choice(pools.first_names, rating.size) + " " + rng.choice(pools.last_names, rating.size)
    )
    return (
        Table("supplier_review")
        .add("supplier_review_id", col.ints(np.arange(1, rating.size + 1)))
        .add("supplier_id", col.ints(supplier + 1))
        .add("purchase_order_id", col.ints(po_id, null=po_id == 0))
        .add("rating", col.ints(rating))
        .add("review_text", col.texts(text))
        .add("reviewer_name", col.texts([name[:100] for name in reviewer]))
        .add("reviewed_at", col.timestamps(at))
        .add("created_at", col.timestamps(at))
        .add("updated_at", col.timestamps(at))
    )
