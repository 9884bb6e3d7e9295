"""Automatic restocking: every product and warehouse at or below its reorder point is topped
up to its target from the right supplier, in packs the supplier accepts, on one draft per
supplier and warehouse, and a second run (even a concurrent one) orders nothing twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from tests import support
from tests.support import (
    assert_data_sound,
    assert_refused,
    call,
    holding,
    order_lines,
    scalar,
    sessions_waiting,
    without_waiting,
)


def low_stock(
    conn: Connection, warehouse: int, on_hand: int = 2, reorder_point: int = 5, target: int = 20
) -> int:
    """A new product stocked at or below its reorder point in the warehouse."""
    product = support.product(conn)
    support.stock_level(conn, product, warehouse, on_hand, reorder_point, target)
    return product


def created_on(engine: Engine, purchase_order_id: int):
    """The UTC day the draft was written, by the run that dated it (UTC_DATE() at test time
    would be another day if the run came before midnight)."""
    return scalar(
        engine,
        "SELECT DATE(created_at) FROM purchase_order WHERE purchase_order_id = %s",
        (purchase_order_id,),
    )


# What a held transaction locks to make a run wait: its turn, or the gap where the next
# purchase order goes (a run writing a new draft waits there).
HOLD_REORDER_RUN = "SELECT run_count FROM reorder_run WHERE reorder_run_id = 1 FOR UPDATE"
HOLD_NEXT_PURCHASE_ORDER = (
    "SELECT purchase_order_id FROM purchase_order "
    "WHERE purchase_order_id > (SELECT MAX(purchase_order_id) FROM purchase_order) FOR UPDATE"
)


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.exec_driver_sql("SELECT COUNT(*) FROM purchase_order").scalar_one(),
            conn.exec_driver_sql("SELECT COUNT(*) FROM purchase_order_line").scalar_one(),
        )


# Supplier choice: (offers as (supplier key, unit cost, lead time, preferred), chosen key).
# Suppliers a < b < c by id; c is inactive (d only supplies the grouping products).
CHOICES = {
    "preferred_beats_cheaper": ([("a", "5.00", 9, True), ("b", "3.00", 2, False)], "a"),
    "cheapest_without_a_preferred": ([("a", "5.00", 2, False), ("b", "3.00", 9, False)], "b"),
    "shorter_lead_time_on_equal_cost": ([("a", "3.00", 9, False), ("b", "3.00", 4, False)], "b"),
    "lowest_supplier_id_on_a_full_tie": ([("b", "3.00", 4, False), ("a", "3.00", 4, False)], "a"),
    "cheapest_of_two_preferred": ([("a", "4.00", 2, True), ("b", "3.50", 9, True)], "b"),
    "inactive_supplier_ignored": ([("c", "1.00", 1, True), ("b", "3.00", 5, False)], "b"),
}


@pytest.fixture(scope="module")
def world(engine: Engine) -> SimpleNamespace:
    """Two warehouses, three suppliers (c inactive) and products in every situation the
    first reorder run must handle."""
    with engine.begin() as conn:
        north, south, closed = (support.warehouse(conn) for _ in range(3))
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (closed,)
        )
        suppliers = {key: support.supplier(conn) for key in "abcd"}
        conn.exec_driver_sql(
            "UPDATE supplier SET is_active = 0 WHERE supplier_id = %s", (suppliers["c"],)
        )
        choice = {}
        for case, (offers, _) in CHOICES.items():
            choice[case] = low_stock(conn, north)
            for key, cost, lead, preferred in offers:
                support.product_supplier(
                    conn, choice[case], suppliers[key], cost, lead, is_preferred=preferred
                )

        # Packs: (on hand, reorder point, target, minimum order, multiple) -> quantity.
        packs = {}
        for case in [(3, 5, 10, 10, 4), (2, 5, 15, 1, 5), (0, 5, 20, 5, 5), (5, 5, 6, 1, 1)]:
            on_hand, point, target, minimum, multiple = case
            packs[case] = low_stock(conn, north, on_hand, point, target)
            support.product_supplier(
                conn, packs[case], suppliers["a"], "1.00", 3, minimum, multiple
            )

        # Grouping and dates: two products from d in north (lead 2 and 6), one from d in south.
        grouped = [low_stock(conn, north) for _ in range(2)]
        support.product_supplier(conn, grouped[0], suppliers["d"], "2.00", 2)
        support.product_supplier(conn, grouped[1], suppliers["d"], "2.00", 6)
        support.stock_level(conn, grouped[0], south, 1, 4, 9)

        # Never ordered: above the point, no room below the target, discontinued, closed
        # warehouse, only an inactive supplier, on order already (a buyer's draft).
        skipped = {
            "above_point": low_stock(conn, north, on_hand=6, reorder_point=5),
            "nothing_to_stock": low_stock(conn, north, on_hand=0, reorder_point=0, target=0),
            "discontinued": low_stock(conn, north),
            "closed_warehouse": low_stock(conn, closed),
            "inactive_supplier_only": low_stock(conn, north),
            "already_on_order": low_stock(conn, north),
        }
        for case, product in skipped.items():
            key = "c" if case == "inactive_supplier_only" else "a"
            support.product_supplier(conn, product, suppliers[key])
        conn.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s",
            (skipped["discontinued"],),
        )
    call(
        engine,
        "create_purchase_order",
        suppliers["a"],
        north,
        order_lines((skipped["already_on_order"], 18)),
    )
    return SimpleNamespace(
        north=north,
        south=south,
        suppliers=suppliers,
        choice=choice,
        packs=packs,
        grouped=grouped,
        skipped=skipped,
    )


@pytest.fixture(scope="module")
def first_run(engine: Engine, world: SimpleNamespace) -> dict[tuple[int, int], dict]:
    """The rows of the first reorder run, by (product, warehouse)."""
    return {(r["product_id"], r["warehouse_id"]): r for r in call(engine, "reorder_stock")}


@pytest.mark.parametrize("case", CHOICES)
def test_reorder_picks_the_supplier_by_preference_cost_lead_time_then_id(
    world, first_run, case
) -> None:
    chosen = CHOICES[case][1]
    assert first_run[(world.choice[case], world.north)]["supplier_id"] == world.suppliers[chosen]


@pytest.mark.parametrize(
    ("case", "quantity"),
    [
        ((3, 5, 10, 10, 4), 12),  # needs 7; the minimum of 10, rounded up to packs of 4
        ((2, 5, 15, 1, 5), 15),  # needs 13, rounded up to packs of 5
        ((0, 5, 20, 5, 5), 20),  # needs 20: already a whole number of packs
        ((5, 5, 6, 1, 1), 1),  # exactly at the reorder point: tops up to the target
    ],
)
def test_reorder_tops_up_to_target_in_the_supplier_minimum_and_packs(
    world, first_run, case, quantity
) -> None:
    assert first_run[(world.packs[case], world.north)]["added_qty"] == quantity


def test_reorder_groups_lines_into_one_draft_per_supplier_and_warehouse(
    engine, world, first_run
) -> None:
    north_rows = [first_run[(product, world.north)] for product in world.grouped]
    south_row = first_run[(world.grouped[0], world.south)]
    assert north_rows[0]["purchase_order_id"] == north_rows[1]["purchase_order_id"]
    assert south_row["purchase_order_id"] != north_rows[0]["purchase_order_id"]
    by_order: dict[int, set[tuple[int, int]]] = {}
    for row in first_run.values():
        by_order.setdefault(row["purchase_order_id"], set()).add(
            (row["supplier_id"], row["warehouse_id"])
        )
    assert all(len(pairs) == 1 for pairs in by_order.values())
    assert len({next(iter(pairs)) for pairs in by_order.values()}) == len(by_order)
    with engine.connect() as conn:
        drafts = conn.exec_driver_sql(
            "SELECT status, is_auto_generated, ordered_at FROM purchase_order "
            f"WHERE purchase_order_id IN ({', '.join(['%s'] * len(by_order))})",
            tuple(by_order),
        ).all()
    assert {tuple(d) for d in drafts} == {("draft", 1, None)}


def test_reorder_dates_each_draft_by_its_longest_lead_time(engine, world, first_run) -> None:
    north = first_run[(world.grouped[0], world.north)]
    south = first_run[(world.grouped[0], world.south)]
    assert north["expected_date"] == created_on(engine, north["purchase_order_id"]) + timedelta(6)
    assert south["expected_date"] == created_on(engine, south["purchase_order_id"]) + timedelta(2)


def test_reorder_prices_lines_from_the_chosen_offer(world, first_run) -> None:
    row = first_run[(world.choice["cheapest_of_two_preferred"], world.north)]
    assert row["unit_cost"] == Decimal("3.50")


def test_reorder_skips_what_it_should_not_order(world, first_run) -> None:
    ordered = {product for product, _ in first_run}
    assert ordered.isdisjoint(world.skipped.values())


def test_a_second_run_creates_nothing_new(engine, world, first_run) -> None:
    before = counts(engine)
    assert call(engine, "reorder_stock") == []
    assert counts(engine) == before
    assert scalar(engine, "SELECT COUNT(*) FROM reorder_suggestion") == 0


def test_a_new_shortfall_goes_onto_the_existing_auto_draft(engine, world, first_run) -> None:
    draft_id = first_run[(world.grouped[0], world.north)]["purchase_order_id"]
    with engine.begin() as conn:
        newcomer = low_stock(conn, world.north, on_hand=0, reorder_point=3, target=7)
        support.product_supplier(conn, newcomer, world.suppliers["d"], "1.00", 1)
        # Demand rose for a product already on the draft: position 18 + 2 = 20 <= 25.
        conn.exec_driver_sql(
            "UPDATE stock_level SET reorder_point_qty = 25, target_qty = 30 "
            "WHERE product_id = %s AND warehouse_id = %s",
            (world.grouped[1], world.north),
        )
    rows = {r["product_id"]: r for r in call(engine, "reorder_stock")}
    assert set(rows) == {newcomer, world.grouped[1]}
    assert {r["purchase_order_id"] for r in rows.values()} == {draft_id}
    assert rows[newcomer]["is_new_order"] == 0 and rows[newcomer]["is_new_line"] == 1
    assert rows[world.grouped[1]]["is_new_line"] == 0
    assert rows[world.grouped[1]]["added_qty"] == 10
    assert rows[world.grouped[1]]["ordered_qty"] == 18 + 10


def test_a_sent_auto_order_is_never_extended(engine, world, first_run) -> None:
    sent_id = first_run[(world.grouped[0], world.south)]["purchase_order_id"]
    call(engine, "send_purchase_order", sent_id)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_level SET reorder_point_qty = 20, target_qty = 30 "
            "WHERE product_id = %s AND warehouse_id = %s",
            (world.grouped[0], world.south),
        )
    rows = call(engine, "reorder_stock")
    assert len(rows) == 1
    assert rows[0]["purchase_order_id"] != sent_id
    assert rows[0]["is_new_order"] == 1
    assert rows[0]["added_qty"] == 30 - (1 + 8)


def test_a_line_that_grows_ends_on_the_offers_terms(engine, world, first_run) -> None:
    """Packs of 4, minimum 10: the run ordered 12. Edited by hand to 13 (off the packs), then
    short by 14 once the reorder point rises: the line grows to 28, the smallest total in
    whole packs that covers 13 + 14, not 13 + 16 (the shortfall in packs added to it)."""
    product = world.packs[(3, 5, 10, 10, 4)]
    row = first_run[(product, world.north)]
    assert row["ordered_qty"] == 12
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE purchase_order_line SET ordered_qty = 13 "
            "WHERE purchase_order_id = %s AND product_id = %s",
            (row["purchase_order_id"], product),
        )
        conn.exec_driver_sql(
            "UPDATE stock_level SET reorder_point_qty = 20, target_qty = 30 "
            "WHERE product_id = %s AND warehouse_id = %s",
            (product, world.north),
        )
    [grown] = [r for r in call(engine, "reorder_stock") if r["product_id"] == product]
    assert (grown["purchase_order_id"], grown["is_new_line"]) == (row["purchase_order_id"], 0)
    assert (grown["added_qty"], grown["ordered_qty"]) == (15, 28)
    assert_data_sound(engine)


def test_an_order_more_than_a_line_holds_is_refused_by_name(engine, world, first_run) -> None:
    """A target at the top of an INT, topped up in whole packs of 12, comes to more than an
    order line holds: the run is refused, naming the product, and writes nothing."""
    with engine.begin() as conn:
        huge = low_stock(conn, world.north, 0, reorder_point=2147483000, target=2147483647)
        support.product_supplier(conn, huge, world.suppliers["a"], "1.00", 3, 1, 12)
    try:
        assert_refused(
            engine,
            "reorder_stock",
            (),
            f"product {huge} in warehouse {world.north} would be ordered 2147483652, more than "
            "a line holds (2147483647): lower its target",
        )
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE stock_level SET reorder_point_qty = 0, target_qty = 0 "
                "WHERE product_id = %s",
                (huge,),
            )


def test_each_run_is_recorded(engine, world, first_run) -> None:
    runs = scalar(engine, "SELECT run_count FROM reorder_run WHERE reorder_run_id = 1")
    call(engine, "reorder_stock")
    assert scalar(engine, "SELECT run_count FROM reorder_run WHERE reorder_run_id = 1") == runs + 1


def runs_waiting_for_their_turn(engine: Engine) -> int:
    """Sessions whose reorder_stock is at its first statement, the write of the reorder_run
    row (waiting up to 10 s for two)."""
    return sessions_waiting(engine, "INSERT INTO reorder_run", 2)


def test_two_runs_started_together_order_each_shortfall_once(engine, world, first_run) -> None:
    """While another session holds the reorder_run row, both runs wait at their first write,
    before reading anything (on Galera the same write makes one of them fail with 1213);
    once released, one run orders the shortfall and the other sees its draft."""
    with engine.begin() as conn:
        product = low_stock(conn, world.north, on_hand=1, reorder_point=4, target=11)
        support.product_supplier(conn, product, world.suppliers["a"], "1.00", 2, is_preferred=True)
    results: list[list[dict]] = []
    threads = [
        threading.Thread(target=lambda: results.append(call(engine, "reorder_stock")))
        for _ in range(2)
    ]
    with holding(engine, (HOLD_REORDER_RUN, ())):
        for thread in threads:
            thread.start()
        waiting = runs_waiting_for_their_turn(engine)
    for thread in threads:
        thread.join()
    assert waiting == 2
    assert sorted(len(rows) for rows in results) == [0, 1]
    assert (
        scalar(
            engine,
            "SELECT SUM(ordered_qty) FROM purchase_order_line WHERE product_id = %s",
            (product,),
        )
        == 10
    )


def test_stock_changes_do_not_wait_for_a_run_in_progress(engine, world, first_run) -> None:
    """A run reads the suggestions without locking them: while it waits to write its new
    draft (another session holds the gap where new purchase orders go), the stock it has
    read still changes at once."""
    with engine.begin() as conn:
        product = low_stock(conn, world.north, on_hand=0, reorder_point=3, target=7)
        newcomer = support.supplier(conn)  # no draft yet: the run must write one
        support.product_supplier(conn, product, newcomer, "1.00", 1)
    results: list[list[dict]] = []
    run = threading.Thread(target=lambda: results.append(call(engine, "reorder_stock")))
    try:
        with holding(engine, (HOLD_NEXT_PURCHASE_ORDER, ())):
            run.start()
            assert runs_writing_a_new_draft(engine) == 1
            without_waiting(engine, "CALL adjust_stock(%s, %s, 1, 'found')", (product, world.north))
    finally:
        if run.is_alive():
            run.join()
    assert [(r["product_id"], r["supplier_id"]) for r in results[0]] == [(product, newcomer)]
    on_hand = scalar(
        engine,
        "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
        (product, world.north),
    )
    assert on_hand == 1


def runs_writing_a_new_draft(engine: Engine) -> int:
    """Sessions at the insert of a new purchase order (waiting up to 10 s for one)."""
    return sessions_waiting(engine, "INSERT INTO purchase_order (")


def test_a_product_deleted_while_a_run_is_under_way_waits_for_the_run(
    engine, world, first_run
) -> None:
    """The run holds the products it is about to order: a delete_product that comes while the
    run waits to write its draft waits too, then finds the product ordered (history) and is
    refused; the run is not failed by a product gone from under its line."""
    with engine.begin() as conn:
        product = low_stock(conn, world.north, on_hand=0, reorder_point=3, target=7)
        newcomer = support.supplier(conn)
        support.product_supplier(conn, product, newcomer, "1.00", 1)
    outcomes: dict[str, object] = {}

    def attempt(name: str, procedure: str, *args: object) -> None:
        try:
            outcomes[name] = call(engine, procedure, *args)
        except Exception as exc:  # reported to the test, which asserts on it
            outcomes[name] = exc

    run = threading.Thread(target=attempt, args=("run", "reorder_stock"))
    deleter = threading.Thread(target=attempt, args=("delete", "delete_product", product))
    try:
        with holding(engine, (HOLD_NEXT_PURCHASE_ORDER, ())):
            run.start()
            assert runs_writing_a_new_draft(engine) == 1
            deleter.start()
            # delete_product waits at its lock on the product row, which the run holds.
            assert sessions_waiting(engine, "SELECT sku") == 1
            assert "delete" not in outcomes, (
                "delete_product went ahead while the run held the product"
            )
    finally:
        for thread in (run, deleter):
            if thread.is_alive():
                thread.join()
    assert [(r["product_id"], r["supplier_id"]) for r in outcomes["run"]] == [(product, newcomer)]
    refusal = outcomes["delete"]
    assert isinstance(refusal, sa.exc.OperationalError), refusal
    assert f"product {product} has history (purchase order lines)" in str(refusal)


def test_reordering_leaves_the_data_sound(engine, world, first_run) -> None:
    assert_data_sound(engine)
