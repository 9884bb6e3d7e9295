"""`runner.py sale ...`: the commands place, ship, cancel and return orders and sell at the
counter through the procedures, print the result as a table, and show a refusal as one line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims.cli import main
from tests import support
from tests.support import run_cli, scalar

pytestmark = pytest.mark.usefixtures("runner_on_test_database")


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        shop = SimpleNamespace(customer=support.customer(conn), warehouse=support.warehouse(conn))
        shop.product = support.product(conn, unit_price=5)
        support.stock_level(conn, shop.product, shop.warehouse, on_hand_qty=20)
    return shop


def stock(engine: Engine, shop: SimpleNamespace) -> tuple[int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT on_hand_qty, reserved_qty FROM stock_level "
                "WHERE product_id = %s AND warehouse_id = %s",
                (shop.product, shop.warehouse),
            ).one()
        )


def newest_order(engine: Engine) -> int:
    return scalar(engine, "SELECT MAX(sales_order_id) FROM sales_order")


def order_args(shop: SimpleNamespace, *lines: str) -> list[object]:
    args: list[object] = ["--customer", shop.customer, "--warehouse", shop.warehouse]
    for line in lines:
        args += ["--line", line]
    return args


def test_sale_place_then_ship_reserves_then_issues_and_invoices(engine, shop, capsys) -> None:
    code, out, _ = run_cli(capsys, "sale", "place", *order_args(shop, f"{shop.product}:3"))
    order = newest_order(engine)
    assert code == 0
    assert "sales_order_id" in out and str(order) in out
    assert stock(engine, shop) == (20, 3)

    code, out, _ = run_cli(capsys, "sale", "ship", order)
    assert code == 0
    assert "invoice_id" in out and "15.00" in out
    assert stock(engine, shop) == (17, 0)


def test_sale_cancel_releases_the_reservation(engine, shop, capsys) -> None:
    run_cli(capsys, "sale", "place", *order_args(shop, f"{shop.product}:2"))
    code, out, _ = run_cli(capsys, "sale", "cancel", newest_order(engine))
    assert code == 0
    assert "cancelled" in out
    assert stock(engine, shop) == (17, 0)


def test_sale_counter_sells_at_the_given_price_and_return_takes_units_back(
    engine, shop, capsys
) -> None:
    code, out, _ = run_cli(capsys, "sale", "counter", *order_args(shop, f"{shop.product}:4:2.25"))
    assert code == 0
    assert "9.00" in out
    assert stock(engine, shop) == (13, 0)

    line = scalar(
        engine,
        "SELECT sales_order_line_id FROM sales_order_line WHERE sales_order_id = %s",
        (newest_order(engine),),
    )
    code, out, _ = run_cli(capsys, "sale", "return", line, 1, "--reason", "wrong colour")
    assert code == 0
    assert "returned_qty" in out
    assert "credited_amount" in out and "2.25" in out  # one unit at the price it was sold for
    assert stock(engine, shop) == (14, 0)


def test_a_refused_sale_is_one_line_naming_the_problem(engine, shop, capsys) -> None:
    code, _, err = run_cli(capsys, "sale", "counter", *order_args(shop, f"{shop.product}:999"))
    assert code == 1
    assert err.strip() == (
        f"error: insufficient stock of product {shop.product} in warehouse {shop.warehouse}: "
        "14 available, change -999"
    )
    assert stock(engine, shop) == (14, 0)


def test_a_malformed_line_is_refused_before_reaching_the_database(shop, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["sale", "place", *map(str, order_args(shop, "seven:2"))])
    assert "expected PRODUCT_ID:QTY[:UNIT_PRICE], got 'seven:2'" in capsys.readouterr().err


@pytest.mark.parametrize("price", ["nan", "1e400", "1e-400", "abc"])
def test_a_price_json_cannot_carry_is_refused_naming_it(shop, capsys, price) -> None:
    with pytest.raises(SystemExit):
        main(["sale", "counter", *map(str, order_args(shop, f"{shop.product}:1:{price}"))])
    expected = f"expected PRODUCT_ID:QTY[:UNIT_PRICE], got '{shop.product}:1:{price}'"
    assert expected in capsys.readouterr().err
