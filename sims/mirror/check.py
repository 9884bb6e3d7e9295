"""The cross-store check: MySQL and the MongoDB mirror must agree on counts, keys and sums.

For each mirrored collection, sql/mirror/checks/COLLECTION.sql states one row per key from
MySQL (key first, then measures: business keys, references, counts and sums of what the
document embeds), and nosql/checks/COLLECTION.json computes the same measures from each
document, sorted by _id. Both are streamed and walked together by key, so neither side is
held in memory: a key on one side only, or a measure that differs, is a mismatch, and so is
a collection whose document count or measure totals differ.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from pymongo.database import Database
from sqlalchemy.engine import Connection, Engine

from sims.db import read_sql_file
from sims.mirror.export import COLLECTIONS, MIRROR_SQL_DIR, STREAM_PATIENCE
from sims.mirror.pipelines import NOSQL_DIR, read_json
from sims.mirror.values import from_bson

CHECK_SQL_DIR = MIRROR_SQL_DIR / "checks"
CHECK_PIPELINES_DIR = NOSQL_DIR / "checks"
PRESENT, MISSING = "present", "missing"


@dataclass(frozen=True)
class Mismatch:
    collection: str
    key: Any  # the row's key and document's _id; None for a collection total
    field: str  # "document" when one side lacks the key; else the measure or total
    mysql: Any
    mongodb: Any


@dataclass
class Totals:
    """Document count and the sum of every numeric measure (references excluded)."""

    documents: int = 0
    sums: dict[str, decimal.Decimal] = field(default_factory=dict)

    def add(self, measures: dict[str, Any]) -> None:
        self.documents += 1
        for name, value in measures.items():
            if not name.endswith("_id") and isinstance(value, decimal.Decimal):
                self.sums[name] = self.sums.get(name, decimal.Decimal(0)) + value


@dataclass
class CollectionCheck:
    collection: str
    mysql: Totals = field(default_factory=Totals)
    mongodb: Totals = field(default_factory=Totals)
    mismatches: list[Mismatch] = field(default_factory=list)


def comparable(value: Any) -> Any:
    """Numbers as Decimal, whichever store and type they come from."""
    value = from_bson(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return decimal.Decimal(str(value))
    return value


def mysql_rows(conn: Connection, collection: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(key, measures) per row of the collection's check query, streamed in key order."""
    statement = sa.text(read_sql_file(CHECK_SQL_DIR / f"{collection}.sql"))
    result = conn.execute(statement, execution_options={"stream_results": True})
    key_column = next(iter(result.keys()))
    for row in result.mappings():
        yield row[key_column], {n: comparable(v) for n, v in row.items() if n != key_column}


def mongodb_documents(db: Database, collection: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(_id, measures) per document of the collection, in _id order."""
    stages = read_json(CHECK_PIPELINES_DIR / f"{collection}.json")["pipeline"]
    for doc in db[collection].aggregate(stages, batchSize=1000):
        yield doc["_id"], {n: comparable(v) for n, v in doc.items() if n != "_id"}


def _before(mysql_key: Any, mongodb_key: Any) -> bool:
    """Whether the MySQL key comes first; MySQL keys are integers, and MongoDB sorts numbers
    before anything else, so a key of another type is past every MySQL key."""
    if not isinstance(mongodb_key, int | float) or isinstance(mongodb_key, bool):
        return True
    return mysql_key < mongodb_key


def compare(
    collection: str,
    mysql: Iterator[tuple[Any, dict[str, Any]]],
    mongodb: Iterator[tuple[Any, dict[str, Any]]],
) -> CollectionCheck:
    """Walk both key-ordered streams together; every difference becomes a Mismatch."""
    check = CollectionCheck(collection)
    found = check.mismatches.append
    # MongoDB first: a server that sorts before answering does so before MySQL streams.
    right = next(mongodb, None)
    left = next(mysql, None)
    while left is not None or right is not None:
        if right is None or (left is not None and _before(left[0], right[0])):
            found(Mismatch(collection, left[0], "document", PRESENT, MISSING))
            check.mysql.add(left[1])
            left = next(mysql, None)
        elif left is None or left[0] != right[0]:
            found(Mismatch(collection, right[0], "document", MISSING, PRESENT))
            check.mongodb.add(right[1])
            right = next(mongodb, None)
        else:
            key, expected, stored = left[0], left[1], right[1]
            for name, value in expected.items():
                if stored.get(name) != value:
                    found(Mismatch(collection, key, name, value, stored.get(name, MISSING)))
            check.mysql.add(expected)
            check.mongodb.add(stored)
            left, right = next(mysql, None), next(mongodb, None)
    if check.mysql.documents != check.mongodb.documents:
        found(Mismatch(collection, None, "count", check.mysql.documents, check.mongodb.documents))
    for name, total in check.mysql.sums.items():
        if check.mongodb.sums.get(name) != total:
            found(Mismatch(collection, None, f"sum of {name}", total, check.mongodb.sums.get(name)))
    return check


def check(engine: Engine, db: Database) -> list[CollectionCheck]:
    """Compare every mirrored collection with MySQL, read from one snapshot."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        conn.exec_driver_sql(STREAM_PATIENCE)
        # The entry-by-entry measures are GROUP_CONCATs: MySQL's default limit (1 KB) would
        # cut those of a large order short and report a mismatch that is not there.
        conn.exec_driver_sql("SET SESSION group_concat_max_len = 16777216")
        conn.exec_driver_sql("START TRANSACTION WITH CONSISTENT SNAPSHOT")
        results = [
            compare(spec.name, mysql_rows(conn, spec.name), mongodb_documents(db, spec.name))
            for spec in COLLECTIONS
        ]
        conn.rollback()
    return results
