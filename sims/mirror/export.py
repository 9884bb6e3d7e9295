"""Export the MySQL data into MongoDB collections of documents, read in pages so that a
million order lines never sit in memory at once.

Each collection mirrors one table: its rows become documents whose `_id` is the row's key,
with their children embedded (sql/mirror/ holds the reads). A page of parents is read after
the last key seen, then the children of exactly that key range; the page is upserted by
`_id`, and afterwards the documents whose rows are gone are deleted, so running the export
again replaces documents instead of duplicating them. The whole export reads one snapshot
(one REPEATABLE READ transaction), so documents agree with each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import sqlalchemy as sa
from pymongo import ASCENDING, InsertOne, ReplaceOne
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import BulkWriteError
from sqlalchemy.engine import Connection, Engine

from sims.config import SQL_DIR
from sims.db import read_sql_file
from sims.errors import SimsError
from sims.mirror.values import document

MIRROR_SQL_DIR = SQL_DIR / "mirror"
DEFAULT_BATCH_SIZE = 1000
DELETE_BATCH_SIZE = 1000
# A streamed result waits while the MongoDB side is read; the server's default patience
# with a client that stops reading (net_write_timeout, 60 s) is too short for that.
STREAM_PATIENCE = "SET SESSION net_write_timeout = 3600"
DUPLICATE_KEY = 11000  # MongoDB's error code for a write that breaks a unique index

Documents = list[dict[str, Any]]


@cache
def mirror_sql(name: str) -> sa.TextClause:
    return sa.text(read_sql_file(MIRROR_SQL_DIR / f"{name}.sql"))


def children(conn: Connection, name: str, parent_key: str, first: int, last: int) -> dict:
    """The rows of sql/mirror/NAME.sql for parents first..last, as documents by parent key."""
    grouped: dict[int, Documents] = defaultdict(list)
    rows = conn.execute(mirror_sql(name), {"first_id": first, "last_id": last}).mappings()
    for row in rows:
        grouped[row[parent_key]].append(document(row, drop=parent_key))
    return grouped


@dataclass(frozen=True)
class CollectionSpec:
    """One MongoDB collection: the table its documents mirror and what they embed."""

    name: str
    table: str
    key: str  # the table's primary key: the documents' _id
    unique: tuple[str, ...]  # business keys, each under a unique index
    embeds: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (sql/mirror file, field path)
    sparse: tuple[str, ...] = ()  # unique keys of embedded documents that may be absent

    def count(self, conn: Connection) -> int:
        return conn.exec_driver_sql(f"SELECT COUNT(*) FROM {self.table}").scalar_one()

    def page(self, conn: Connection, after: int, size: int) -> Documents:
        """The next `size` documents after key `after`, children embedded."""
        params = {"after_id": after, "batch_size": size}
        rows = conn.execute(mirror_sql(self.name), params).mappings().all()
        docs = [{"_id": row[self.key], **document(row, drop=self.key)} for row in rows]
        if not docs:
            return docs
        first, last = docs[0]["_id"], docs[-1]["_id"]
        for source, path in self.embeds:
            found = children(conn, source, self.key, first, last)
            for doc in docs:
                holder = doc
                for part in path[:-1]:
                    holder = holder[part]
                if holder is not None:
                    holder[path[-1]] = found.get(doc["_id"], [])
        return docs


COLLECTIONS = (
    CollectionSpec(
        "products",
        "product",
        "product_id",
        unique=("sku",),
        embeds=(("products__offers", ("offers",)), ("products__stock", ("stock",))),
    ),
    CollectionSpec("customers", "customer", "customer_id", unique=("email",)),
    CollectionSpec(
        "suppliers",
        "supplier",
        "supplier_id",
        unique=("name",),
        embeds=(("suppliers__reviews", ("reviews",)),),
    ),
    CollectionSpec(
        "sales_orders",
        "sales_order",
        "sales_order_id",
        unique=(),
        embeds=(
            ("sales_orders__lines", ("lines",)),
            ("sales_orders__invoice_lines", ("invoice", "lines")),
            ("sales_orders__credit_notes", ("invoice", "credit_notes")),
        ),
        sparse=("invoice.invoice_id",),
    ),
    CollectionSpec(
        "purchase_orders",
        "purchase_order",
        "purchase_order_id",
        unique=(),
        embeds=(("purchase_orders__lines", ("lines",)),),
    ),
)


def ensure_indexes(db: Database) -> None:
    """A unique index on every business key (named like the SQL ones: uq_<collection>__<key>)."""
    for spec in COLLECTIONS:
        for field in spec.unique:
            db[spec.name].create_index(
                [(field, ASCENDING)], name=f"uq_{spec.name}__{field}", unique=True
            )
        for field in spec.sparse:
            # Sparse: orders without an invoice hold no invoice number and are not indexed.
            db[spec.name].create_index(
                [(field, ASCENDING)],
                name=f"uq_{spec.name}__{field.replace('.', '_')}",
                unique=True,
                sparse=True,
            )


def at_path(doc: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of embedded documents, None where the path ends early."""
    value: Any = doc
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class Progress(Protocol):
    def start(self, collection: str, total: int) -> None: ...

    def advance(self, collection: str, count: int) -> None: ...


@dataclass
class ExportResult:
    collection: str
    written: int = 0  # documents upserted (inserted or replaced)
    removed: int = 0  # documents deleted because their rows are gone


def write_page(db: Database, spec: CollectionSpec, docs: Documents) -> None:
    """Write the page: documents new to the collection are inserted, the others replaced.
    Which exist is looked up once per page (by _id, an index lookup) rather than upserted
    one by one: faster, and much faster on the embedded server."""
    target = db[spec.name]
    ids = [doc["_id"] for doc in docs]
    stored = {held["_id"] for held in target.find({"_id": {"$in": ids}}, {"_id": 1})}
    try:
        write_documents(target, docs, stored)
    except BulkWriteError as exc:
        refused = [docs_in_order(docs, stored)[e["index"]] for e in exc.details["writeErrors"]]
        if any(e["code"] != DUPLICATE_KEY for e in exc.details["writeErrors"]):
            raise
        stored -= remove_stale_holders(target, spec, refused)
        write_documents(target, refused, stored)


def docs_in_order(docs: Documents, stored: set) -> Documents:
    """The page as written: new documents first, then the ones replaced."""
    return [d for d in docs if d["_id"] not in stored] + [d for d in docs if d["_id"] in stored]


def write_documents(target: Collection, docs: Documents, stored: set) -> None:
    target.bulk_write(
        [
            ReplaceOne({"_id": d["_id"]}, d) if d["_id"] in stored else InsertOne(d)
            for d in docs_in_order(docs, stored)
        ],
        ordered=False,
    )


def remove_stale_holders(target: Collection, spec: CollectionSpec, docs: Documents) -> set:
    """Delete the documents that hold these documents' business keys under another _id;
    returns their ids.

    A business key that moved from one row to another is still held by the document of the
    row that had it: that document is stale (MySQL keeps the key unique in this snapshot)
    and blocks the write, so it goes; if its row still exists, this page or a later one
    writes it again."""
    removed: set = set()
    for field in spec.unique + spec.sparse:
        owner = {value: doc["_id"] for doc in docs if (value := at_path(doc, field)) is not None}
        holders = target.find({field: {"$in": list(owner)}}, {field: 1})
        stale = {held["_id"] for held in holders if owner[at_path(held, field)] != held["_id"]}
        if stale:
            target.delete_many({"_id": {"$in": list(stale)}})
            removed |= stale
    return removed


def remove_gone(conn: Connection, db: Database, spec: CollectionSpec, written: int) -> int:
    """Delete the documents whose rows are gone; returns how many. The table's keys and the
    collection's ids are both streamed in key order and walked together, so neither is held
    in memory (MongoDB sorts numbers first: an id of another type has no row). The walk
    reads every document id, so it is skipped when the collection holds no more documents
    than were just written, which is every one of its rows."""
    target = db[spec.name]
    if target.estimated_document_count() == written:
        return 0
    keys = (
        row[0]
        for row in conn.exec_driver_sql(
            f"SELECT {spec.key} FROM {spec.table} ORDER BY {spec.key}",
            execution_options={"stream_results": True},
        )
    )
    key, gone, removed = next(keys, None), [], 0
    for held in target.find({}, {"_id": 1}).sort("_id", ASCENDING):
        number = isinstance(held["_id"], int | float) and not isinstance(held["_id"], bool)
        while number and key is not None and key < held["_id"]:
            key = next(keys, None)
        if not number or key != held["_id"]:
            gone.append(held["_id"])
        if len(gone) == DELETE_BATCH_SIZE:
            removed += target.delete_many({"_id": {"$in": gone}}).deleted_count
            gone = []
    if gone:
        removed += target.delete_many({"_id": {"$in": gone}}).deleted_count
    return removed


def export_collection(
    conn: Connection,
    db: Database,
    spec: CollectionSpec,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> ExportResult:
    result = ExportResult(spec.name)
    if progress:
        progress.start(spec.name, spec.count(conn))
    after = 0  # keys are positive
    while docs := spec.page(conn, after, batch_size):
        write_page(db, spec, docs)
        result.written += len(docs)
        after = docs[-1]["_id"]
        if progress:
            progress.advance(spec.name, len(docs))
    result.removed = remove_gone(conn, db, spec, result.written)
    return result


def export(
    engine: Engine,
    db: Database,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> list[ExportResult]:
    """Export every collection from one snapshot of the MySQL data; idempotent."""
    if batch_size < 1:
        raise SimsError(f"batch size must be at least 1, got {batch_size}")
    ensure_indexes(db)
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        conn.exec_driver_sql(STREAM_PATIENCE)  # the leftover walk streams the table's keys
        conn.exec_driver_sql("START TRANSACTION WITH CONSISTENT SNAPSHOT")
        results = [export_collection(conn, db, spec, batch_size, progress) for spec in COLLECTIONS]
        conn.rollback()
    return results
