"""`mongo check`: after an export MySQL and MongoDB agree on counts, keys and sums; a
document whose embedded values were changed, a missing document and a document whose row
does not exist are each reported, and the command then exits non-zero."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from pymongo.database import Database
from sqlalchemy.engine import Engine

from sims import cli
from sims.mirror import check, export
from sims.mirror.check import MISSING, PRESENT, Mismatch


@pytest.fixture(scope="module")
def mirrored(engine: Engine, mongo_db: Database, shop: SimpleNamespace) -> Database:
    export.export(engine, mongo_db)
    return mongo_db


def mismatches(engine: Engine, db: Database) -> list[Mismatch]:
    return [m for result in check.check(engine, db) for m in result.mismatches]


def test_after_an_export_the_stores_agree(engine, mirrored):
    results = check.check(engine, mirrored)
    assert [m for r in results for m in r.mismatches] == []
    for result in results:
        assert result.mysql.documents == result.mongodb.documents > 0
        assert result.mysql.sums == result.mongodb.sums


def test_a_broken_document_is_reported_with_what_differs(engine, mirrored, shop):
    order = mirrored.sales_orders.find_one({"status": "shipped"})
    line = order["lines"][0]
    mirrored.sales_orders.update_one({"_id": order["_id"]}, {"$inc": {"lines.0.ordered_qty": 1}})
    try:
        found = mismatches(engine, mirrored)
    finally:
        mirrored.sales_orders.update_one(
            {"_id": order["_id"]}, {"$inc": {"lines.0.ordered_qty": -1}}
        )
    ordered = sum(x["ordered_qty"] for x in order["lines"])
    value = sum(x["ordered_qty"] * x["unit_price"].to_decimal() for x in order["lines"])
    price = line["unit_price"].to_decimal()
    by_field = {(m.key, m.field): (m.mysql, m.mongodb) for m in found}
    assert by_field[(order["_id"], "ordered_qty")] == (ordered, ordered + 1)
    assert by_field[(order["_id"], "line_value")] == (value, value + price)
    assert (None, "sum of ordered_qty") in by_field
    assert {m.collection for m in found} == {"sales_orders"}
    assert mismatches(engine, mirrored) == []


@pytest.mark.parametrize(
    ("collection", "change", "field"),
    [
        ("sales_orders", {"invoice.status": "void"}, "invoice_status"),
        ("products", {"is_discontinued": True}, "sale_status"),
        ("products", {"stock.0.reorder_point_qty": 999}, "reorder_point_qty"),
        ("products", {"stock.0.target_qty": 999}, "target_qty"),
        ("products", {"stock.0.on_order_qty": 999}, "on_order_qty"),
        ("sales_orders", {"shipped_at": datetime(2001, 2, 3)}, "shipped_at"),
        (
            "sales_orders",
            {"invoice.credit_notes.0.settlement": "refunded"},
            "credit_note_settlements",
        ),
    ],
)
def test_what_the_pipelines_read_is_compared_too(engine, mirrored, collection, change, field):
    """A voided invoice, new reorder parameters, a shipping date or a refund since the export
    change what the pipelines and the refunds answer, so the check must see them."""
    [(path, value)] = change.items()
    document = mirrored[collection].find_one({path: {"$exists": True, "$ne": value}})
    mirrored[collection].update_one({"_id": document["_id"]}, {"$set": change})
    try:
        found = mismatches(engine, mirrored)
    finally:
        mirrored[collection].replace_one({"_id": document["_id"]}, document)
    assert (collection, document["_id"], field) in {(m.collection, m.key, m.field) for m in found}
    assert mismatches(engine, mirrored) == []


@pytest.mark.parametrize(
    ("collection", "array", "field", "measure"),
    [
        ("products", "stock", "on_hand_qty", "stock_by_warehouse"),
        ("sales_orders", "lines", "returned_qty", "lines_by_product"),
    ],
)
def test_values_moved_between_embedded_entries_are_reported(
    engine, mirrored, collection, array, field, measure
):
    """Stock moved to another warehouse, units returned on another line: every sum stays the
    same, only the entry-by-entry measure differs."""
    document = next(
        doc
        for doc in mirrored[collection].find({f"{array}.1": {"$exists": True}})
        if doc[array][0][field] != doc[array][1][field]
    )
    first, second = document[array][0][field], document[array][1][field]
    swapped = {f"{array}.0.{field}": second, f"{array}.1.{field}": first}
    mirrored[collection].update_one({"_id": document["_id"]}, {"$set": swapped})
    try:
        found = mismatches(engine, mirrored)
    finally:
        mirrored[collection].replace_one({"_id": document["_id"]}, document)
    assert [(m.collection, m.key, m.field) for m in found] == [
        (collection, document["_id"], measure)
    ]
    assert mismatches(engine, mirrored) == []


def test_missing_and_unknown_documents_are_reported(engine, mirrored, shop):
    ann = shop.customers[0]
    removed = mirrored.customers.find_one({"_id": ann})
    mirrored.customers.delete_one({"_id": ann})
    mirrored.products.insert_one({"_id": 10**9, "sku": "NOT-IN-MYSQL", "offers": [], "stock": []})
    try:
        found = mismatches(engine, mirrored)
    finally:
        mirrored.customers.insert_one(removed)
        mirrored.products.delete_one({"_id": 10**9})
    assert Mismatch("customers", ann, "document", PRESENT, MISSING) in found
    assert Mismatch("products", 10**9, "document", MISSING, PRESENT) in found
    counts = {m.collection: (m.mysql, m.mongodb) for m in found if m.field == "count"}
    assert counts["customers"][0] == counts["customers"][1] + 1
    assert counts["products"][1] == counts["products"][0] + 1
    assert mismatches(engine, mirrored) == []


def test_the_check_command_exits_non_zero_and_lists_every_mismatch(
    engine, mirrored, mongo_server_uri, runner_on_test_database, capsys
):
    uri = f"{mongo_server_uri.rstrip('/')}/{mirrored.name}"
    assert cli.main(["mongo", "check", "--uri", uri]) == 0
    assert "agree" in capsys.readouterr().out
    supplier = mirrored.suppliers.find_one({"reviews.0": {"$exists": True}})
    mirrored.suppliers.update_one({"_id": supplier["_id"]}, {"$set": {"reviews": []}})
    try:
        status = cli.main(["mongo", "check", "--uri", uri])
    finally:
        mirrored.suppliers.replace_one({"_id": supplier["_id"]}, supplier)
    captured = capsys.readouterr()
    assert status == 1
    assert "review_count" in captured.out and "rating_sum" in captured.out
    assert "mismatch(es) between MySQL and MongoDB" in captured.err
