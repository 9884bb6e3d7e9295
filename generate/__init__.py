"""Deterministic, fast generation of consistent sims data at any scale.

`generate(url, scale, seed)` (or `generate_and_load(url, Settings(...))`) builds every
table with NumPy from a seed (Faker only fills small pools of names and addresses), streams
the rows into the migrated database with `LOAD DATA LOCAL INFILE` (batched INSERTs when the
server refuses it), and proves afterwards what the server was told not to check during the
load. The same seed and scale always give the same rows.
"""

from generate.run import (
    LoadReport,
    generate,
    generate_and_load,
    generate_tables,
    write_table_files,
)
from generate.settings import Settings

__all__ = [
    "LoadReport",
    "Settings",
    "generate",
    "generate_and_load",
    "generate_tables",
    "write_table_files",
]
