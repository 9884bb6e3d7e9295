"""Sales: placing reserves stock, shipping issues it through the ledger and invoices it,
cancelling releases it, a return brings it back with its own movement, a counter sale does
it all at once; bad input is refused by name and writes nothing."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_data_sound, assert_refused, call, scalar

UNKNOWN = 987654321


def lines(*items: tuple[int, int] | dict[str, Any]) -> str:
    """Order lines as JSON: (product, qty) pairs, or whole dicts for odd cases."""
    return json.dumps(
        [item if isinstance(item, dict) else {"product_id": item[0], "qty": item[1]}
         for item in items]
    )  # fmt: skip


def stocked_product(
    engine: Engine, warehouse: int, on_hand: int, unit_price: float = 10.0, reorder_point: int = 0
) -> int:
    with engine.begin() as conn:
        product = support.product(conn, unit_price=unit_price)
        support.stock_level(conn, product, warehouse, on_hand, reorder_point_qty=reorder_point)
    return product


def stock(engine: Engine, product: int, warehouse: int) -> tuple[int, int]:
    """(on hand, reserved) of a product in a warehouse."""
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT on_hand_qty, reserved_qty FROM stock_level "
                "WHERE product_id = %s AND warehouse_id = %s",
                (product, warehouse),
            ).one()
        )


def rows(engine: Engine, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.exec_driver_sql(sql, params)]


def place(engine: Engine, shop: SimpleNamespace, order_lines: str) -> int:
    [result] = call(engine, "place_sales_order", shop.customer, shop.north, order_lines)
    return result["sales_order_id"]


def status_of(engine: Engine, order: int) -> str:
    return scalar(engine, "SELECT status FROM sales_order WHERE sales_order_id = %s", (order,))


def order_lines_of(engine: Engine, order: int) -> list[dict[str, Any]]:
    return rows(
        engine,
        "SELECT sales_order_line_id, product_id, ordered_qty, shipped_qty, returned_qty, "
        "unit_price FROM sales_order_line WHERE sales_order_id = %s ORDER BY product_id",
        (order,),
    )


def invoice_of(engine: Engine, order: int) -> int:
    return scalar(engine, "SELECT invoice_id FROM invoice WHERE sales_order_id = %s", (order,))


def movements_of(engine: Engine, order: int) -> list[dict[str, Any]]:
    return rows(
        engine,
        "SELECT sm.movement_type, sm.product_id, sm.warehouse_id, sm.change_qty, "
        "sm.balance_after_qty, sm.sales_order_line_id, sm.reason FROM stock_movement AS sm "
        "JOIN sales_order_line AS sol ON sm.sales_order_line_id = sol.sales_order_line_id "
        "WHERE sol.sales_order_id = %s ORDER BY sm.stock_movement_id",
        (order,),
    )


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """A customer, an active and an inactive warehouse, and the products the refusals use."""
    with engine.begin() as conn:
        shop = SimpleNamespace(
            customer=support.customer(conn),
            north=support.warehouse(conn),
            closed=support.warehouse(conn),
        )
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (shop.closed,)
        )
        shop.widget = support.product(conn, unit_price=2.5)
        shop.gadget = support.product(conn, unit_price=4)
        shop.retired = support.product(conn)
        shop.unstocked = support.product(conn)
        shop.scarce = support.product(conn)
        for product in (shop.widget, shop.gadget, shop.retired):
            support.stock_level(conn, product, shop.north, on_hand_qty=100)
        support.stock_level(conn, shop.scarce, shop.north, on_hand_qty=5)
        conn.exec_driver_sql(
            "UPDATE product SET is_discontinued = 1 WHERE product_id = %s", (shop.retired,)
        )
    return shop


@pytest.fixture(scope="module")
def orders(engine: Engine, shop: SimpleNamespace) -> SimpleNamespace:
    """Orders in each state for the refusals: open, shipped (one unit returned), cancelled."""
    found = SimpleNamespace()
    found.open = place(engine, shop, lines((shop.scarce, 3)))  # leaves 2 of 5 available
    found.shipped = place(engine, shop, lines((shop.widget, 3)))
    call(engine, "ship_sales_order", found.shipped)
    found.cancelled = place(engine, shop, lines((shop.widget, 1)))
    call(engine, "cancel_sales_order", found.cancelled)
    found.open_line, found.shipped_line, found.cancelled_line = (
        order_lines_of(engine, order)[0]["sales_order_line_id"]
        for order in (found.open, found.shipped, found.cancelled)
    )
    call(engine, "return_sales_order_line", found.shipped_line, 1, "first return")
    return found


def test_placing_an_order_reserves_its_stock_without_moving_it(engine, shop) -> None:
    first = stocked_product(engine, shop.north, 20, unit_price=2.5)
    second = stocked_product(engine, shop.north, 10, unit_price=4)
    order = place(engine, shop, lines((second, 4), (first, 5)))

    assert status_of(engine, order) == "open"
    ordered = [(line["product_id"], line["ordered_qty"]) for line in order_lines_of(engine, order)]
    assert ordered == [(first, 5), (second, 4)]
    assert stock(engine, first, shop.north) == (20, 5)
    assert stock(engine, second, shop.north) == (10, 4)
    assert movements_of(engine, order) == []


def test_lines_are_priced_at_the_list_price_unless_a_price_is_given(engine, shop) -> None:
    listed = stocked_product(engine, shop.north, 5, unit_price=2.5)
    agreed = stocked_product(engine, shop.north, 5, unit_price=9.99)
    order = place(
        engine,
        shop,
        lines((listed, 1), {"product_id": agreed, "qty": 1, "unit_price": 7.25}),
    )
    assert [line["unit_price"] for line in order_lines_of(engine, order)] == [
        Decimal("2.50"),
        Decimal("7.25"),
    ]


def test_shipping_issues_each_line_with_one_sale_movement(engine, shop) -> None:
    first = stocked_product(engine, shop.north, 20)
    second = stocked_product(engine, shop.north, 10)
    order = place(engine, shop, lines((first, 5), (second, 4)))
    call(engine, "ship_sales_order", order)

    assert stock(engine, first, shop.north) == (15, 0)
    assert stock(engine, second, shop.north) == (6, 0)
    order_lines = order_lines_of(engine, order)
    assert [line["shipped_qty"] for line in order_lines] == [5, 4]
    assert movements_of(engine, order) == [
        {"movement_type": "sale", "product_id": first, "warehouse_id": shop.north,
         "change_qty": -5, "balance_after_qty": 15,
         "sales_order_line_id": order_lines[0]["sales_order_line_id"], "reason": None},
        {"movement_type": "sale", "product_id": second, "warehouse_id": shop.north,
         "change_qty": -4, "balance_after_qty": 6,
         "sales_order_line_id": order_lines[1]["sales_order_line_id"], "reason": None},
    ]  # fmt: skip
    [state] = rows(
        engine,
        "SELECT status, shipped_at IS NOT NULL AS has_shipped_at FROM sales_order "
        "WHERE sales_order_id = %s",
        (order,),
    )
    assert state == {"status": "shipped", "has_shipped_at": 1}


def test_shipping_invoices_the_order_line_by_line(engine, shop) -> None:
    first = stocked_product(engine, shop.north, 20, unit_price=2.5)
    second = stocked_product(engine, shop.north, 10)
    order = place(
        engine, shop, lines((first, 3), {"product_id": second, "qty": 2, "unit_price": 1.99})
    )
    [result] = call(engine, "ship_sales_order", order)

    [invoice] = rows(
        engine,
        "SELECT invoice_id, status, total_amount, issued_at, due_date FROM invoice "
        "WHERE sales_order_id = %s",
        (order,),
    )
    assert result == {
        "sales_order_id": order,
        "invoice_id": invoice["invoice_id"],
        "total_amount": Decimal("11.48"),
    }
    assert invoice["status"] == "issued"
    assert invoice["total_amount"] == Decimal("11.48")
    assert invoice["due_date"] == invoice["issued_at"].date() + timedelta(days=30)
    billed = rows(
        engine,
        "SELECT sol.product_id, il.invoiced_qty, il.unit_price, il.line_total "
        "FROM invoice_line AS il JOIN sales_order_line AS sol "
        "ON il.sales_order_line_id = sol.sales_order_line_id "
        "WHERE il.invoice_id = %s ORDER BY sol.product_id",
        (invoice["invoice_id"],),
    )
    assert [tuple(line.values()) for line in billed] == [
        (first, 3, Decimal("2.50"), Decimal("7.50")),
        (second, 2, Decimal("1.99"), Decimal("3.98")),
    ]
    assert sum(line["line_total"] for line in billed) == invoice["total_amount"]


def test_nothing_ships_from_a_warehouse_closed_after_the_order_was_placed(engine, shop) -> None:
    with engine.begin() as conn:
        closing = support.warehouse(conn)
        product = support.product(conn)
        support.stock_level(conn, product, closing, on_hand_qty=10)
    [placed] = call(engine, "place_sales_order", shop.customer, closing, lines((product, 4)))
    order = placed["sales_order_id"]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (closing,)
        )
    assert_refused(
        engine,
        "ship_sales_order",
        (order,),
        f"warehouse {closing} of sales order {order} is inactive: nothing ships from it",
    )
    call(engine, "cancel_sales_order", order)
    assert status_of(engine, order) == "cancelled"
    assert stock(engine, product, closing) == (10, 0)


def test_cancelling_releases_the_reservation_and_moves_nothing(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 8)
    order = place(engine, shop, lines((product, 6)))
    [result] = call(engine, "cancel_sales_order", order)

    assert result["status"] == "cancelled"
    assert result["cancelled_at"] is not None
    assert stock(engine, product, shop.north) == (8, 0)
    assert movements_of(engine, order) == []
    assert scalar(engine, "SELECT COUNT(*) FROM invoice WHERE sales_order_id = %s", (order,)) == 0


def test_a_return_puts_stock_back_with_its_own_movement(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10)
    order = place(engine, shop, lines((product, 6)))
    call(engine, "ship_sales_order", order)
    [line] = order_lines_of(engine, order)

    returned = (line["sales_order_line_id"], 2, "\tdented\n")  # the reason trimmed (0043)
    [result] = call(engine, "return_sales_order_line", *returned)
    assert result == {
        "sales_order_line_id": line["sales_order_line_id"],
        "shipped_qty": 6,
        "returned_qty": 2,
        "on_hand_qty": 6,
        "invoice_id": invoice_of(engine, order),
        "credit_note_id": result["credit_note_id"],  # tests/routines/test_credit_notes.py
        "credited_amount": Decimal("20.00"),  # 2 units at the billed 10.00
        "settlement": "deducted",  # the invoice is not paid yet
    }
    assert movements_of(engine, order)[-1] == {
        "movement_type": "return", "product_id": product, "warehouse_id": shop.north,
        "change_qty": 2, "balance_after_qty": 6,
        "sales_order_line_id": line["sales_order_line_id"], "reason": "dented",
    }  # fmt: skip


def test_returns_add_up_to_at_most_what_shipped(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10)
    order = place(engine, shop, lines((product, 4)))
    call(engine, "ship_sales_order", order)
    [line] = order_lines_of(engine, order)
    call(engine, "return_sales_order_line", line["sales_order_line_id"], 1, None)
    call(engine, "return_sales_order_line", line["sales_order_line_id"], 3, "rest of it")

    assert order_lines_of(engine, order)[0]["returned_qty"] == 4
    assert stock(engine, product, shop.north) == (10, 0)
    assert_refused(
        engine,
        "return_sales_order_line",
        (line["sales_order_line_id"], 1, None),
        "only 0 shipped and not yet returned",
    )


def test_a_counter_sale_ships_and_invoices_in_one_step(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10, unit_price=3)
    [result] = call(engine, "sell_at_counter", shop.customer, shop.north, lines((product, 4)))
    order = result["sales_order_id"]

    assert result["total_amount"] == Decimal("12.00")
    assert status_of(engine, order) == "shipped"
    assert stock(engine, product, shop.north) == (6, 0)
    assert [m["change_qty"] for m in movements_of(engine, order)] == [-4]
    assert scalar(
        engine, "SELECT total_amount FROM invoice WHERE invoice_id = %s", (result["invoice_id"],)
    ) == Decimal("12.00")


def test_the_lines_may_run_past_64_kb_of_json(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10, unit_price=3)
    padded = lines((product, 2))[:-1] + " " * 70_000 + "]"
    [result] = call(engine, "sell_at_counter", shop.customer, shop.north, padded)
    assert result["total_amount"] == Decimal("6.00")


def test_a_counter_sale_issues_its_lines_in_product_order_however_listed(engine, shop) -> None:
    first = stocked_product(engine, shop.north, 10, unit_price=1)
    second = stocked_product(engine, shop.north, 10, unit_price=2)
    third = stocked_product(engine, shop.north, 10, unit_price=3)
    [result] = call(
        engine, "sell_at_counter", shop.customer, shop.north,
        lines((third, 3), (first, 1), (second, 2)),
    )  # fmt: skip
    order = result["sales_order_id"]

    # Movements are written as the stock rows are locked: in product order, as placing locks.
    assert [(m["product_id"], m["change_qty"], m["balance_after_qty"])
            for m in movements_of(engine, order)] == [(first, -1, 9), (second, -2, 8),
                                                      (third, -3, 7)]  # fmt: skip
    assert [
        (line["ordered_qty"], line["shipped_qty"]) for line in order_lines_of(engine, order)
    ] == [(1, 1), (2, 2), (3, 3)]
    [state] = rows(
        engine,
        "SELECT so.status, so.shipped_at >= so.ordered_at AS shipped_after_ordered, "
        "i.total_amount, (SELECT SUM(line_total) FROM invoice_line AS il "
        "WHERE il.invoice_id = i.invoice_id) AS invoiced FROM sales_order AS so "
        "JOIN invoice AS i ON i.sales_order_id = so.sales_order_id WHERE so.sales_order_id = %s",
        (order,),
    )
    assert state == {"status": "shipped", "shipped_after_ordered": 1,
                     "total_amount": Decimal("14.00"), "invoiced": Decimal("14.00")}  # fmt: skip
    assert result["total_amount"] == Decimal("14.00")


def test_stock_reserved_for_open_orders_cannot_be_sold_again(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10)
    place(engine, shop, lines((product, 7)))
    message = f"insufficient stock of product {product} in warehouse {shop.north}: 3 available"
    assert_refused(
        engine, "place_sales_order", (shop.customer, shop.north, lines((product, 4))), message
    )
    assert_refused(
        engine, "sell_at_counter", (shop.customer, shop.north, lines((product, 4))), message
    )
    call(engine, "sell_at_counter", shop.customer, shop.north, lines((product, 3)))
    assert stock(engine, product, shop.north) == (7, 7)


def test_selling_down_to_the_reorder_point_raises_a_low_stock_alert(engine, shop) -> None:
    product = stocked_product(engine, shop.north, 10, reorder_point=4)
    open_alerts = (
        "SELECT COUNT(*) FROM stock_alert WHERE product_id = %s AND warehouse_id = %s "
        "AND status = 'open'"
    )
    order = place(engine, shop, lines((product, 6)))
    assert scalar(engine, open_alerts, (product, shop.north)) == 1
    call(engine, "cancel_sales_order", order)
    assert scalar(engine, open_alerts, (product, shop.north)) == 0


# Each case: procedure, arguments ({name} is a shop or orders attribute), and the words the
# refusal must contain ({name} filled in the same way).
BAD_INPUT = [
    # place_sales_order: who and where
    ("place_sales_order", (None, "{north}", "[widget]"), "unknown customer NULL"),
    ("place_sales_order", (UNKNOWN, "{north}", "[widget]"), f"unknown customer {UNKNOWN}"),
    ("place_sales_order", ("{customer}", UNKNOWN, "[widget]"), f"unknown warehouse {UNKNOWN}"),
    ("place_sales_order", ("{customer}", None, "[widget]"), "unknown warehouse NULL"),
    ("place_sales_order", ("{customer}", "{closed}", "[widget]"), "warehouse {closed} is inactive"),
    # place_sales_order: the JSON itself
    ("place_sales_order", ("{customer}", "{north}", None), "lines are not valid JSON: NULL"),
    ("place_sales_order", ("{customer}", "{north}", "2 widgets"), "not valid JSON: 2 widgets"),
    ("place_sales_order", ("{customer}", "{north}", '{"qty": 1}'), 'JSON array, got {"qty": 1}'),
    ("place_sales_order", ("{customer}", "{north}", "[]"), "needs at least one line"),
    ("place_sales_order", ("{customer}", "{north}", "[7]"), "line 1 is not an object: 7"),
    ("place_sales_order", ("{customer}", "{north}", '[{"qty": 1}]'), "line 1 has no product_id"),
    ("place_sales_order", ("{customer}", "{north}", '[{"product_id": 1}]'), "line 1 has no qty"),
    # place_sales_order: the keys (an escaped or repeated key is one the checks never read)
    ("place_sales_order",
     ("{customer}", "{north}", '[{"product_id": {widget}, "q\\u0074y": 60, "qty": 1}]'),
     "line 1 may have product_id, qty and unit_price, each once"),
    ("place_sales_order",
     ("{customer}", "{north}", '[{"product_id": {widget}, "qty": 60, "qty": 1}]'),
     "line 1 may have product_id, qty and unit_price, each once"),
    ("place_sales_order",
     ("{customer}", "{north}", '[{"product_id": {widget}, "qty": 1, "unit_pric\\u0065": 0.5}]'),
     "line 1 may have product_id, qty and unit_price, each once"),
    ("sell_at_counter",
     ("{customer}", "{north}", '[{"product_id": {widget}, "qty": 1, "price": 1}]'),
     'each once: {"product_id": {widget}, "qty": 1, "price": 1}'),
    # place_sales_order: the values in a line
    ("place_sales_order", ("{customer}", "{north}", '[{"product_id": "x", "qty": 1}]'),
     'product_id must be a positive integer, got "x"'),
    ("place_sales_order", ("{customer}", "{north}", '[{"product_id": -3, "qty": 1}]'),
     "product_id must be a positive integer, got -3"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:0]"),
     "line 1: qty must be a positive integer, got 0"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:-2]"), "integer, got -2"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:1.5]"), "integer, got 1.5"),
    ("place_sales_order", ("{customer}", "{north}", '[widget:"3"]'), 'integer, got "3"'),
    ("place_sales_order", ("{customer}", "{north}", "[widget:null]"), "integer, got null"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:1e2]"), "line 1: qty must be"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:3000000000]"),
     "integer, got 3000000000"),
    ("place_sales_order", ("{customer}", "{north}", "[widget, gadget:0]"),
     "line 2: qty must be a positive integer, got 0"),
    ("place_sales_order", ("{customer}", "{north}", "[widget@-1]"),
     "unit_price must be an amount >= 0 with 2 decimals at most, got -1"),
    ("place_sales_order", ("{customer}", "{north}", "[widget@1.234]"), "at most, got 1.234"),
    ("place_sales_order", ("{customer}", "{north}", '[widget@"5"]'), 'at most, got "5"'),
    # place_sales_order: the products
    ("place_sales_order", ("{customer}", "{north}", f'[{{"product_id": {UNKNOWN}, "qty": 1}}]'),
     f"unknown product {UNKNOWN}"),
    ("place_sales_order", ("{customer}", "{north}", "[widget, retired]"),
     "product {retired} is discontinued"),
    ("place_sales_order", ("{customer}", "{north}", "[widget, gadget, widget]"),
     "product {widget} is listed more than once"),
    ("place_sales_order", ("{customer}", "{north}", "[unstocked]"),
     "product {unstocked} is not stocked in warehouse {north}"),
    ("place_sales_order", ("{customer}", "{north}", "[scarce:3]"),
     "insufficient stock of product {scarce} in warehouse {north}: 2 available, 3 requested"),
    ("place_sales_order", ("{customer}", "{north}", "[widget:2000000000@9999999999]"),
     "exceeds the largest invoice amount, 9999999999.99"),
    # ship_sales_order and cancel_sales_order
    ("ship_sales_order", (UNKNOWN,), f"unknown sales order {UNKNOWN}"),
    ("ship_sales_order", (None,), "unknown sales order NULL"),
    ("ship_sales_order", ("{shipped}",), "sales order {shipped} is shipped, not open"),
    ("ship_sales_order", ("{cancelled}",), "sales order {cancelled} is cancelled, not open"),
    ("cancel_sales_order", (UNKNOWN,), f"unknown sales order {UNKNOWN}"),
    ("cancel_sales_order", ("{shipped}",), "sales order {shipped} is shipped, not open"),
    ("cancel_sales_order", ("{cancelled}",), "sales order {cancelled} is cancelled, not open"),
    # return_sales_order_line
    ("return_sales_order_line", (UNKNOWN, 1, "x"), f"unknown sales order line {UNKNOWN}"),
    ("return_sales_order_line", ("{shipped_line}", 0, "x"), "must be positive, got 0"),
    ("return_sales_order_line", ("{shipped_line}", -1, "x"), "must be positive, got -1"),
    ("return_sales_order_line", ("{shipped_line}", None, "x"), "must be positive, got NULL"),
    (
        "return_sales_order_line",
        ("{shipped_line}", 1, "r" * 256),
        "reason is longer than 255 characters: rrrr",
    ),
    ("return_sales_order_line", ("{shipped_line}", 1.5, "x"),
     "return quantity must be a whole number, got 1.5"),
    ("return_sales_order_line", ("{shipped_line}", 3000000000, "x"),
     "return quantity must be between -2147483648 and 2147483647, got 3000000000"),
    ("return_sales_order_line", ("{open_line}", 1, "x"),
     "sales order {open} of line {open_line} is open, not shipped"),
    ("return_sales_order_line", ("{cancelled_line}", 1, "x"), "is cancelled, not shipped"),
    ("return_sales_order_line", ("{shipped_line}", 3, "x"),
     "cannot return 3 of sales order line {shipped_line}: only 2 shipped and not yet returned"),
    # sell_at_counter
    ("sell_at_counter", (UNKNOWN, "{north}", "[widget]"), f"unknown customer {UNKNOWN}"),
    ("sell_at_counter", ("{customer}", "{north}", "[{"), "lines are not valid JSON: [{"),
    ("sell_at_counter", ("{customer}", "{north}", "[retired]"),
     "product {retired} is discontinued"),
    ("sell_at_counter", ("{customer}", "{north}", "[unstocked]"),
     "product {unstocked} is not stocked in warehouse {north}"),
    ("sell_at_counter", ("{customer}", "{north}", "[scarce:3]"),
     "insufficient stock of product {scarce} in warehouse {north}: 2 available"),
]  # fmt: skip


def shorthand_lines(text: str, names: dict[str, int]) -> str:
    """'[widget, gadget:0, widget@1.5]' -> JSON lines: a product name, then optionally :qty
    (default 1) and @unit_price, each written into the JSON as is (so bad values stay bad)."""
    items = []
    for item in text.strip("[]").split(", "):
        item, _, price = item.partition("@")
        name, _, qty = item.partition(":")
        fields = [f'"product_id": {names[name]}', f'"qty": {qty or 1}']
        if price:
            fields.append(f'"unit_price": {price}')
        items.append("{" + ", ".join(fields) + "}")
    return "[" + ", ".join(items) + "]"


def fill(text: str, names: dict[str, int]) -> str:
    """Each {name} of `names` in the text replaced by its id; other braces left as they are."""
    return re.sub(r"\{(\w+)\}", lambda m: str(names.get(m[1], m[0])), text)


def bind(value: Any, names: dict[str, int]) -> Any:
    if not isinstance(value, str):
        return value
    if value.startswith("{") and value.endswith("}") and value[1:-1] in names:
        return names[value[1:-1]]
    if value.startswith("[") and value[1:2].isalpha():
        return shorthand_lines(value, names)
    return fill(value, names)


@pytest.mark.parametrize(("procedure", "args", "message"), BAD_INPUT)
def test_bad_input_is_refused_by_name_and_writes_nothing(
    engine, shop, orders, procedure, args, message
) -> None:
    names = {**vars(shop), **vars(orders)}
    assert_refused(engine, procedure, [bind(arg, names) for arg in args], fill(message, names))


def test_the_sales_leave_the_data_sound(engine, shop, orders) -> None:
    assert_data_sound(engine)
