"""set_supplier_offer (revision 0035), withdraw_supplier_offer (revision 0038) and
`runner.py supplier offer|withdraw`: a supplier's terms for a product are recorded, replaced
or withdrawn, and automatic reordering buys on the offers there are; making an offer preferred
makes the product's others not preferred; a SKU the supplier uses for another product, a
discontinued product, every bad term, new terms a draft's quantity breaks (revision 0048) and
withdrawing an offer a draft still holds are refused by name."""

from __future__ import annotations

from types import SimpleNamespace

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from tests import support
from tests.support import (
    REORDER_RUN_TURN,
    assert_refused,
    call,
    call_while_held,
    first_attempts_in_a_queue,
    order_lines,
    run_cli,
    scalar,
    unknown_id,
)

TERMS = (
    "SUP-1",
    4.5,
    7,
    1,
    1,
    0,
)  # supplier SKU, unit cost, lead time, minimum, multiple, preferred
LEAD_TIME = "lead time must be a whole number of days from 0 to 32767, got"
PREFERRED = "preferred must be 0 (not preferred) or 1 (buy from this offer first), got"
OFFER = (
    "SELECT supplier_sku, unit_cost, lead_time_days, min_order_qty, order_multiple, is_preferred "
    "FROM product_supplier WHERE product_id = %s AND supplier_id = %s"
)


@pytest.fixture()
def shop(engine: Engine) -> SimpleNamespace:
    """A product out of stock (reorder point 5, target 23) in a warehouse, two suppliers
    with no offers yet, and a discontinued product."""
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
        product, retired = support.product(conn), support.product(conn)
        support.stock_level(conn, product, warehouse, 0, 5, 23)
        conn.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (retired,)
        )
        first, second = support.supplier(conn), support.supplier(conn)
    return SimpleNamespace(
        warehouse=warehouse, product=product, retired=retired, first=first, second=second
    )


def offer(engine: Engine, product: int, supplier: int) -> tuple:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(OFFER, (product, supplier)).one()
    return (row[0], float(row[1]), *row[2:])


def reordered(engine: Engine, shop: SimpleNamespace) -> tuple[int, int]:
    """The supplier and quantity reorder_stock now orders the product from."""
    [row] = [row for row in call(engine, "reorder_stock") if row["product_id"] == shop.product]
    return row["supplier_id"], row["ordered_qty"]


def test_a_new_offer_is_stored_trimmed_and_reordering_buys_on_its_terms(
    engine: Engine, shop: SimpleNamespace
) -> None:
    [row] = call(
        engine, "set_supplier_offer", shop.product, shop.first, "\tAC-77 ", 4.5, 7, 10, 4, 0
    )
    assert (row["is_new_offer"], row["reorder_supplier_id"]) == (1, shop.first)
    assert offer(engine, shop.product, shop.first) == ("AC-77", 4.5, 7, 10, 4, 0)
    assert reordered(engine, shop) == (shop.first, 24)  # 23 short, in packs of 4
    support.assert_data_sound(engine)


def test_new_terms_replace_the_old_and_lines_already_ordered_keep_theirs(
    engine: Engine, shop: SimpleNamespace
) -> None:
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)
    [draft] = call(
        engine, "create_purchase_order", shop.first, shop.warehouse,
        support.order_lines((shop.product, 10)),
    )  # fmt: skip
    [row] = call(engine, "set_supplier_offer", shop.product, shop.first, "AC-2", 6.25, 2, 5, 5, 1)
    assert row["is_new_offer"] == 0
    assert offer(engine, shop.product, shop.first) == ("AC-2", 6.25, 2, 5, 5, 1)
    line_cost = scalar(
        engine,
        "SELECT unit_cost FROM purchase_order_line WHERE purchase_order_id = %s",
        (draft["purchase_order_id"],),
    )
    assert float(line_cost) == 4.5


@pytest.mark.parametrize(
    ("minimum", "multiple", "breach"),
    [(12, 1, "under the minimum 12"), (1, 4, "not a multiple of 4")],
)
def test_terms_a_drafts_quantity_breaks_are_refused_until_the_draft_is_cancelled(
    engine: Engine, shop: SimpleNamespace, minimum: int, multiple: int, breach: str
) -> None:
    """A draft goes out with the quantity it holds: 6 of a product is under a minimum of 12
    and not whole packs of 4. Another supplier's draft and a sent order are not in the way."""
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)
    call(engine, "set_supplier_offer", shop.product, shop.second, "B-1", 5.0, 7, 1, 1, 0)
    lines = order_lines((shop.product, 6))
    [sent] = call(engine, "create_purchase_order", shop.first, shop.warehouse, lines)
    call(engine, "send_purchase_order", sent["purchase_order_id"])
    [draft] = call(engine, "create_purchase_order", shop.first, shop.warehouse, lines)
    call(engine, "create_purchase_order", shop.second, shop.warehouse, lines)
    new_terms = ("SUP-1", 4.5, 7, minimum, multiple, 0)
    assert_refused(
        engine,
        "set_supplier_offer",
        (shop.product, shop.first, *new_terms),
        f"draft purchase order {draft['purchase_order_id']} orders 6 of product {shop.product}, "
        f"{breach}: change or cancel it first",
    )
    assert offer(engine, shop.product, shop.first) == TERMS
    call(engine, "cancel_purchase_order", draft["purchase_order_id"])
    call(engine, "set_supplier_offer", shop.product, shop.first, *new_terms)
    assert offer(engine, shop.product, shop.first) == new_terms


def test_a_preferred_offer_makes_the_others_not_preferred_and_reordering_follows(
    engine: Engine, shop: SimpleNamespace
) -> None:
    call(engine, "set_supplier_offer", shop.product, shop.first, "A-1", 5.0, 7, 1, 1, 1)
    [row] = call(engine, "set_supplier_offer", shop.product, shop.second, "B-1", 6.0, 7, 1, 1, 1)
    assert (row["others_no_longer_preferred"], row["reorder_supplier_id"]) == (1, shop.second)
    assert offer(engine, shop.product, shop.first)[-1] == 0
    # No longer preferred, the dearer offer loses to the cheaper one.
    [row] = call(engine, "set_supplier_offer", shop.product, shop.second, "B-1", 6.0, 7, 1, 1, 0)
    assert (row["others_no_longer_preferred"], row["reorder_supplier_id"]) == (0, shop.first)
    assert reordered(engine, shop) == (shop.first, 23)


def test_a_supplier_sku_names_one_product_of_that_supplier_case_aside(
    engine: Engine, shop: SimpleNamespace
) -> None:
    with engine.begin() as conn:
        other = support.product(conn)
    call(engine, "set_supplier_offer", other, shop.first, "BOLT-9", 1.0, 1, 1, 1, 0)
    assert_refused(
        engine,
        "set_supplier_offer",
        (shop.product, shop.first, " bolt-9 ", 1.0, 1, 1, 1, 0),
        f"supplier {shop.first} already uses SKU 'bolt-9' for product {other}",
    )
    call(engine, "set_supplier_offer", shop.product, shop.second, "BOLT-9", 1.0, 1, 1, 1, 0)


def test_only_an_active_suppliers_offer_is_made_preferred(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """Reordering passes over an inactive supplier: its offer made preferred would have left
    the product with no preferred offer reordering uses."""
    call(engine, "set_supplier_offer", shop.product, shop.first, "A-1", 5.0, 7, 1, 1, 1)
    call(engine, "set_supplier_active", shop.second, 0)
    assert_refused(
        engine,
        "set_supplier_offer",
        (shop.product, shop.second, "B-1", 4.0, 7, 1, 1, 1),
        f"supplier {shop.second} is inactive: resume it before making its offer preferred",
    )
    [row] = call(engine, "set_supplier_offer", shop.product, shop.second, "B-1", 4.0, 7, 1, 1, 0)
    assert row["reorder_supplier_id"] == shop.first
    # An offer preferred before its supplier stopped may keep that as its terms change, and
    # takes it from no active supplier's offer (preferred too here, as a cluster race or an
    # UPDATE by hand may leave it).
    call(engine, "set_supplier_active", shop.second, 1)
    call(engine, "set_supplier_active", shop.first, 0)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE product_supplier SET is_preferred = 1 WHERE product_id = %s "
            "AND supplier_id = %s",
            (shop.product, shop.second),
        )
    [row] = call(engine, "set_supplier_offer", shop.product, shop.first, "A-1", 4.5, 7, 1, 1, 1)
    assert (row["is_preferred"], row["others_no_longer_preferred"]) == (1, 0)
    assert row["reorder_supplier_id"] == shop.second


def test_offers_for_different_products_written_at_once_never_deadlock(engine: Engine) -> None:
    """Calls take turns on the reorder_run row, then lock their own product: the offer is
    read plainly after those locks, where reading it under FOR UPDATE had locked the gap at
    the end of the index that another product's new offer then waited to go into, and eight
    calls deadlocked. Called without the deadlock retry."""
    with engine.begin() as conn:
        supplier = support.supplier(conn)
        products = [support.product(conn) for _ in range(8)]

    def offer_each_time(product: int) -> list[int]:
        failures = []
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("SET time_zone = '+00:00'")
            for round_no in range(5):
                try:
                    cursor.callproc(
                        "set_supplier_offer",
                        (product, supplier, f"P{product}", 1 + round_no, 1, 1, 1, 1),
                    )
                    while cursor.nextset():
                        pass
                except pymysql.err.OperationalError as exc:
                    failures.append(exc.args[0])
        finally:
            connection.close()
        return failures

    results = support.run_in_threads([lambda p=p: offer_each_time(p) for p in products])
    assert results == [[]] * len(products)


def test_unknown_and_discontinued_products_and_unknown_suppliers_are_refused(
    engine: Engine, shop: SimpleNamespace
) -> None:
    missing = unknown_id(engine, "product")
    assert_refused(
        engine, "set_supplier_offer", (missing, shop.first, *TERMS), f"unknown product {missing}"
    )
    assert_refused(
        engine,
        "set_supplier_offer",
        (shop.retired, shop.first, *TERMS),
        f"product {shop.retired} is discontinued and takes no supplier offers",
    )
    nobody = unknown_id(engine, "supplier")
    assert_refused(
        engine, "set_supplier_offer", (shop.product, nobody, *TERMS), f"unknown supplier {nobody}"
    )


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ((None, 4.5, 7, 1, 1, 0), "supplier SKU must not be blank, got NULL"),
        ((" \t", 4.5, 7, 1, 1, 0), "supplier SKU must not be blank, got ' \t'"),
        (("S" * 61, 4.5, 7, 1, 1, 0), "supplier SKU is longer than 60 characters: SSS"),
        (("S\tX", 4.5, 7, 1, 1, 0), "supplier SKU must not hold a tab, line break or other"),
        (("S\u2029X", 4.5, 7, 1, 1, 0), "supplier SKU must not hold a tab, line break or other"),
        (("S" * 58 + "\t1", 4.5, 7, 1, 1, 0), "must not hold a tab, line break or other con"),
        (("S", 0, 7, 1, 1, 0), "unit cost must be 0.01 or more, got 0"),
        (("S", 0.001, 7, 1, 1, 0), "unit cost must be 0.01 or more, got 0.001"),
        (("S", None, 7, 1, 1, 0), "unit cost must be 0.01 or more, got NULL"),
        (("S", 4.555, 7, 1, 1, 0), "unit cost must be an amount from 0 to 9999999999.99"),
        (("S", 4.5, -1, 1, 1, 0), f"{LEAD_TIME} -1"),
        (("S", 4.5, 2.5, 1, 1, 0), f"{LEAD_TIME} 2.5"),
        (("S", 4.5, 40000, 1, 1, 0), f"{LEAD_TIME} 40000"),
        (("S", 4.5, None, 1, 1, 0), f"{LEAD_TIME} NULL"),
        (("S", 4.5, 7, 0, 1, 0), "minimum order quantity must be 1 or more, got 0"),
        (("S", 4.5, 7, 1.5, 1, 0), "minimum order quantity must be a whole number, got 1.5"),
        (("S", 4.5, 7, None, 1, 0), "minimum order quantity must be 1 or more, got NULL"),
        (("S", 4.5, 7, 1, 0, 0), "order multiple must be 1 or more, got 0"),
        (("S", 4.5, 7, 1, 3e9, 0), "order multiple must be between -2147483648 and 2147483647"),
        (("S", 4.5, 7, -1e63, 1, 0), "minimum order quantity must be between -2147483648 and"),
        (("S", 4.5, 7, 1, None, 0), "order multiple must be 1 or more, got NULL"),
        (("S", 4.5, 7, 2147483647, 2, 0), "a minimum of 2147483647 in whole packs of 2 is more"),
        (("S", 4.5, 7, 1, 1, 2), f"{PREFERRED} 2"),
        (("S", 4.5, 7, 1, 1, None), f"{PREFERRED} NULL"),
    ],
)  # fmt: skip
def test_bad_terms_are_refused_by_name(
    engine: Engine, shop: SimpleNamespace, terms: tuple, message: str
) -> None:
    assert_refused(engine, "set_supplier_offer", (shop.product, shop.first, *terms), message)


def test_a_withdrawn_offer_is_gone_and_reordering_buys_from_the_next_choice(
    engine: Engine, shop: SimpleNamespace
) -> None:
    call(engine, "set_supplier_offer", shop.product, shop.first, "A-1", 5.0, 7, 1, 1, 1)
    call(engine, "set_supplier_offer", shop.product, shop.second, "B-1", 6.0, 7, 1, 1, 0)
    [row] = call(engine, "withdraw_supplier_offer", shop.product, shop.first)
    assert (row["withdrawn_supplier_id"], row["reorder_supplier_id"]) == (shop.first, shop.second)
    assert not scalar(
        engine,
        "SELECT COUNT(*) FROM product_supplier WHERE product_id = %s AND supplier_id = %s",
        (shop.product, shop.first),
    )
    assert reordered(engine, shop) == (shop.second, 23)


def test_an_offer_a_draft_holds_is_withdrawn_only_once_the_draft_is_cancelled(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """A sent order is not in the way: it is received without the offer."""
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)
    lines = order_lines((shop.product, 6))
    [sent] = call(engine, "create_purchase_order", shop.first, shop.warehouse, lines)
    call(engine, "send_purchase_order", sent["purchase_order_id"])
    [draft] = call(engine, "create_purchase_order", shop.first, shop.warehouse, lines)
    assert_refused(
        engine,
        "withdraw_supplier_offer",
        (shop.product, shop.first),
        f"product {shop.product} is on draft purchase order {draft['purchase_order_id']} of "
        f"supplier {shop.first}: take it off or cancel the draft first",
    )
    call(engine, "cancel_purchase_order", draft["purchase_order_id"])
    call(engine, "withdraw_supplier_offer", shop.product, shop.first)
    call(engine, "receive_purchase_order", sent["purchase_order_id"], None)
    support.assert_data_sound(engine)


def test_withdrawing_an_offer_that_is_not_there_is_refused(
    engine: Engine, shop: SimpleNamespace
) -> None:
    missing = unknown_id(engine, "product")
    assert_refused(
        engine, "withdraw_supplier_offer", (missing, shop.first), f"unknown product {missing}"
    )
    assert_refused(
        engine,
        "withdraw_supplier_offer",
        (shop.product, shop.second),
        f"supplier {shop.second} makes no offer for product {shop.product}",
    )


# A change the draft of 23 below stands in the way of: (procedure, arguments after the
# product and supplier, what the refusal says).
CHANGES_A_DRAFT_STOPS = {
    "withdrawal": ("withdraw_supplier_offer", (), "is on draft purchase order {draft} of supplier"),
    "new minimum": (
        "set_supplier_offer",
        ("SUP-1", 4.5, 7, 24, 1, 0),
        "draft purchase order {draft} orders 23 of product",
    ),
}


@pytest.mark.parametrize("change", CHANGES_A_DRAFT_STOPS)
def test_an_offer_changed_during_a_reorder_run_waits_and_sees_the_draft_it_wrote(
    engine: Engine, shop: SimpleNamespace, change: str
) -> None:
    """The run holds the reorder_run row while it writes drafts from the offers it read; a
    withdrawal or new terms take that lock first, so they see the run's draft and are
    refused, where they would otherwise pull the offer from under a draft written on it."""
    procedure, terms, refusal = CHANGES_A_DRAFT_STOPS[change]
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)

    def run_writes_a_draft(run: Connection) -> int:
        written = support.purchase_order(run, shop.first, shop.warehouse)
        run.exec_driver_sql(
            "UPDATE purchase_order SET is_auto_generated = 1 WHERE purchase_order_id = %s",
            (written,),
        )
        support.purchase_order_line(run, written, shop.product, 23, 4.5)
        return written

    written, refused = call_while_held(
        engine, procedure, (shop.product, shop.first, *terms), REORDER_RUN_TURN, run_writes_a_draft
    )
    assert isinstance(refused, sa.exc.OperationalError), refused
    assert refusal.format(draft=written) in str(refused)
    assert offer(engine, shop.product, shop.first) == TERMS


def test_new_terms_queue_behind_a_supplier_change_and_deadlock_no_draft(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """A draft being written holds its supplier (shared) and waits for its warehouse; a change
    of the supplier's details waits for the supplier (exclusive); new terms come last. They
    take the supplier before the product, so they queue behind the change: once the
    warehouse is free all three go through, each at its first attempt. Taking the product
    first, they held what the draft waited for next, and one of the three lost a deadlock."""
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)
    calls = [
        ("create_purchase_order", (shop.first, shop.warehouse, order_lines((shop.product, 6)))),
        ("update_supplier", (shop.first, None, None, "A. Buyer", None, None, None, None)),
        ("set_supplier_offer", (shop.product, shop.first, "SUP-1", 5.0, 7, 1, 1, 0)),
    ]
    hold_warehouse = "SELECT is_active FROM warehouse WHERE warehouse_id = %s FOR UPDATE"
    assert first_attempts_in_a_queue(engine, (hold_warehouse, (shop.warehouse,)), calls) == []
    assert offer(engine, shop.product, shop.first)[1] == 5.0


def test_new_terms_wait_for_a_draft_being_sent_and_pass_it_by_once_sent(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """The draft's 6 units are under the new minimum of 10, but the draft is being sent (its
    row locked, the sending waiting for its warehouse): the new terms wait for it and, once
    it is sent, apply. They refused, naming a draft that was sent a moment later."""
    call(engine, "set_supplier_offer", shop.product, shop.first, *TERMS)
    [draft] = call(
        engine, "create_purchase_order", shop.first, shop.warehouse, order_lines((shop.product, 6))
    )
    new_terms = ("SUP-1", 4.5, 7, 10, 1, 0)
    calls = [
        ("send_purchase_order", (draft["purchase_order_id"],)),
        ("set_supplier_offer", (shop.product, shop.first, *new_terms)),
    ]
    hold_warehouse = "SELECT is_active FROM warehouse WHERE warehouse_id = %s FOR UPDATE"
    assert first_attempts_in_a_queue(engine, (hold_warehouse, (shop.warehouse,)), calls) == []
    assert offer(engine, shop.product, shop.first) == new_terms


@pytest.mark.usefixtures("runner_on_test_database")
def test_supplier_offer_and_withdraw_print_the_offer_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine, shop: SimpleNamespace
) -> None:
    argv = ("supplier", "offer", shop.first, "--product", shop.product, "--sku", "CLI-1")
    code, out, _ = run_cli(capsys, *argv, "--cost", "3.20", "--lead-time", "5", "--preferred")
    assert code == 0
    assert "supplier offer" in out and "CLI-1" in out
    assert offer(engine, shop.product, shop.first) == ("CLI-1", 3.2, 5, 1, 1, 1)
    code, _, err = run_cli(capsys, *argv, "--cost", "3.20", "--lead-time", "-2")
    assert code == 1
    assert err == f"error: {LEAD_TIME} -2\n"
    withdraw = ("supplier", "withdraw", shop.first, "--product", shop.product)
    code, out, _ = run_cli(capsys, *withdraw)
    assert code == 0 and "supplier offer withdrawn" in out
    code, _, err = run_cli(capsys, *withdraw)
    assert code == 1
    assert err == f"error: supplier {shop.first} makes no offer for product {shop.product}\n"
