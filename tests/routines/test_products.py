"""Product maintenance: adding stocks a product everywhere, updates keep what is not given,
reorder parameters are set per warehouse, and a product with history is discontinued, never
deleted."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from tests import support
from tests.support import assert_data_sound, assert_refused, call, scalar, sessions_running

UNKNOWN = 987654321


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """Two active warehouses, one closed, two categories, a customer and a supplier."""
    with engine.begin() as conn:
        north, south = support.warehouse(conn), support.warehouse(conn)
        closed = support.warehouse(conn)
        close_warehouse(conn, closed)
        return SimpleNamespace(
            north=north,
            south=south,
            closed=closed,
            tools=support.category(conn),
            garden=support.category(conn),
            customer=support.customer(conn),
            supplier=support.supplier(conn),
        )


def close_warehouse(conn: Connection, warehouse_id: int) -> None:
    conn.exec_driver_sql(
        "UPDATE warehouse SET is_active = 0 WHERE warehouse_id = %s", (warehouse_id,)
    )


@pytest.fixture
def opened(engine: Engine) -> Iterator[int]:
    """A warehouse opened after the products were added; closed again afterwards, so that
    later tests still see two active warehouses."""
    with engine.begin() as conn:
        warehouse_id = support.warehouse(conn)
    yield warehouse_id
    with engine.begin() as conn:
        close_warehouse(conn, warehouse_id)


def add(engine: Engine, shop: SimpleNamespace, sku: str, rop: int = 5, qty: int = 20) -> int:
    rows = call(engine, "add_product", sku, f"Product {sku}", shop.tools, 9.99, rop, qty)
    return rows[0]["product_id"]


def stock_levels(engine: Engine, product_id: int) -> dict[int, tuple[int, int, int]]:
    """warehouse_id -> (on hand, reorder point, target) for the product."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT warehouse_id, on_hand_qty, reorder_point_qty, target_qty FROM stock_level "
            "WHERE product_id = %s",
            (product_id,),
        )
        return {row[0]: tuple(row[1:]) for row in rows}


def product_row(engine: Engine, product_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT sku, name, category_id, unit_price, is_discontinued FROM product "
            "WHERE product_id = %s",
            (product_id,),
        ).one_or_none()
        return None if row is None else dict(row._mapping)


def open_alerts(engine: Engine, product_id: int) -> int:
    return scalar(
        engine,
        "SELECT COUNT(*) FROM stock_alert WHERE product_id = %s AND status = 'open'",
        (product_id,),
    )


# --- adding ---------------------------------------------------------------------------------


def test_adding_a_product_stocks_it_at_zero_in_every_active_warehouse(engine, shop) -> None:
    rows = call(engine, "add_product", "ADD-1", "Claw hammer", shop.tools, 12.5, 4, 16)
    assert rows == [
        {"product_id": rows[0]["product_id"], "sku": "ADD-1", "stocked_warehouse_count": 2}
    ]
    product_id = rows[0]["product_id"]
    assert stock_levels(engine, product_id) == {shop.north: (0, 4, 20), shop.south: (0, 4, 20)}
    assert product_row(engine, product_id) == {
        "sku": "ADD-1",
        "name": "Claw hammer",
        "category_id": shop.tools,
        "unit_price": Decimal("12.50"),
        "is_discontinued": 0,
    }


def test_sku_and_name_are_stored_without_surrounding_blanks(engine, shop) -> None:
    rows = call(engine, "add_product", "  ADD-2 ", " Mallet  ", shop.tools, 3, 0, 0)
    assert product_row(engine, rows[0]["product_id"])["sku"] == "ADD-2"
    assert product_row(engine, rows[0]["product_id"])["name"] == "Mallet"


def test_sku_and_name_lose_tabs_and_line_breaks_at_their_ends_too(engine, shop) -> None:
    """As every text since revision 0033 does (revision 0037): TRIM cut spaces only."""
    [row] = call(engine, "add_product", "\tADD-TAB\r\n", "\n Mallet\t", shop.tools, 3, 0, 0)
    assert product_row(engine, row["product_id"])["sku"] == "ADD-TAB"
    assert product_row(engine, row["product_id"])["name"] == "Mallet"
    call(engine, "update_product", row["product_id"], "Rubber mallet\n", None, None)
    assert product_row(engine, row["product_id"])["name"] == "Rubber mallet"


def test_a_new_empty_product_is_low_everywhere_so_each_warehouse_has_an_open_alert(
    engine, shop
) -> None:
    product_id = add(engine, shop, "ADD-3")
    assert open_alerts(engine, product_id) == 2


def running_calls(engine: Engine, procedure: str) -> int:
    return sessions_running(engine, f"CALL {procedure}(")


def test_a_sku_added_twice_at_once_gives_one_product_and_a_clear_refusal(engine, shop) -> None:
    """The second caller runs while the first has inserted the SKU but not committed: it is
    blocked by the first's lock (at its check or at the unique key) and, once the first
    commits, refused with the message the check gives, whichever of the two stopped it."""
    outcome: list[BaseException | list] = []
    with engine.connect() as first:
        first.exec_driver_sql(
            "INSERT INTO product (sku, name, category_id, unit_price) "
            "VALUES ('RACE-1', 'First', %s, 1)",
            (shop.tools,),
        )
        second = threading.Thread(
            target=lambda: outcome.append(
                capture(
                    lambda: call(engine, "add_product", "RACE-1", "Second", shop.tools, 1, 0, 0)
                )
            )
        )
        second.start()
        deadline = time.monotonic() + 30
        while not running_calls(engine, "add_product") and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.5)  # a call that took no lock would have finished by now
        assert running_calls(engine, "add_product") == 1, "the second caller must be held up"
        first.commit()
        second.join()
    assert isinstance(outcome[0], sa.exc.OperationalError), outcome
    assert outcome[0].orig.args == (1644, "SKU 'RACE-1' is already in use")
    assert scalar(engine, "SELECT COUNT(*) FROM product WHERE sku = 'RACE-1'") == 1


def capture(action: Callable[[], list]) -> BaseException | list:
    try:
        return action()
    except Exception as exc:  # handed over to the test, which asserts on it
        return exc


# --- updating -------------------------------------------------------------------------------


def test_update_changes_only_the_values_given(engine, shop) -> None:
    product_id = add(engine, shop, "UPD-1")
    before = product_row(engine, product_id)
    rows = call(engine, "update_product", product_id, None, shop.garden, None)
    assert rows[0]["category_id"] == shop.garden
    assert product_row(engine, product_id) == {**before, "category_id": shop.garden}
    call(engine, "update_product", product_id, "Spade", None, 0)
    assert product_row(engine, product_id) == {
        **before,
        "category_id": shop.garden,
        "name": "Spade",
        "unit_price": 0,
    }


@pytest.mark.parametrize("price", ["0.29", "1.15", "123456.78", "9999999999.99"])
def test_a_price_with_two_decimals_is_stored_exactly(engine, shop, price) -> None:
    product_id = add(engine, shop, f"PRICE-{price}")
    [row] = call(engine, "update_product", product_id, None, None, Decimal(price))
    assert row["unit_price"] == Decimal(price)


# --- reorder parameters ---------------------------------------------------------------------


def test_reorder_parameters_for_one_warehouse_leave_the_others_alone(engine, shop) -> None:
    product_id = add(engine, shop, "ROP-1", rop=5, qty=20)
    rows = call(engine, "set_reorder_parameters", product_id, shop.south, 8, 12)
    assert rows == [
        {
            "product_id": product_id,
            "warehouse_id": shop.south,
            "reorder_point_qty": 8,
            "target_qty": 20,
            "reorder_qty": 12,
            "available_qty": 0,
        }
    ]
    assert stock_levels(engine, product_id) == {shop.north: (0, 5, 25), shop.south: (0, 8, 20)}


def test_reorder_parameters_without_a_warehouse_apply_to_every_stocking_warehouse(
    engine, shop
) -> None:
    product_id = add(engine, shop, "ROP-2", rop=5, qty=20)
    rows = call(engine, "set_reorder_parameters", product_id, None, 2, 3)
    assert [row["warehouse_id"] for row in rows] == sorted([shop.north, shop.south])
    assert stock_levels(engine, product_id) == {shop.north: (0, 2, 5), shop.south: (0, 2, 5)}


def test_reorder_parameters_for_a_new_active_warehouse_start_stocking_it_there(
    engine, shop, opened
) -> None:
    product_id = add(engine, shop, "ROP-3")
    call(engine, "set_reorder_parameters", product_id, opened, 1, 9)
    assert stock_levels(engine, product_id)[opened] == (0, 1, 10)
    assert_data_sound(engine)


def test_lowering_the_reorder_point_below_available_stock_resolves_the_alert(engine, shop) -> None:
    product_id = add(engine, shop, "ROP-4", rop=10, qty=10)
    call(engine, "adjust_stock", product_id, shop.north, 6, "opening stock")
    assert open_alerts(engine, product_id) == 2
    call(engine, "set_reorder_parameters", product_id, shop.north, 5, 10)
    assert open_alerts(engine, product_id) == 1
    assert_data_sound(engine)


# --- discontinuing and deleting -------------------------------------------------------------


def test_discontinuing_keeps_the_product_and_its_stock(engine, shop) -> None:
    product_id = add(engine, shop, "DIS-1")
    call(engine, "adjust_stock", product_id, shop.north, 7, "opening stock")
    rows = call(engine, "discontinue_product", product_id)
    assert rows[0]["is_discontinued"] == 1
    assert product_row(engine, product_id)["is_discontinued"] == 1
    assert stock_levels(engine, product_id)[shop.north] == (7, 5, 25)


def test_a_product_without_history_is_deleted_with_its_levels_alerts_and_offers(
    engine, shop
) -> None:
    product_id = add(engine, shop, "DEL-1")
    with engine.begin() as conn:
        support.product_supplier(conn, product_id, shop.supplier)
    rows = call(engine, "delete_product", product_id)
    assert rows == [
        {
            "product_id": product_id,
            "sku": "DEL-1",
            "deleted_stock_level_count": 2,
            "deleted_alert_count": 2,
            "deleted_offer_count": 1,
        }
    ]
    assert product_row(engine, product_id) is None
    for table in ("stock_level", "stock_alert", "product_supplier"):
        count = scalar(engine, f"SELECT COUNT(*) FROM {table} WHERE product_id = %s", (product_id,))
        assert count == 0, table


def test_maintenance_leaves_the_ledger_and_alerts_sound(engine, shop) -> None:
    # Checked here, before the tests below insert history rows directly (an order line
    # without its reservation, say) that only serve to make a delete refuse.
    assert_data_sound(engine)


def give_movement(conn: Connection, product_id: int, shop: SimpleNamespace) -> None:
    conn.exec_driver_sql(
        "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
        "balance_after_qty, reason) VALUES (%s, %s, 'adjustment', 3, 3, 'found')",
        (product_id, shop.north),
    )
    conn.exec_driver_sql(
        "UPDATE stock_level SET on_hand_qty = 3 WHERE product_id = %s AND warehouse_id = %s",
        (product_id, shop.north),
    )


def give_sales_line(conn: Connection, product_id: int, shop: SimpleNamespace) -> None:
    order = support.sales_order(conn, shop.customer, shop.north)
    support.sales_order_line(conn, order, product_id, 1, 9.99)


def give_purchase_line(conn: Connection, product_id: int, shop: SimpleNamespace) -> None:
    order = support.purchase_order(conn, shop.supplier, shop.north)
    support.purchase_order_line(conn, order, product_id, 10, 4.5)


def give_resolved_alert(conn: Connection, product_id: int, shop: SimpleNamespace) -> None:
    conn.exec_driver_sql(
        "INSERT INTO stock_alert (product_id, warehouse_id, status, available_qty, "
        "reorder_point_qty, resolved_at) VALUES (%s, %s, 'resolved', 0, 5, UTC_TIMESTAMP())",
        (product_id, shop.south),
    )


@pytest.mark.parametrize(
    ("give_history", "history"),
    [
        (give_movement, "stock movements"),
        (give_sales_line, "sales order lines"),
        (give_purchase_line, "purchase order lines"),
        (give_resolved_alert, "resolved low-stock alerts"),
    ],
)
def test_a_product_with_history_is_not_deleted_and_the_message_says_discontinue_it(
    engine, shop, give_history: Callable, history: str
) -> None:
    product_id = add(engine, shop, f"HIST-{history.split()[0]}")
    with engine.begin() as conn:
        give_history(conn, product_id, shop)
    assert_refused(
        engine,
        "delete_product",
        [product_id],
        f"product {product_id} has history ({history}): discontinue it instead",
    )


def test_a_product_with_stock_on_hand_but_no_ledger_is_not_deleted(engine, shop) -> None:
    product_id = add(engine, shop, "HIST-onhand")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_level SET on_hand_qty = 1 WHERE product_id = %s AND warehouse_id = %s",
            (product_id, shop.north),
        )
    try:
        assert_refused(engine, "delete_product", [product_id], "has history (stock on hand)")
    finally:  # undo the deliberately unledgered stock
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE stock_level SET on_hand_qty = 0 WHERE product_id = %s", (product_id,)
            )


def test_a_refused_delete_leaves_the_product_usable_and_discontinuable(engine, shop) -> None:
    product_id = add(engine, shop, "HIST-after")
    call(engine, "adjust_stock", product_id, shop.south, 2, "found")
    with pytest.raises(sa.exc.OperationalError, match="discontinue it instead"):
        call(engine, "delete_product", product_id)
    call(engine, "discontinue_product", product_id)
    assert product_row(engine, product_id)["is_discontinued"] == 1


# --- bad input ------------------------------------------------------------------------------

LONG_SKU = "S" * 41
LONG_NAME = "N" * 201
HUGE_SKU, HUGE_NAME = "S" * 300, "N" * 1001  # longer than the parameters once were
AMOUNT_RULE = "unit price must be an amount from 0 to 9999999999.99 with 2 decimals at most"


@pytest.fixture(scope="module")
def existing(engine: Engine, shop: SimpleNamespace) -> SimpleNamespace:
    """A product to collide with and refer to, and one already discontinued."""
    product_id = add(engine, shop, "HAVE-1")
    gone = add(engine, shop, "GONE-1")
    call(engine, "discontinue_product", gone)
    return SimpleNamespace(product=product_id, discontinued=gone)


BAD_INPUT = [
    # add_product(sku, name, category, price, reorder point, reorder qty)
    ("add_product", ("  ", "x", "{tools}", 1, 0, 0), "SKU must not be blank, got '  '"),
    ("add_product", (None, "x", "{tools}", 1, 0, 0), "SKU must not be blank, got NULL"),
    ("add_product", ("HAVE-1", "x", "{tools}", 1, 0, 0), "SKU 'HAVE-1' is already in use"),
    ("add_product", (" have-1", "x", "{tools}", 1, 0, 0), "SKU 'have-1' is already in use"),
    ("add_product", ("HAVE-1\n", "x", "{tools}", 1, 0, 0), "SKU 'HAVE-1' is already in use"),
    ("add_product", ("\t\n", "x", "{tools}", 1, 0, 0), "SKU must not be blank, got '\t\n'"),
    ("add_product", ("AB\nC", "x", "{tools}", 1, 0, 0), "SKU must not hold a tab, line break or"),
    ("add_product", ("AB\u2028C", "x", "{tools}", 1, 0, 0), "SKU must not hold a tab, line break"),
    ("add_product", ("NEW-1", "\t", "{tools}", 1, 0, 0), "name must not be blank, got '\t'"),
    ("add_product", (LONG_SKU, "x", "{tools}", 1, 0, 0), "longer than 40 characters: SSS"),
    ("add_product", ("NEW-1", " ", "{tools}", 1, 0, 0), "name must not be blank, got ' '"),
    ("add_product", ("NEW-1", None, "{tools}", 1, 0, 0), "name must not be blank, got NULL"),
    ("add_product", ("NEW-1", LONG_NAME, "{tools}", 1, 0, 0), "longer than 200 characters"),
    ("add_product", ("NEW-1", "x", UNKNOWN, 1, 0, 0), f"unknown category {UNKNOWN}"),
    ("add_product", ("NEW-1", "x", None, 1, 0, 0), "unknown category NULL"),
    ("add_product", ("NEW-1", "x", "{tools}", -0.01, 0, 0), "price must be 0 or more, got -0.01"),
    ("add_product", ("NEW-1", "x", "{tools}", None, 0, 0), "price must be 0 or more, got NULL"),
    ("add_product", ("NEW-1", "x", "{tools}", 0.125, 0, 0), f"{AMOUNT_RULE}, got 0.125"),
    ("add_product", ("NEW-1", "x", "{tools}", -0.001, 0, 0), "price must be 0 or more, got -0.001"),
    ("add_product", ("NEW-1", "x", "{tools}", 1e10, 0, 0), f"{AMOUNT_RULE}, got 10000000000"),
    ("add_product", (HUGE_SKU, "x", "{tools}", 1, 0, 0), "SKU is longer than 40 characters"),
    ("add_product", (" " * 240, "x", "{tools}", 1, 0, 0), "SKU must not be blank, got '   "),
    ("add_product", ("NEW-1", " " * 240, "{tools}", 1, 0, 0), "name must not be blank, got '  "),
    ("add_product", ("NEW-1", HUGE_NAME, "{tools}", 1, 0, 0), "longer than 200 characters"),
    ("add_product", ("NEW-1", "x", "{tools}", 1, -1, 0), "reorder point must be 0 or more, got -1"),
    ("add_product", ("NEW-1", "x", "{tools}", 1, None, 0), "reorder point must be 0 or more"),
    ("add_product", ("NEW-1", "x", "{tools}", 1, 0, -5), "reorder quantity must be 0 or more"),
    # a quantity is a whole number an INT holds (an INT parameter rounded 1.5 to 2 unseen)
    (
        "add_product",
        ("NEW-1", "x", "{tools}", 1, 1.5, 0),
        "reorder point must be a whole number, got 1.5",
    ),
    (
        "add_product",
        ("NEW-1", "x", "{tools}", 1, 0, 3000000000),
        "reorder quantity must be between -2147483648 and 2147483647, got 3000000000",
    ),
    (
        "add_product",
        ("NEW-1", "x", "{tools}", 1, 2147483000, 1000),
        "reorder point + reorder quantity (the target) must be at most 2147483647, "
        "got 2147483000 + 1000",
    ),
    # update_product(product, name, category, price)
    ("update_product", (UNKNOWN, "x", None, None), f"unknown product {UNKNOWN}"),
    ("update_product", ("{product}", None, None, None), "nothing to change for product"),
    ("update_product", ("{product}", "  ", None, None), "name must not be blank"),
    ("update_product", ("{product}", "\r\n", None, None), "name must not be blank, got '\r\n'"),
    ("update_product", ("{product}", LONG_NAME, None, None), "longer than 200 characters"),
    ("update_product", ("{product}", None, UNKNOWN, None), f"unknown category {UNKNOWN}"),
    ("update_product", ("{product}", None, None, -2), "price must be 0 or more, got -2"),
    # a price is what DECIMAL(12, 2) holds exactly (a DECIMAL parameter rounded it unseen)
    ("update_product", ("{product}", None, None, 12.345), f"{AMOUNT_RULE}, got 12.345"),
    ("update_product", ("{product}", None, None, -0.004), "price must be 0 or more, got -0.004"),
    ("update_product", ("{product}", None, None, 1e11), f"{AMOUNT_RULE}, got 100000000000"),
    # a text of any length is measured (a VARCHAR parameter refused it with a raw 1406)
    ("update_product", ("{product}", HUGE_NAME, None, None), "longer than 200 characters"),
    # set_reorder_parameters(product, warehouse, reorder point, reorder qty)
    ("set_reorder_parameters", (UNKNOWN, "{north}", 1, 1), f"unknown product {UNKNOWN}"),
    ("set_reorder_parameters", ("{product}", UNKNOWN, 1, 1), f"unknown warehouse {UNKNOWN}"),
    ("set_reorder_parameters", ("{product}", "{north}", -3, 1), "point must be 0 or more, got -3"),
    (
        "set_reorder_parameters",
        ("{product}", "{north}", 1, -4),
        "reorder quantity must be 0 or more, got -4",
    ),
    ("set_reorder_parameters", ("{product}", "{north}", 1, None), "quantity must be 0 or more"),
    (
        "set_reorder_parameters",
        ("{product}", "{north}", 1, 0.5),
        "reorder quantity must be a whole number, got 0.5",
    ),
    (
        "set_reorder_parameters",
        ("{product}", "{north}", 2147483647, 1),
        "the target) must be at most 2147483647, got 2147483647 + 1",
    ),
    ("set_reorder_parameters", ("{product}", "{closed}", 1, 1), "is inactive: it cannot start"),
    # discontinue_product(product), delete_product(product)
    ("discontinue_product", (UNKNOWN,), f"unknown product {UNKNOWN}"),
    ("discontinue_product", ("{discontinued}",), "is already discontinued"),
    ("delete_product", (UNKNOWN,), f"unknown product {UNKNOWN}"),
    ("delete_product", (None,), "unknown product NULL"),
]


@pytest.mark.parametrize(("procedure", "args", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_its_value_named(
    engine, shop, existing, procedure, args, message
) -> None:
    values = {**vars(shop), "product": existing.product, "discontinued": existing.discontinued}
    bound = [values[a[1:-1]] if isinstance(a, str) and a.startswith("{") else a for a in args]
    assert_refused(engine, procedure, bound, message)


def test_a_discontinued_product_is_not_stocked_in_a_new_warehouse(
    engine, shop, existing, opened
) -> None:
    assert_refused(
        engine,
        "set_reorder_parameters",
        [existing.discontinued, opened, 1, 1],
        f"product {existing.discontinued} is discontinued: it cannot be stocked in warehouse",
    )
