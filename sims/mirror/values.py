"""Values between MySQL rows and BSON documents: money stays exact (DECIMAL <-> Decimal128),
dates become datetimes (BSON has no date), `is_` flags become booleans."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from bson.decimal128 import Decimal128


def to_bson(name: str, value: Any) -> Any:
    """A column's value as stored in a document."""
    if isinstance(value, decimal.Decimal):
        return Decimal128(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if name.startswith("is_") and value is not None:
        return bool(value)
    return value


def document(row: Mapping[str, Any], drop: str | None = None) -> dict[str, Any]:
    """A row as a document: a column named `part__field` becomes `field` of the embedded
    document `part` (None when all its columns are NULL); the column `drop` is left out."""
    doc: dict[str, Any] = {}
    parts: dict[str, dict[str, Any]] = {}
    for name, value in row.items():
        if name == drop:
            continue
        part, sep, field = name.partition("__")
        if sep:
            parts.setdefault(part, {})[field] = to_bson(field, value)
        else:
            doc[name] = to_bson(name, value)
    for part, fields in parts.items():
        doc[part] = fields if any(v is not None for v in fields.values()) else None
    return doc


def from_bson(value: Any) -> Any:
    """A value read from MongoDB as the SQL side would give it (Decimal128 -> Decimal)."""
    if isinstance(value, Decimal128):
        return value.to_decimal()
    return value
