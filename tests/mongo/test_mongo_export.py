"""`mongo export`: every mirrored row becomes one document keyed by its id, with its children
embedded and money kept exact; business keys are unique; running it again replaces
documents (no duplicates), follows changed rows and removes documents whose rows are gone."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from bson.decimal128 import Decimal128
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError
from sqlalchemy.engine import Engine

from sims.mirror import export
from tests import support
from tests.support import scalar

# Pages of two rows, so that every collection is read in several pages.
BATCH_SIZE = 2


def snapshot(db: Database) -> dict[str, list[dict]]:
    return {spec.name: list(db[spec.name].find().sort("_id", 1)) for spec in export.COLLECTIONS}


def rows(engine: Engine, sql: str, params: tuple = ()) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.exec_driver_sql(sql, params)]


@pytest.fixture(scope="module")
def first_export(engine: Engine, mongo_db: Database, shop: SimpleNamespace) -> list:
    return export.export(engine, mongo_db, batch_size=BATCH_SIZE)


def test_every_row_becomes_one_document_keyed_by_its_id(engine, mongo_db, first_export):
    written = {result.collection: result.written for result in first_export}
    for spec in export.COLLECTIONS:
        keys = [r[spec.key] for r in rows(engine, f"SELECT {spec.key} FROM {spec.table}")]
        assert sorted(keys) == [d["_id"] for d in mongo_db[spec.name].find().sort("_id", 1)]
        assert written[spec.name] == len(keys)


def test_product_embeds_its_category_supplier_offers_and_stock_per_warehouse(
    engine, mongo_db, shop, first_export
):
    hammer = shop.products[0]
    doc = mongo_db.products.find_one({"_id": hammer})
    [product] = rows(engine, "SELECT * FROM product WHERE product_id = %s", (hammer,))
    assert doc["sku"] == product["sku"]
    assert doc["unit_price"] == Decimal128("12.50")
    assert doc["is_discontinued"] is False
    assert doc["category"]["category_id"] == product["category_id"]
    offers = rows(
        engine,
        "SELECT supplier_id, unit_cost, lead_time_days FROM product_supplier "
        "WHERE product_id = %s ORDER BY supplier_id",
        (hammer,),
    )
    assert [
        (o["supplier_id"], o["unit_cost"].to_decimal(), o["lead_time_days"]) for o in doc["offers"]
    ] == [(o["supplier_id"], o["unit_cost"], o["lead_time_days"]) for o in offers]
    stock = rows(
        engine,
        "SELECT warehouse_id, on_hand_qty, reserved_qty, on_order_qty, reorder_point_qty "
        "FROM stock_position WHERE product_id = %s ORDER BY warehouse_id",
        (hammer,),
    )
    assert [{k: level[k] for k in stock[0]} for level in doc["stock"]] == stock
    assert {level["warehouse_id"] for level in doc["stock"]} == {shop.north, shop.south}


def test_sales_order_embeds_its_lines_and_invoice(engine, mongo_db, shop, first_export):
    open_order = mongo_db.sales_orders.find_one({"_id": shop.open_order})
    assert open_order["status"] == "open"
    assert open_order["invoice"] is None
    assert [line["ordered_qty"] for line in open_order["lines"]] == [2]
    for order in mongo_db.sales_orders.find({"status": "shipped"}):
        invoice = order["invoice"]
        billed = sum(line["line_total"].to_decimal() for line in invoice["lines"])
        assert billed == invoice["total_amount"].to_decimal()
        assert {b["sales_order_line_id"] for b in invoice["lines"]} == {
            line["sales_order_line_id"] for line in order["lines"]
        }
        assert invoice["invoice_id"] == scalar(
            engine, "SELECT invoice_id FROM invoice WHERE sales_order_id = %s", (order["_id"],)
        )


def test_an_invoice_embeds_the_credit_notes_of_its_returns(mongo_db, shop, first_export):
    invoice = mongo_db.sales_orders.find_one({"_id": shop.returned})["invoice"]
    [credit_note] = invoice["credit_notes"]
    assert (
        credit_note["sales_order_line_id"],
        credit_note["returned_qty"],
        credit_note["amount"].to_decimal(),
        credit_note["settlement"],
    ) == (shop.returned_line, 1, Decimal("12.50"), "deducted")  # one hammer, invoice unpaid
    others = mongo_db.sales_orders.find({"_id": {"$ne": shop.returned}, "status": "shipped"})
    assert all(order["invoice"]["credit_notes"] == [] for order in others)


def test_supplier_embeds_its_reviews_and_purchase_order_its_lines(mongo_db, shop, first_export):
    acme, bolt = shop.suppliers
    assert sorted(r["rating"] for r in mongo_db.suppliers.find_one({"_id": acme})["reviews"]) == [
        2,
        4,
    ]
    assert [r["rating"] for r in mongo_db.suppliers.find_one({"_id": bolt})["reviews"]] == [5]
    draft = mongo_db.purchase_orders.find_one({"_id": shop.draft})
    assert draft["status"] == "draft"
    assert [(line["ordered_qty"], line["received_qty"]) for line in draft["lines"]] == [(4, 0)]


def test_business_keys_are_unique(mongo_db, first_export):
    product = mongo_db.products.find_one()
    with pytest.raises(DuplicateKeyError):
        mongo_db.products.insert_one({"_id": -1, "sku": product["sku"]})
    customer = mongo_db.customers.find_one()
    with pytest.raises(DuplicateKeyError):
        mongo_db.customers.insert_one({"_id": -1, "email": customer["email"]})
    invoiced = mongo_db.sales_orders.find_one({"invoice": {"$ne": None}})
    with pytest.raises(DuplicateKeyError):
        mongo_db.sales_orders.insert_one({"_id": -1, "invoice": invoiced["invoice"]})


def test_running_the_export_again_changes_nothing(engine, mongo_db, first_export):
    before = snapshot(mongo_db)
    again = export.export(engine, mongo_db, batch_size=BATCH_SIZE)
    assert snapshot(mongo_db) == before
    assert [(r.written, r.removed) for r in again] == [(r.written, 0) for r in first_export]


def test_export_goes_through_documents_holding_keys_that_moved_to_other_rows(
    engine, mongo_db, first_export
):
    """Documents written from another state of the data (here: two orders' invoices swapped)
    hold unique keys that now belong to other rows; the export replaces them all the same."""
    first, second = mongo_db.sales_orders.find({"invoice": {"$ne": None}}).sort("_id", 1)[:2]
    before = snapshot(mongo_db)
    mongo_db.sales_orders.update_one({"_id": first["_id"]}, {"$set": {"invoice": None}})
    mongo_db.sales_orders.update_one(
        {"_id": second["_id"]}, {"$set": {"invoice": first["invoice"]}}
    )
    mongo_db.sales_orders.update_one(
        {"_id": first["_id"]}, {"$set": {"invoice": second["invoice"]}}
    )
    export.export(engine, mongo_db, batch_size=BATCH_SIZE)
    assert snapshot(mongo_db) == before


def test_export_follows_changed_rows_and_removes_documents_of_deleted_rows(
    engine, mongo_db, shop, first_export
):
    hammer, saw = shop.products[:2]
    skus = {
        p: scalar(engine, "SELECT sku FROM product WHERE product_id = %s", (p,))
        for p in (hammer, saw)
    }
    with engine.begin() as conn:
        # Swap two SKUs: the upsert must not trip over the unique index on the old values.
        swap = "UPDATE product SET sku = %s WHERE product_id = %s"
        conn.exec_driver_sql(swap, ("SWAP", hammer))
        conn.exec_driver_sql(swap, (skus[hammer], saw))
        conn.exec_driver_sql(swap, (skus[saw], hammer))
        conn.exec_driver_sql(
            "DELETE FROM purchase_order_line WHERE purchase_order_id = %s", (shop.draft,)
        )
        conn.exec_driver_sql(
            "DELETE FROM purchase_order WHERE purchase_order_id = %s", (shop.draft,)
        )
        newcomer = support.customer(conn)
    results = {r.collection: r for r in export.export(engine, mongo_db, batch_size=BATCH_SIZE)}
    assert mongo_db.products.find_one({"_id": hammer})["sku"] == skus[saw]
    assert mongo_db.products.find_one({"_id": saw})["sku"] == skus[hammer]
    assert mongo_db.purchase_orders.find_one({"_id": shop.draft}) is None
    assert results["purchase_orders"].removed == 1
    assert mongo_db.customers.find_one({"_id": newcomer})["email"] == scalar(
        engine, "SELECT email FROM customer WHERE customer_id = %s", (newcomer,)
    )
    for spec in export.COLLECTIONS:
        assert mongo_db[spec.name].count_documents({}) == scalar(
            engine, f"SELECT COUNT(*) FROM {spec.table}"
        )
