"""set_purchase_order_line (revision 0049) and `runner.py purchase set-line`: a buyer changes a
draft before sending it, one product at a time. A quantity set is checked as
create_purchase_order checks a line and priced from the offer as it is now, 0 takes the line
off (never the last one), the provisional expected date follows the lines' lead times, and
what the draft holds counts as on order at once. Anything but a draft, and every bad value,
is refused by name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    REORDER_RUN_TURN,
    assert_data_sound,
    assert_refused,
    call,
    call_while_held,
    order_lines,
    run_cli,
    scalar,
    unknown_id,
)


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """A supplier offering bolts (lead 5 days), nuts (packs of 6, at least 12, lead 12 days)
    and washers (lead 3 days) for a warehouse that stocks them; a product the supplier does
    not offer, one the warehouse does not stock, a discontinued one, and a stopped supplier
    and a closed warehouse with a draft each."""
    with engine.begin() as conn:
        warehouse, closed = support.warehouse(conn), support.warehouse(conn)
        supplier, stopped = support.supplier(conn), support.supplier(conn)
        bolts, nuts, washers, foreign, unstocked, old = (support.product(conn) for _ in range(6))
        for product in (bolts, nuts, washers, foreign, old):
            support.stock_level(conn, product, warehouse)
            support.stock_level(conn, product, closed)
        support.product_supplier(conn, bolts, supplier, "2.50", lead_time_days=5)
        support.product_supplier(
            conn, nuts, supplier, "0.40", lead_time_days=12, min_order_qty=12, order_multiple=6
        )
        support.product_supplier(conn, washers, supplier, "0.10", lead_time_days=3)
        for product in (unstocked, old):
            support.product_supplier(conn, product, supplier)
        for product in (bolts, washers):
            support.product_supplier(conn, product, stopped)
    shop = SimpleNamespace(
        warehouse=warehouse,
        supplier=supplier,
        bolts=bolts,
        nuts=nuts,
        washers=washers,
        foreign=foreign,
        unstocked=unstocked,
        old=old,
    )
    shop.sent = draft(engine, shop, (bolts, 5))
    call(engine, "send_purchase_order", shop.sent)
    shop.of_stopped = draft(engine, shop, (bolts, 5), supplier=stopped)
    shop.for_closed = draft(engine, shop, (bolts, 5), warehouse=closed)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (old,))
        conn.exec_driver_sql("UPDATE supplier SET is_active = 0 WHERE supplier_id = %s", (stopped,))
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (closed,)
        )
    return shop


def draft(
    engine: Engine,
    shop: SimpleNamespace,
    *pairs: tuple[int, int],
    supplier: int | None = None,
    warehouse: int | None = None,
) -> int:
    [first, *_] = call(
        engine,
        "create_purchase_order",
        supplier or shop.supplier,
        warehouse or shop.warehouse,
        order_lines(*pairs),
    )
    return first["purchase_order_id"]


def lines(engine: Engine, purchase_order_id: int) -> dict[int, tuple[int, float]]:
    """The draft's lines as {product: (quantity, unit cost)}."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT product_id, ordered_qty, unit_cost FROM purchase_order_line "
            "WHERE purchase_order_id = %s",
            (purchase_order_id,),
        ).all()
    return {product: (qty, float(cost)) for product, qty, cost in rows}


def days_expected(engine: Engine, purchase_order_id: int) -> int:
    return scalar(
        engine,
        "SELECT DATEDIFF(expected_date, UTC_DATE()) FROM purchase_order "
        "WHERE purchase_order_id = %s",
        (purchase_order_id,),
    )


def on_order(engine: Engine, shop: SimpleNamespace, product: int) -> int:
    return scalar(
        engine,
        "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s",
        (product, shop.warehouse),
    )


def test_a_quantity_changes_at_the_offers_cost_of_now_and_counts_as_on_order(
    engine: Engine, shop: SimpleNamespace
) -> None:
    order = draft(engine, shop, (shop.washers, 10))
    before = on_order(engine, shop, shop.washers)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE product_supplier SET unit_cost = 0.12 "
            "WHERE product_id = %s AND supplier_id = %s",
            (shop.washers, shop.supplier),
        )
    rows = call(engine, "set_purchase_order_line", order, shop.washers, 25)
    assert [(r["product_id"], r["ordered_qty"], float(r["line_cost"])) for r in rows] == [
        (shop.washers, 25, 3.0)
    ]
    assert lines(engine, order) == {shop.washers: (25, 0.12)}
    assert on_order(engine, shop, shop.washers) == before + 15
    assert_data_sound(engine)


def test_a_product_added_and_taken_off_moves_the_expected_date_with_it(
    engine: Engine, shop: SimpleNamespace
) -> None:
    order = draft(engine, shop, (shop.washers, 10), (shop.bolts, 4))
    assert days_expected(engine, order) == 5
    rows = call(engine, "set_purchase_order_line", order, shop.nuts, 18)
    assert {r["product_id"] for r in rows} == {shop.washers, shop.bolts, shop.nuts}
    assert lines(engine, order)[shop.nuts] == (18, 0.4)
    assert days_expected(engine, order) == 12
    rows = call(engine, "set_purchase_order_line", order, shop.nuts, 0)
    call(engine, "set_purchase_order_line", order, shop.bolts, 0)
    assert set(lines(engine, order)) == {shop.washers}
    assert days_expected(engine, order) == 3
    assert_data_sound(engine)


def test_the_last_line_does_not_come_off(engine: Engine, shop: SimpleNamespace) -> None:
    order = draft(engine, shop, (shop.bolts, 4))
    assert_refused(
        engine,
        "set_purchase_order_line",
        (order, shop.bolts, 0),
        f"product {shop.bolts} is the last line of purchase order {order}: cancel the draft "
        "instead",
    )


def test_an_edited_auto_draft_stays_one_and_a_run_adds_to_it(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """The buyer cut the run's proposal; the position fell to the reorder point again, so the
    next run tops it up on the same draft."""
    with engine.begin() as conn:
        low = support.product(conn)
        support.stock_level(conn, low, shop.warehouse, 0, 5, 20)
        support.product_supplier(conn, low, shop.supplier, "1.00", 2)
    [proposal] = [r for r in call(engine, "reorder_stock") if r["product_id"] == low]
    order = proposal["purchase_order_id"]
    call(engine, "set_purchase_order_line", order, low, 3)
    [topped_up] = [r for r in call(engine, "reorder_stock") if r["product_id"] == low]
    assert (topped_up["purchase_order_id"], topped_up["ordered_qty"]) == (order, 20)
    assert scalar(
        engine,
        "SELECT is_auto_generated FROM purchase_order WHERE purchase_order_id = %s",
        (order,),
    )


def test_a_change_during_a_reorder_run_waits_and_builds_on_its_draft(
    engine: Engine, shop: SimpleNamespace
) -> None:
    """The change takes its turn on the reorder_run row: once the run that grew the line
    commits, the change sees the line and sets it, where it would otherwise write the line a
    second time."""
    order = draft(engine, shop, (shop.washers, 10))
    _, rows = call_while_held(
        engine,
        "set_purchase_order_line",
        (order, shop.bolts, 7),
        REORDER_RUN_TURN,
        lambda run: support.purchase_order_line(run, order, shop.bolts, 40, 2.5),
    )
    assert isinstance(rows, list), rows
    assert lines(engine, order)[shop.bolts] == (7, 2.5)


# (arguments, message); names in braces are the shop's (and `draft`, a fresh draft of 10
# washers and 4 bolts).
REFUSALS = [
    (("{draft}", "{bolts}", -1), "qty must be 0 (take the line off) or more, got -1"),
    (("{draft}", "{bolts}", 2.5), "qty must be a whole number, got 2.5"),
    (("{draft}", "{bolts}", None), "qty must be 0 (take the line off) or more, got NULL"),
    (("{draft}", "{bolts}", 3e9), "qty must be between -2147483648 and 2147483647"),
    (("{draft}", None, 5), "unknown product NULL"),
    (("{draft}", 0, 5), "unknown product 0"),
    (("{draft}", "{missing_product}", 5), "unknown product {missing_product}"),
    (("{draft}", "{nuts}", 0), "product {nuts} is not on purchase order {draft}"),
    (("{draft}", "{foreign}", 5), "product {foreign} is not offered by supplier {supplier}"),
    (("{draft}", "{old}", 5), "product {old} is discontinued"),
    (("{draft}", "{unstocked}", 5), "product {unstocked} is not stocked in warehouse"),
    (("{draft}", "{nuts}", 6), "product {nuts}: qty 6 is below the minimum order of 12"),
    (("{draft}", "{nuts}", 20), "product {nuts}: qty 20 is not a multiple of 6"),
    (("{missing_order}", "{bolts}", 5), "unknown purchase order {missing_order}"),
    ((None, "{bolts}", 5), "unknown purchase order NULL"),
    (("{sent}", "{bolts}", 9), "purchase order {sent} is sent; only a draft can be changed"),
    (("{of_stopped}", "{washers}", 5), "supplier {stopped} of purchase order {of_stopped} is"),
    (("{for_closed}", "{washers}", 5), "warehouse {closed} of purchase order {for_closed} is"),
]


@pytest.mark.parametrize(("arguments", "message"), REFUSALS)
def test_a_bad_change_is_refused_by_name_and_changes_nothing(
    engine: Engine, shop: SimpleNamespace, arguments: tuple, message: str
) -> None:
    names = {
        **vars(shop),
        "draft": draft(engine, shop, (shop.washers, 10), (shop.bolts, 4)),
        "missing_product": unknown_id(engine, "product"),
        "missing_order": unknown_id(engine, "purchase_order"),
        "stopped": scalar(
            engine,
            "SELECT supplier_id FROM purchase_order WHERE purchase_order_id = %s",
            (shop.of_stopped,),
        ),
        "closed": scalar(
            engine,
            "SELECT warehouse_id FROM purchase_order WHERE purchase_order_id = %s",
            (shop.for_closed,),
        ),
    }
    args = tuple(int(a.format(**names)) if isinstance(a, str) else a for a in arguments)
    assert_refused(engine, "set_purchase_order_line", args, message.format(**names))


@pytest.mark.usefixtures("runner_on_test_database")
def test_purchase_set_line_prints_the_draft_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine, shop: SimpleNamespace
) -> None:
    order = draft(engine, shop, (shop.washers, 10))
    code, out, _ = run_cli(capsys, "purchase", "set-line", order, f"{shop.bolts}:8")
    assert code == 0
    assert f"draft purchase order {order}" in out
    assert set(lines(engine, order)) == {shop.washers, shop.bolts}
    assert lines(engine, order)[shop.bolts] == (8, 2.5)
    code, _, err = run_cli(capsys, "purchase", "set-line", order, f"{shop.nuts}:7")
    assert code == 1
    assert err == f"error: product {shop.nuts}: qty 7 is below the minimum order of 12\n"


def test_changing_drafts_leaves_the_data_sound(engine: Engine, shop: SimpleNamespace) -> None:
    assert_data_sound(engine)
