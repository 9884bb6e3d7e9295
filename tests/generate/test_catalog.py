"""The catalogue's names: what a unique key refuses as a repeat is never generated twice."""

from __future__ import annotations

import numpy as np
from sqlalchemy.engine import Engine

from generate.catalog import _unique_names
from generate.pools import collation_key

# As utf8mb4_unicode_ci compares them, three names: case, accents and ß are ignored.
LOOK_ALIKES = np.array(
    ["Trub AG", "Trüb AG", "TRUB AG", "Straße GmbH", "Strasse GmbH", "Ölwerk", "Olwerk "],
    dtype=object,
)


def test_look_alike_names_are_one_name() -> None:
    assert len({collation_key(name) for name in LOOK_ALIKES}) == 3


def test_supplier_names_are_distinct_as_the_unique_key_compares_them(engine: Engine) -> None:
    names = _unique_names(np.random.default_rng(1), LOOK_ALIKES, 8)
    assert len(names) == 8
    with engine.begin() as conn:  # uq_supplier__name would refuse a repeat
        for name in names:
            conn.exec_driver_sql(
                "INSERT INTO supplier (name, country_code) VALUES (%s, 'DE')", (name,)
            )
        conn.exec_driver_sql("DELETE FROM supplier")
