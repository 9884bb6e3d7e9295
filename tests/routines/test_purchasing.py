"""Purchase orders: a draft is priced from the supplier's offers, sending promises a date,
receiving raises stock through the ledger and never beyond what was ordered, and the order's
status follows its lines."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_data_sound, assert_refused, call, order_lines, scalar

UNKNOWN = 987654321


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """A warehouse stocking three products offered by one supplier (one in packs of 6 with a
    minimum of 12), a product it does not offer, an unstocked and a discontinued product,
    an inactive supplier and an inactive warehouse."""
    with engine.begin() as conn:
        warehouse, closed = support.warehouse(conn), support.warehouse(conn)
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (closed,)
        )
        supplier, retired = support.supplier(conn), support.supplier(conn)
        conn.exec_driver_sql("UPDATE supplier SET is_active = 0 WHERE supplier_id = %s", (retired,))
        bolts, nuts, washers, other, unstocked, old = (support.product(conn) for _ in range(6))
        for product in (bolts, nuts, washers, other, old):
            support.stock_level(conn, product, warehouse, on_hand_qty=10)
        support.product_supplier(conn, bolts, supplier, "2.50", lead_time_days=5)
        support.product_supplier(
            conn, nuts, supplier, "0.40", lead_time_days=12, min_order_qty=12, order_multiple=6
        )
        support.product_supplier(conn, washers, supplier, "0.10", lead_time_days=3)
        support.product_supplier(conn, unstocked, supplier)
        support.product_supplier(conn, old, supplier)
        support.product_supplier(conn, bolts, retired)
        support.product_supplier(conn, washers, retired)  # only its being stopped is wrong
        conn.exec_driver_sql("UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (old,))
    return SimpleNamespace(
        warehouse=warehouse,
        closed=closed,
        supplier=supplier,
        retired=retired,
        bolts=bolts,
        nuts=nuts,
        washers=washers,
        other=other,
        unstocked=unstocked,
        old=old,
    )


def on_hand(engine: Engine, product: int, warehouse: int) -> int:
    return scalar(
        engine,
        "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
        (product, warehouse),
    )


def order_row(engine: Engine, purchase_order_id: int) -> dict:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT * FROM purchase_order WHERE purchase_order_id = %s", (purchase_order_id,)
        ).one()
    return dict(row._mapping)


def draft(engine: Engine, shop: SimpleNamespace, *pairs: tuple[int, int]) -> int:
    rows = call(engine, "create_purchase_order", shop.supplier, shop.warehouse, order_lines(*pairs))
    return rows[0]["purchase_order_id"]


def sent(engine: Engine, shop: SimpleNamespace, *pairs: tuple[int, int]) -> int:
    purchase_order_id = draft(engine, shop, *pairs)
    call(engine, "send_purchase_order", purchase_order_id)
    return purchase_order_id


def test_a_new_order_is_a_draft_priced_from_the_supplier_offers(engine, shop) -> None:
    rows = call(
        engine,
        "create_purchase_order",
        shop.supplier,
        shop.warehouse,
        order_lines((shop.nuts, 24), (shop.bolts, 10)),
    )
    assert [(r["product_id"], r["ordered_qty"], r["unit_cost"], r["line_cost"]) for r in rows] == [
        (shop.bolts, 10, Decimal("2.50"), Decimal("25.00")),
        (shop.nuts, 24, Decimal("0.40"), Decimal("9.60")),
    ]
    order = order_row(engine, rows[0]["purchase_order_id"])
    assert order["status"] == "draft"
    assert order["is_auto_generated"] == 0
    assert order["ordered_at"] is None
    assert order["supplier_id"] == shop.supplier and order["warehouse_id"] == shop.warehouse


def test_a_draft_counts_as_on_order_but_moves_no_stock(engine, shop) -> None:
    before = scalar(
        engine,
        "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s",
        (shop.washers, shop.warehouse),
    )
    draft(engine, shop, (shop.washers, 40))
    assert (
        scalar(
            engine,
            "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s",
            (shop.washers, shop.warehouse),
        )
        == before + 40
    )
    assert on_hand(engine, shop.washers, shop.warehouse) == 10


def test_sending_dates_the_order_by_its_longest_lead_time(engine, shop) -> None:
    purchase_order_id = draft(engine, shop, (shop.bolts, 5), (shop.nuts, 12))
    rows = call(engine, "send_purchase_order", purchase_order_id)
    assert rows[0]["status"] == "sent"
    assert rows[0]["ordered_at"] is not None
    assert rows[0]["expected_date"] == rows[0]["ordered_at"].date() + timedelta(days=12)


def test_partial_then_full_receipt_raises_stock_and_closes_the_order(engine, shop) -> None:
    purchase_order_id = sent(engine, shop, (shop.bolts, 10), (shop.nuts, 18))
    bolts_before = on_hand(engine, shop.bolts, shop.warehouse)
    nuts_before = on_hand(engine, shop.nuts, shop.warehouse)

    rows = call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.bolts, 4)))
    assert [(r["product_id"], r["received_now_qty"], r["outstanding_qty"]) for r in rows] == [
        (shop.bolts, 4, 6)
    ]
    assert rows[0]["status"] == "partially_received"
    assert order_row(engine, purchase_order_id)["received_at"] is None
    assert on_hand(engine, shop.bolts, shop.warehouse) == bolts_before + 4

    rows = call(
        engine,
        "receive_purchase_order",
        purchase_order_id,
        order_lines((shop.bolts, 6), (shop.nuts, 8)),
    )
    assert rows[0]["status"] == "partially_received"
    rows = call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.nuts, 10)))
    assert rows[0]["status"] == "received"
    assert order_row(engine, purchase_order_id)["received_at"] is not None
    assert on_hand(engine, shop.bolts, shop.warehouse) == bolts_before + 10
    assert on_hand(engine, shop.nuts, shop.warehouse) == nuts_before + 18


def test_each_receipt_is_a_ledger_row_traced_to_its_order_line(engine, shop) -> None:
    purchase_order_id = sent(engine, shop, (shop.washers, 7))
    call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.washers, 3)))
    call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.washers, 4)))
    with engine.connect() as conn:
        movements = conn.exec_driver_sql(
            "SELECT sm.movement_type, sm.change_qty, sm.warehouse_id FROM stock_movement AS sm "
            "JOIN purchase_order_line AS pol "
            "ON sm.purchase_order_line_id = pol.purchase_order_line_id "
            "WHERE pol.purchase_order_id = %s ORDER BY sm.stock_movement_id",
            (purchase_order_id,),
        ).all()
    assert [tuple(m) for m in movements] == [
        ("receipt", 3, shop.warehouse),
        ("receipt", 4, shop.warehouse),
    ]


def test_receiving_without_lines_takes_everything_outstanding(engine, shop) -> None:
    purchase_order_id = sent(engine, shop, (shop.bolts, 3), (shop.washers, 9))
    call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.washers, 2)))
    rows = call(engine, "receive_purchase_order", purchase_order_id, None)
    assert [(r["product_id"], r["received_now_qty"]) for r in rows] == [
        (shop.bolts, 3),
        (shop.washers, 7),
    ]
    assert rows[0]["status"] == "received"


def test_receiving_everything_does_not_depend_on_the_sessions_group_concat_limit(
    engine, shop
) -> None:
    """MariaDB's JSON_ARRAYAGG stops at group_concat_max_len, which a session may lower."""
    purchase_order_id = sent(engine, shop, (shop.bolts, 3), (shop.washers, 9))
    with engine.connect() as conn:
        conn.exec_driver_sql("SET SESSION group_concat_max_len = 20")
        try:
            rows = (
                conn.exec_driver_sql("CALL receive_purchase_order(%s, NULL)", (purchase_order_id,))
                .mappings()
                .all()
            )
            limit = conn.exec_driver_sql("SELECT @@SESSION.group_concat_max_len").scalar_one()
        finally:  # the connection goes back to the pool
            conn.exec_driver_sql("SET SESSION group_concat_max_len = DEFAULT")
    assert limit == 20  # the caller's setting, put back
    assert [(r["product_id"], r["received_now_qty"]) for r in rows] == [
        (shop.bolts, 3),
        (shop.washers, 9),
    ]


def test_cancelling_stops_the_rest_counting_as_on_order_and_keeps_receipts(engine, shop) -> None:
    def on_order() -> int:
        return scalar(
            engine,
            "SELECT on_order_qty FROM stock_position WHERE product_id = %s AND warehouse_id = %s",
            (shop.bolts, shop.warehouse),
        )

    before = on_order()
    purchase_order_id = sent(engine, shop, (shop.bolts, 10))
    call(engine, "receive_purchase_order", purchase_order_id, order_lines((shop.bolts, 4)))
    assert on_order() == before + 6
    rows = call(engine, "cancel_purchase_order", purchase_order_id)
    assert rows[0]["status"] == "cancelled"
    assert on_order() == before
    assert (
        scalar(
            engine,
            "SELECT received_qty FROM purchase_order_line WHERE purchase_order_id = %s",
            (purchase_order_id,),
        )
        == 4
    )


@pytest.fixture(scope="module")
def documents(engine: Engine, shop: SimpleNamespace) -> SimpleNamespace:
    """One order in each status, for the refusals."""
    draft_id = draft(engine, shop, (shop.bolts, 5))
    sent_id = sent(engine, shop, (shop.bolts, 5), (shop.washers, 2))
    received_id = sent(engine, shop, (shop.bolts, 1))
    call(engine, "receive_purchase_order", received_id, None)
    cancelled_id = draft(engine, shop, (shop.bolts, 1))
    call(engine, "cancel_purchase_order", cancelled_id)
    retired_draft = draft(engine, shop, (shop.washers, 1))
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE purchase_order SET supplier_id = %s WHERE purchase_order_id = %s",
            (shop.retired, retired_draft),
        )
    return SimpleNamespace(
        draft=draft_id,
        sent=sent_id,
        received=received_id,
        cancelled=cancelled_id,
        retired_draft=retired_draft,
    )


CREATE_REFUSALS = [
    (("{unknown}", "{warehouse}", "[{bolts}]"), "unknown supplier 987654321"),
    ((None, "{warehouse}", "[{bolts}]"), "unknown supplier NULL"),
    (("{retired}", "{warehouse}", "[{bolts}]"), "supplier {retired} is inactive"),
    (("{supplier}", "{unknown}", "[{bolts}]"), "unknown warehouse 987654321"),
    (("{supplier}", "{closed}", "[{bolts}]"), "warehouse {closed} is inactive"),
    (("{supplier}", "{warehouse}", "not json"), "lines must be a JSON array"),
    (("{supplier}", "{warehouse}", '{"product_id": 1}'), "lines must be a JSON array"),
    (("{supplier}", "{warehouse}", None), "lines must be a JSON array, got NULL"),
    (("{supplier}", "{warehouse}", "[]"), "lines must not be empty"),
    (("{supplier}", "{warehouse}", "[5]"), "line 1 is not an object"),
    (("{supplier}", "{warehouse}", '[{"qty": 5}]'), "line 1: product_id must be a positive"),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": "{bolts}", "qty": 5}]'),
        'line 1: product_id must be a positive whole number, got "{bolts}"',
    ),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}}]'), "qty must be a positive"),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": 0}]'), "got 0"),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": -3}]'), "got -3"),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": 2.5}]'), "got 2.5"),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": 25e-1}]'), "whole number, got"),
    (("{supplier}", "{warehouse}", '[{"product_id": 1e0, "qty": 6}]'), "product_id must be"),
    (("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": "5"}]'), 'got "5"'),
    (("{supplier}", "{warehouse}", "[{bolts}, {bolts}]"), "appears on more than one line"),
    # product_id and qty only, each once: MariaDB reads a repeated key's first value, most
    # JSON readers its last; a stray key was ignored without a word
    (
        ("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": 10, "qty": 99}]'),
        'line 1 may have product_id and qty, each once: {"product_id": {bolts}',
    ),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "qty": 10, "unit_cost": 0.01}]'),
        "line 1 may have product_id and qty, each once",
    ),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": {bolts}, "q\\u0074y": 10}]'),
        "line 1 may have product_id and qty, each once",
    ),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": 987654321, "qty": 1}]'),
        "unknown product 987654321",
    ),
    (("{supplier}", "{warehouse}", "[{old}]"), "product {old} is discontinued"),
    (("{supplier}", "{warehouse}", "[{other}]"), "product {other} is not offered by supplier"),
    (("{supplier}", "{warehouse}", "[{unstocked}]"), "is not stocked in warehouse"),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": {nuts}, "qty": 6}]'),
        "qty 6 is below the minimum order of 12",
    ),
    (
        ("{supplier}", "{warehouse}", '[{"product_id": {nuts}, "qty": 14}]'),
        "qty 14 is not a multiple of 6",
    ),
]

ORDER_REFUSALS = [
    ("send_purchase_order", ("{unknown}",), "unknown purchase order 987654321"),
    ("send_purchase_order", (None,), "unknown purchase order NULL"),
    ("send_purchase_order", ("{sent}",), "is sent; only a draft can be sent"),
    ("send_purchase_order", ("{retired_draft}",), "supplier {retired} of purchase order"),
    ("cancel_purchase_order", ("{unknown}",), "unknown purchase order 987654321"),
    ("cancel_purchase_order", ("{received}",), "is already received"),
    ("cancel_purchase_order", ("{cancelled}",), "is already cancelled"),
    ("receive_purchase_order", ("{unknown}", None), "unknown purchase order 987654321"),
    ("receive_purchase_order", ("{draft}", None), "is draft; only a sent or partially"),
    ("receive_purchase_order", ("{received}", None), "is received; only a sent"),
    ("receive_purchase_order", ("{cancelled}", None), "is cancelled; only a sent"),
    ("receive_purchase_order", ("{sent}", "[{nuts}]"), "product {nuts} is not on purchase order"),
    ("receive_purchase_order", ("{sent}", "[]"), "lines must not be empty"),
    (
        "receive_purchase_order",
        ("{sent}", '[{"product_id": {bolts}, "qty": 1, "qty": 50}]'),
        "line 1 may have product_id and qty, each once",
    ),
    (
        "receive_purchase_order",
        ("{sent}", '[{"product_id": {bolts}, "qty": 5e-1}]'),
        "qty must be a positive whole number, got",  # 5e-1 (MySQL prints 0.5)
    ),
    (
        "receive_purchase_order",
        ("{sent}", '[{"product_id": {washers}, "qty": 1}, {"product_id": {bolts}, "qty": 6}]'),
        "(product {bolts}): receiving 6 exceeds the 5 outstanding",
    ),
]


def bind(text: str | None, values: dict[str, int]) -> str | int | None:
    """Fill {name} placeholders; "[{p}]" is shorthand for one line of product p, qty 1."""
    if text is None:
        return None
    if text.startswith("[{") and text.endswith("}]") and '"' not in text:
        products = [values[name.strip("{} ")] for name in text[1:-1].split(",")]
        return order_lines(*((product, 1) for product in products))
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return int(text) if text.isdigit() else text


@pytest.mark.parametrize(("args", "message"), CREATE_REFUSALS)
def test_a_bad_purchase_order_is_refused_with_its_value_named(
    engine, shop, documents, args, message
) -> None:
    values = {**vars(shop), **vars(documents), "unknown": UNKNOWN}
    assert_refused(
        engine,
        "create_purchase_order",
        [bind(a, values) for a in args],
        str(bind(message, values)),
    )


@pytest.mark.parametrize(("procedure", "args", "message"), ORDER_REFUSALS)
def test_an_order_in_the_wrong_state_or_with_bad_lines_is_refused(
    engine, shop, documents, procedure, args, message
) -> None:
    values = {**vars(shop), **vars(documents), "unknown": UNKNOWN}
    assert_refused(engine, procedure, [bind(a, values) for a in args], str(bind(message, values)))


def test_a_refused_receipt_leaves_every_line_unreceived(engine, shop, documents) -> None:
    """The washers line is fine, the bolts line over-receives: neither is booked."""
    lines = order_lines((shop.washers, 1), (shop.bolts, 6))
    assert_refused(engine, "receive_purchase_order", (documents.sent, lines), "exceeds the 5")
    assert (
        scalar(
            engine,
            "SELECT SUM(received_qty) FROM purchase_order_line WHERE purchase_order_id = %s",
            (documents.sent,),
        )
        == 0
    )
    assert order_row(engine, documents.sent)["status"] == "sent"


def test_purchasing_leaves_the_data_sound(engine, shop, documents) -> None:
    assert_data_sound(engine)
