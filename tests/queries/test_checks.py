"""The validation queries (sql/queries/checks/) each find the damage they are named for. On
sound generated data every check returns nothing; then each kind of damage is done by hand,
as a careless UPDATE or a load with the foreign-key or CHECK constraints switched off would
do it, inside a transaction that is rolled back afterwards, and exactly the checks that
damage concerns report it (a few kinds of damage break two rules at once)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import URL, Connection, Engine

import generate.run
from sims import migrate, queries
from sims.checks import CHECKS_DIR, findings
from sims.db import create_engine, server_flavor
from sims.roles import throwaway_database
from tests import support

SCALE, SEED = 0.001, 11
CHECKS_OFF = "SET SESSION check_constraint_checks = 0"  # MariaDB only

OF_A_RECEIVED_ORDER = (
    "purchase_order_id IN (SELECT purchase_order_id FROM purchase_order WHERE status = 'received')"
)

# The damage, as statements run in order, and the checks that must report it. Each
# statement picks its victim by key order, so a run always damages the same rows.
# fmt: off
DAMAGE: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "stock changed without a movement": (
        ("UPDATE stock_level SET on_hand_qty = on_hand_qty + 1 "
         "ORDER BY product_id, warehouse_id LIMIT 1",),
        {"ledger_differs_from_on_hand"},
    ),
    "negative stock": (
        (CHECKS_OFF,
         "UPDATE stock_level SET on_hand_qty = -1 WHERE reserved_qty = 0 "
         "ORDER BY product_id, warehouse_id LIMIT 1"),
        {"negative_stock", "ledger_differs_from_on_hand"},
    ),
    "a movement's balance rewritten": (
        ("UPDATE stock_movement SET balance_after_qty = balance_after_qty + 1 "
         "ORDER BY stock_movement_id LIMIT 1",),
        {"ledger_balance_breaks_running_sum"},
    ),
    "an open alert deleted": (
        ("DELETE FROM stock_alert WHERE status = 'open' ORDER BY stock_alert_id LIMIT 1",),
        {"alert_state_differs_from_stock"},
    ),
    "a reservation nobody holds": (
        ("UPDATE stock_level SET reserved_qty = reserved_qty + 1 WHERE on_hand_qty > reserved_qty "
         "ORDER BY product_id, warehouse_id LIMIT 1",),
        {"reserved_differs_from_open_orders"},
    ),
    "a shipped order's invoice deleted": (
        ("DELETE il FROM invoice_line AS il INNER JOIN (SELECT MIN(invoice_id) AS invoice_id "
         "FROM invoice) AS first ON il.invoice_id = first.invoice_id",
         "DELETE FROM invoice ORDER BY invoice_id LIMIT 1"),
        {"invoice_differs_from_order_status", "invoice_line_differs_from_shipped"},
    ),
    "an invoice total changed": (
        ("UPDATE invoice SET total_amount = total_amount + 1 ORDER BY invoice_id LIMIT 1",),
        {"invoice_total_differs_from_lines"},
    ),
    "a payment dated before its invoice": (
        ("UPDATE invoice SET paid_at = issued_at - INTERVAL 1 DAY WHERE status = 'paid' "
         "ORDER BY invoice_id LIMIT 1",),
        {"invoice_paid_before_issued"},
    ),
    "an invoice line billing another price": (
        # (the second assignment reads the first one's new price)
        ("UPDATE invoice_line SET unit_price = unit_price + 1, "
         "line_total = invoiced_qty * unit_price ORDER BY invoice_line_id LIMIT 1",),
        {"invoice_line_differs_from_shipped", "invoice_total_differs_from_lines"},
    ),
    "units returned without a return movement": (
        ("UPDATE sales_order_line SET returned_qty = returned_qty + 1 "
         "WHERE returned_qty < shipped_qty ORDER BY sales_order_line_id LIMIT 1",),
        {"sales_lines_differ_from_ledger"},
    ),
    "a return's credit note deleted": (
        ("DELETE FROM credit_note ORDER BY credit_note_id LIMIT 1",),
        {"credit_notes_differ_from_returns"},
    ),
    "a credit note for another amount": (
        ("UPDATE credit_note SET amount = amount + 1 ORDER BY credit_note_id LIMIT 1",),
        {"credit_notes_differ_from_returns"},
    ),
    "a deducted credit settled other than by its payment": (
        ("UPDATE credit_note SET settled_at = issued_at WHERE settled_at > issued_at AND EXISTS "
         "(SELECT 1 FROM invoice AS i WHERE i.invoice_id = credit_note.invoice_id "
         "AND i.paid_at >= credit_note.issued_at) ORDER BY credit_note_id LIMIT 1",),
        {"credit_notes_differ_from_returns"},
    ),
    "a receipt recorded without its movement": (
        ("UPDATE purchase_order_line SET received_qty = received_qty - 1 "
         f"WHERE received_qty > 1 AND {OF_A_RECEIVED_ORDER} "
         "ORDER BY purchase_order_line_id LIMIT 1",),
        {"receipts_differ_from_purchase_lines", "purchase_order_status_differs_from_lines"},
    ),
    "a purchase order marked received too early": (
        ("UPDATE purchase_order SET status = 'received', received_at = UTC_TIMESTAMP() "
         "WHERE status IN ('sent', 'partially_received') ORDER BY purchase_order_id LIMIT 1",),
        {"purchase_order_status_differs_from_lines"},
    ),
    "more received than ordered": (
        (CHECKS_OFF,
         "UPDATE purchase_order_line SET ordered_qty = received_qty - 1 "
         f"WHERE received_qty > 1 AND {OF_A_RECEIVED_ORDER} "
         "ORDER BY purchase_order_line_id LIMIT 1"),
        {"received_exceeds_ordered"},
    ),
    "an offer's pack size changed under a draft": (
        ("UPDATE product_supplier AS ps INNER JOIN purchase_order_line AS pol "
         "ON ps.product_id = pol.product_id INNER JOIN purchase_order AS po "
         "ON pol.purchase_order_id = po.purchase_order_id AND ps.supplier_id = po.supplier_id "
         "SET ps.order_multiple = pol.ordered_qty + 1 WHERE po.status = 'draft'",),
        {"draft_lines_off_terms"},
    ),
    "an offer withdrawn under a draft": (
        ("DELETE ps FROM product_supplier AS ps INNER JOIN purchase_order_line AS pol "
         "ON ps.product_id = pol.product_id INNER JOIN purchase_order AS po "
         "ON pol.purchase_order_id = po.purchase_order_id AND ps.supplier_id = po.supplier_id "
         "WHERE po.status = 'draft'",),
        {"draft_lines_off_terms"},
    ),
    "a category made its own parent, past move_category": (
        ("UPDATE category SET parent_category_id = category_id ORDER BY category_id LIMIT 1",),
        {"category_loops"},
    ),
    "a category deleted under its products": (
        ("SET SESSION foreign_key_checks = 0",
         "DELETE FROM category WHERE category_id = (SELECT MIN(category_id) FROM product)"),
        {"orphan_catalog_rows"},
    ),
    "a supplier deleted under its purchase orders": (
        ("SET SESSION foreign_key_checks = 0",
         "DELETE FROM supplier WHERE supplier_id = (SELECT MIN(supplier_id) FROM purchase_order)"),
        {"orphan_purchasing_rows", "orphan_catalog_rows"},
    ),
    "a customer deleted under their orders": (
        ("SET SESSION foreign_key_checks = 0",
         "DELETE FROM customer WHERE customer_id = (SELECT MIN(customer_id) FROM sales_order)"),
        {"orphan_sales_rows"},
    ),
    "a credit note's invoice gone": (
        ("SET SESSION foreign_key_checks = 0",
         "UPDATE credit_note SET invoice_id = invoice_id + 1000000000 "
         "ORDER BY credit_note_id LIMIT 1"),
        {"orphan_sales_rows"},
    ),
    "a credit note's return movement gone": (
        ("SET SESSION foreign_key_checks = 0",
         "UPDATE credit_note SET stock_movement_id = stock_movement_id + 1000000000 "
         "ORDER BY credit_note_id LIMIT 1"),
        {"orphan_sales_rows", "credit_notes_differ_from_returns"},
    ),
    "a stock level deleted under its ledger": (
        ("SET SESSION foreign_key_checks = 0",
         "DELETE FROM stock_level ORDER BY product_id, warehouse_id LIMIT 1"),
        {"orphan_stock_rows"},
    ),
}
# fmt: on


@pytest.fixture(scope="module")
def generated(engine: Engine, database_url: URL) -> Engine:
    generate.run.generate(database_url, SCALE, SEED)
    return engine


@pytest.fixture
def damaged(generated: Engine) -> Iterator[Connection]:
    """A connection whose transaction is rolled back, and its session flags restored, after."""
    with generated.connect() as conn:
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql("SET SESSION foreign_key_checks = 1")
            if server_flavor(conn) == "MariaDB":
                conn.exec_driver_sql("SET SESSION check_constraint_checks = 1")


def failing(conn: Connection) -> set[str]:
    return {name for name, rows in findings(conn).items() if rows}


def test_every_check_is_sound_on_generated_data(damaged: Connection) -> None:
    assert failing(damaged) == set()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_damage_is_reported_by_exactly_its_checks(damaged: Connection, damage: str) -> None:
    statements, expected = DAMAGE[damage]
    if CHECKS_OFF in statements and server_flavor(damaged) != "MariaDB":
        pytest.skip("only MariaDB can switch CHECK constraints off for a session")
    for statement in statements:
        changed = damaged.exec_driver_sql(statement).rowcount
        assert changed or statement.startswith("SET"), f"{statement!r} changed nothing"
    assert failing(damaged) == expected


def test_a_second_open_alert_is_reported_once_its_unique_key_is_gone(server_url: URL) -> None:
    """The unique key on stock_alert allows one open alert per product and warehouse, so this
    damage needs the key dropped first (DDL, which commits): on a database of its own."""
    with throwaway_database(server_url, prefix="sims_test_alerts") as url:
        migrate.upgrade(url)
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                product, warehouse = support.product(conn), support.warehouse(conn)
                support.stock_level(conn, product, warehouse, on_hand_qty=0, reorder_point_qty=5)
                conn.exec_driver_sql(  # the foreign key needs an index in its place
                    "ALTER TABLE stock_alert ADD INDEX ix_alert (product_id, warehouse_id), "
                    "DROP INDEX uq_stock_alert__product_id_warehouse_id_is_open"
                )
                conn.exec_driver_sql(
                    "INSERT INTO stock_alert (product_id, warehouse_id, available_qty, "
                    "reorder_point_qty) VALUES (%s, %s, 0, 5)",
                    (product, warehouse),
                )
            with engine.connect() as conn:
                assert failing(conn) == {"multiple_open_alerts"}
        finally:
            engine.dispose()


def test_every_foreign_key_has_its_orphan_check(engine: Engine) -> None:
    """A row whose parent is gone (a load with foreign-key checks off) is found, whichever key."""
    with engine.connect() as conn:
        keys = {
            name
            for (name,) in conn.exec_driver_sql(
                "SELECT constraint_name FROM information_schema.referential_constraints "
                "WHERE constraint_schema = DATABASE() AND table_name NOT LIKE %s",
                ("sims\\_migration%",),  # the migration journal's own tables
            )
        }
    checked = {
        name
        for check in CHECKS_DIR.glob("orphan_*.sql")
        for name in re.findall(r"'(fk_\w+)' AS foreign_key", check.read_text(encoding="utf-8"))
    }
    assert len(keys) >= 20
    assert keys - checked == set()


def test_every_check_is_proven_by_some_damage() -> None:
    """Each check above, and multiple_open_alerts by the test before this one."""
    reported = set().union(*(checks for _, checks in DAMAGE.values()))
    assert set(queries.catalogue(CHECKS_DIR)) - reported == {"multiple_open_alerts"}
