"""add_warehouse (revision 0036), update_warehouse (revision 0045), set_warehouse_active
(revision 0040) and `runner.py warehouse add|update|close|reopen`: a warehouse is opened with
its values trimmed and its country code upper case; products added later are stocked in it,
and setting a product's reorder parameters there starts stocking it; a code another warehouse
has (case and accents aside) or with a control character inside, blank texts, a bad country
code and texts too long are refused by name, when adding and when changing the details given
(a blank city clears it). Closing a warehouse cancels the drafts automatic reordering wrote for it
and says what is left there; nothing is sold, shipped or reordered there until it reopens,
while orders already sent are still received."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    assert_refused,
    call,
    lock_waits,
    order_lines,
    printed_rows,
    run_cli,
    scalar,
    unknown_id,
)

TWO_LETTERS = "country code must be two letters (ISO 3166-1, such as GB), got"
ORDER_STATUS = "SELECT status FROM purchase_order WHERE purchase_order_id = %s"
ACTIVE = "active must be 0 (close the warehouse) or 1 (open it again), got"


def stored(engine: Engine, warehouse_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT code, name, country_code, city, is_active FROM warehouse "
                "WHERE warehouse_id = %s",
                (warehouse_id,),
            ).one()
        )


def test_a_new_warehouse_stocks_products_added_later_and_those_given_parameters_there(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        older, category = support.product(conn), support.category(conn)
        customer = support.customer(conn)
    [row] = call(engine, "add_warehouse", " wh-east\u2028", " East Depot ", " nl ", "\n")
    warehouse = row["warehouse_id"]
    assert stored(engine, warehouse) == ("wh-east", "East Depot", "NL", None, 1)

    [added] = call(engine, "add_product", "WH-NEW-1", "Crate", category, 12, 1, 4)
    stocked = scalar(
        engine,
        "SELECT COUNT(*) FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
        (added["product_id"], warehouse),
    )
    assert stocked == 1
    call(engine, "set_reorder_parameters", older, warehouse, 2, 8)
    call(engine, "adjust_stock", older, warehouse, 5, "opening count")
    call(engine, "sell_at_counter", customer, warehouse, order_lines((older, 2)))
    support.assert_data_sound(engine)


def test_a_code_belongs_to_one_warehouse_case_and_ends_aside(engine: Engine) -> None:
    call(engine, "add_warehouse", "WH-WEST", "West", "GB", None)
    assert_refused(
        engine,
        "add_warehouse",
        ("wh-west ", "West again", "GB", None),
        "warehouse code 'wh-west' is already in use",
    )


@pytest.mark.parametrize(
    ("code", "name", "country", "city", "message"),
    [
        (None, "N", "GB", None, "warehouse code must not be blank, got NULL"),
        (" \t", "N", "GB", None, "warehouse code must not be blank, got ' \t'"),
        ("C" * 21, "N", "GB", None, "warehouse code is longer than 20 characters: CCC"),
        ("WH\nEAST", "N", "GB", None, "warehouse code must not hold a tab, line break or other"),
        ("WH\u2028EAST", "N", "GB", None, "warehouse code must not hold a tab, line break or"),
        ("C", None, "GB", None, "warehouse name must not be blank, got NULL"),
        ("C", "\n", "GB", None, "warehouse name must not be blank, got '\n'"),
        ("C", "N" * 101, "GB", None, "warehouse name is longer than 100 characters: NNN"),
        ("C", "N", "G1", None, f"{TWO_LETTERS} 'G1'"),
        ("C", "N", None, None, f"{TWO_LETTERS} NULL"),
        ("C", "N", "GB", "x" * 101, "city is longer than 100 characters: xxx"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_by_name(
    engine: Engine,
    code: str | None,
    name: str | None,
    country: str | None,
    city: str | None,
    message: str,
) -> None:
    assert_refused(engine, "add_warehouse", (code, name, country, city), message)


@pytest.mark.usefixtures("runner_on_test_database")
def test_warehouse_add_prints_the_new_id_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    argv = ("warehouse", "add", "--code", "WH-CLI", "--name", "Cli Depot", "--country", "ie")
    code, out, _ = run_cli(capsys, *argv, "--city", "Cork")
    assert code == 0
    warehouse = scalar(engine, "SELECT warehouse_id FROM warehouse WHERE code = 'WH-CLI'")
    assert "warehouse added" in out
    assert [row["warehouse_id"] for row in printed_rows(out)] == [str(warehouse)]
    assert stored(engine, warehouse) == ("WH-CLI", "Cli Depot", "IE", "Cork", 1)
    code, _, err = run_cli(capsys, *argv)
    assert code == 1
    assert err == "error: warehouse code 'WH-CLI' is already in use\n"


def test_the_details_given_change_and_the_others_stay(engine: Engine) -> None:
    [row] = call(engine, "add_warehouse", "WH-SOUTH", "South", "FR", "Lyon")
    warehouse = row["warehouse_id"]
    [changed] = call(engine, "update_warehouse", warehouse, None, " South Depot\n", None, "")
    assert changed == {
        "warehouse_id": warehouse,
        "code": "WH-SOUTH",
        "name": "South Depot",
        "country_code": "FR",
        "city": None,
        "is_active": 1,
    }
    call(engine, "update_warehouse", warehouse, "\twh-sud ", None, " be", "Ghent")
    assert stored(engine, warehouse) == ("wh-sud", "South Depot", "BE", "Ghent", 1)
    call(engine, "update_warehouse", warehouse, "WH-SUD", None, None, None)  # its own, case aside
    assert stored(engine, warehouse)[0] == "WH-SUD"


def test_a_code_another_warehouse_has_is_refused_when_changing_it(engine: Engine) -> None:
    call(engine, "add_warehouse", "WH-TAKEN", "Taken", "GB", None)
    [row] = call(engine, "add_warehouse", "WH-FREE", "Free", "GB", None)
    assert_refused(
        engine,
        "update_warehouse",
        (row["warehouse_id"], "wh-taken", None, None, None),
        "warehouse code 'wh-taken' is already in use",
    )


@pytest.mark.parametrize(
    ("code", "name", "country", "city", "message"),
    [
        (None, None, None, None, "nothing to change for warehouse {id}: give a value to change"),
        (" \t", None, None, None, "warehouse code must not be blank, got ' \t'"),
        ("C" * 21, None, None, None, "warehouse code is longer than 20 characters: CCC"),
        ("WH\tX", None, None, None, "warehouse code must not hold a tab, line break or other"),
        ("WH\u2029X", None, None, None, "warehouse code must not hold a tab, line break or"),
        (None, "\n", None, None, "warehouse name must not be blank, got '\n'"),
        (None, "N" * 101, None, None, "warehouse name is longer than 100 characters: NNN"),
        (None, None, "G1", None, f"{TWO_LETTERS} 'G1'"),
        (None, None, "", None, f"{TWO_LETTERS} ''"),
        (None, None, None, "x" * 101, "city is longer than 100 characters: xxx"),
    ],
)  # fmt: skip
def test_bad_changes_are_refused_by_name(
    engine: Engine,
    code: str | None,
    name: str | None,
    country: str | None,
    city: str | None,
    message: str,
) -> None:
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
    assert_refused(
        engine,
        "update_warehouse",
        (warehouse, code, name, country, city),
        message.format(id=warehouse),
    )


def test_changing_an_unknown_warehouse_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "warehouse")
    assert_refused(
        engine, "update_warehouse", (missing, None, "N", None, None), f"unknown warehouse {missing}"
    )


@pytest.mark.usefixtures("runner_on_test_database")
def test_warehouse_update_prints_the_warehouse_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    with engine.begin() as conn:
        warehouse = support.warehouse(conn)
    code, out, _ = run_cli(capsys, "warehouse", "update", warehouse, "--name", "Cli Renamed")
    assert code == 0
    [row] = printed_rows(out)
    assert (row["warehouse_id"], row["name"]) == (str(warehouse), "Cli Renamed")
    code, _, err = run_cli(capsys, "warehouse", "update", warehouse, "--country", "GBR")
    assert (code, err) == (1, f"error: {TWO_LETTERS} 'GBR'\n")


@pytest.fixture()
def depot(engine: Engine) -> SimpleNamespace:
    """A warehouse with 5 units of a product (reorder point 10, target 30) and, for it: an
    auto draft, a draft a person wrote, an order sent, and an open sales order for 2."""
    with engine.begin() as conn:
        warehouse, product = support.warehouse(conn), support.product(conn)
        supplier, customer = support.supplier(conn), support.customer(conn)
        support.stock_level(conn, product, warehouse, 5, 10, 30)
        support.product_supplier(conn, product, supplier, is_preferred=True)
    [auto] = [
        row["purchase_order_id"]
        for row in call(engine, "reorder_stock")
        if row["warehouse_id"] == warehouse
    ]
    lines = order_lines((product, 4))
    [manual] = call(engine, "create_purchase_order", supplier, warehouse, lines)
    [sent] = call(engine, "create_purchase_order", supplier, warehouse, lines)
    call(engine, "send_purchase_order", sent["purchase_order_id"])
    [sale] = call(engine, "place_sales_order", customer, warehouse, order_lines((product, 2)))
    return SimpleNamespace(
        warehouse=warehouse, product=product, supplier=supplier, customer=customer, auto=auto,
        manual=manual["purchase_order_id"], sent=sent["purchase_order_id"],
        sale=sale["sales_order_id"],
    )  # fmt: skip


def test_closing_cancels_the_auto_drafts_and_says_what_is_left_there(
    engine: Engine, depot: SimpleNamespace
) -> None:
    [closed] = call(engine, "set_warehouse_active", depot.warehouse, 0)
    assert {key: closed[key] for key in closed if key not in ("warehouse_id", "code")} == {
        "was_active": 1, "is_active": 0, "auto_drafts_cancelled": 1, "open_sales_orders": 1,
        "drafts_left": 1, "purchase_orders_due": 1, "on_hand_qty": 5,
    }  # fmt: skip
    assert scalar(engine, ORDER_STATUS, (depot.auto,)) == "cancelled"
    assert scalar(engine, ORDER_STATUS, (depot.manual,)) == "draft"

    assert_refused(
        engine,
        "place_sales_order",
        (depot.customer, depot.warehouse, order_lines((depot.product, 1))),
        f"warehouse {depot.warehouse} is inactive",
    )
    assert_refused(engine, "ship_sales_order", (depot.sale,), "nothing ships from it")
    assert_refused(
        engine,
        "send_purchase_order",
        (depot.manual,),
        f"warehouse {depot.warehouse} of purchase order {depot.manual} is inactive",
    )
    assert not [
        row for row in call(engine, "reorder_stock") if row["warehouse_id"] == depot.warehouse
    ]
    call(engine, "receive_purchase_order", depot.sent, None)
    call(engine, "cancel_sales_order", depot.sale)
    support.assert_data_sound(engine)


def test_reopening_lets_the_warehouse_sell_again_and_closing_may_be_repeated(
    engine: Engine, depot: SimpleNamespace
) -> None:
    call(engine, "set_warehouse_active", depot.warehouse, 0)
    [again] = call(engine, "set_warehouse_active", depot.warehouse, 0)
    assert (again["was_active"], again["is_active"], again["auto_drafts_cancelled"]) == (0, 0, 0)
    [reopened] = call(engine, "set_warehouse_active", depot.warehouse, 1)
    assert (reopened["was_active"], reopened["is_active"]) == (0, 1)
    call(engine, "ship_sales_order", depot.sale)
    support.assert_data_sound(engine)


def test_reopening_a_warehouse_closed_by_hand_cancels_the_auto_drafts_left_from_before(
    engine: Engine, depot: SimpleNamespace
) -> None:
    """Closed with an UPDATE, the warehouse kept its auto drafts: reopened, they would count
    as on order beside what the next run orders."""
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (depot.warehouse,)
        )
    [reopened] = call(engine, "set_warehouse_active", depot.warehouse, 1)
    assert (reopened["was_active"], reopened["auto_drafts_cancelled"]) == (0, 1)
    assert scalar(engine, ORDER_STATUS, (depot.auto,)) == "cancelled"


@pytest.mark.parametrize(
    ("active", "message"), [(2, f"{ACTIVE} 2"), (0.5, f"{ACTIVE} 0.5"), (None, f"{ACTIVE} NULL")]
)
def test_an_active_flag_other_than_0_or_1_is_refused(
    engine: Engine, depot: SimpleNamespace, active: float | None, message: str
) -> None:
    assert_refused(engine, "set_warehouse_active", (depot.warehouse, active), message)


def test_an_unknown_warehouse_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "warehouse")
    assert_refused(engine, "set_warehouse_active", (missing, 0), f"unknown warehouse {missing}")


def test_the_drafts_are_locked_before_the_warehouse_as_sending_locks_them(
    engine: Engine, depot: SimpleNamespace
) -> None:
    """While the auto draft is being sent (its row locked, then its warehouse's), closing
    waits at the draft holding no warehouse lock, so the sending goes through (with the
    warehouse first, the two would deadlock); the draft, sent, is not cancelled."""
    results: list = []
    closing = threading.Thread(
        target=lambda: results.append(call(engine, "set_warehouse_active", depot.warehouse, 0))
    )
    sender = engine.connect()
    try:
        sender.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 1")  # autobegins
        sender.exec_driver_sql(
            "SELECT status FROM purchase_order WHERE purchase_order_id = %s FOR UPDATE",
            (depot.auto,),
        )
        closing.start()
        assert lock_waits(engine) == 1
        sender.exec_driver_sql(
            "SELECT is_active FROM warehouse WHERE warehouse_id = %s LOCK IN SHARE MODE",
            (depot.warehouse,),
        )
        sender.exec_driver_sql(
            "UPDATE purchase_order SET status = 'sent', ordered_at = UTC_TIMESTAMP(), "
            "expected_date = UTC_DATE() + INTERVAL 7 DAY WHERE purchase_order_id = %s",
            (depot.auto,),
        )
        sender.commit()
    finally:
        sender.invalidate()  # its lock wait timeout must not go back to the pool
        sender.close()
        if closing.is_alive():
            closing.join()
    [[closed]] = results
    assert (closed["is_active"], closed["auto_drafts_cancelled"]) == (0, 0)
    assert scalar(engine, ORDER_STATUS, (depot.auto,)) == "sent"


@pytest.mark.usefixtures("runner_on_test_database")
def test_warehouse_close_and_reopen_print_the_warehouse_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], depot: SimpleNamespace
) -> None:
    code, out, _ = run_cli(capsys, "warehouse", "close", depot.warehouse)
    assert code == 0 and "warehouse closed" in out
    assert printed_rows(out)[0]["open_sales_orders"] == "1"
    code, out, _ = run_cli(capsys, "warehouse", "reopen", depot.warehouse)
    assert code == 0 and "warehouse reopened" in out
    missing = depot.warehouse + 10_000
    code, _, err = run_cli(capsys, "warehouse", "close", missing)
    assert code == 1
    assert err == f"error: unknown warehouse {missing}\n"
