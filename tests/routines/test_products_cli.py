"""`runner.py product ...` and `runner.py stock ...`: thin commands over the procedures and
views, printing a table, and a refused call as one line naming what was wrong."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims.cli import main
from tests import support
from tests.support import run_cli, scalar

pytestmark = pytest.mark.usefixtures("runner_on_test_database")


@pytest.fixture(scope="module")
def place(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        return SimpleNamespace(
            north=support.warehouse(conn),
            south=support.warehouse(conn),
            category=support.category(conn),
        )


def on_hand(engine: Engine, product: int, warehouse: int) -> int:
    return scalar(
        engine,
        "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
        (product, warehouse),
    )


@pytest.fixture(scope="module")
def product(engine: Engine, place: SimpleNamespace) -> int:
    code = main(["product", "add", "--sku", "CLI-1", "--name", "Tape measure", "--category",
                 str(place.category), "--price", "4.95", "--reorder-point", "3",
                 "--reorder-qty", "9"])  # fmt: skip
    assert code == 0
    return scalar(engine, "SELECT product_id FROM product WHERE sku = 'CLI-1'")


def test_product_add_stocks_the_product_with_its_reorder_parameters(engine, product) -> None:
    levels = scalar(
        engine,
        "SELECT COUNT(*) FROM stock_level WHERE product_id = %s "
        "AND reorder_point_qty = 3 AND target_qty = 3 + 9",
        (product,),
    )
    assert levels == 2  # north and south


def test_stock_commands_adjust_count_and_transfer_through_the_ledger(
    engine, capsys, place, product
) -> None:
    code, out, _ = run_cli(capsys, "stock", "adjust", product, place.north, 20, "--reason", "found")
    assert code == 0 and "20" in out
    code, _, _ = run_cli(capsys, "stock", "adjust", product, place.north, -2, "--reason", "broken")
    assert code == 0 and on_hand(engine, product, place.north) == 18
    code, _, _ = run_cli(capsys, "stock", "count", product, place.north, 15)
    assert code == 0 and on_hand(engine, product, place.north) == 15
    code, out, _ = run_cli(capsys, "stock", "transfer", product, place.north, place.south, 5)
    assert code == 0 and "moved 5 of product" in out
    assert (on_hand(engine, product, place.north), on_hand(engine, product, place.south)) == (
        10,
        5,
    )


def test_stock_prints_the_overview_and_low_stock_per_warehouse(
    engine, capsys, place, product
) -> None:
    run_cli(capsys, "product", "reorder-params", product, "--warehouse", place.south,
        "--reorder-point", 6, "--reorder-qty", 4)  # fmt: skip
    code, out, _ = run_cli(capsys, "stock", "--warehouse", place.south)
    assert code == 0 and "inventory overview" in out and "CLI-1" in out
    code, out, _ = run_cli(capsys, "stock", "--low", "--warehouse", place.south)
    assert code == 0 and "low stock" in out and "CLI-1" in out
    code, out, _ = run_cli(capsys, "stock", "--low", "--warehouse", place.north)
    assert code == 0 and "no rows" in out


def test_product_update_and_discontinue(engine, capsys, product) -> None:
    code, out, _ = run_cli(capsys, "product", "update", product, "--price", "5.25")
    assert code == 0 and "5.25" in out
    code, _, _ = run_cli(capsys, "product", "discontinue", product)
    assert code == 0
    assert scalar(engine, "SELECT is_discontinued FROM product WHERE product_id = %s", (product,))


def test_a_refused_call_prints_one_line_naming_what_was_wrong(capsys, product) -> None:
    code, _, err = run_cli(capsys, "product", "delete", product)
    assert code == 1
    assert err.strip() == (
        f"error: product {product} has history (stock movements): "
        "discontinue it instead of deleting it"
    )


def test_product_delete_removes_a_product_without_history(engine, capsys, place) -> None:
    main(["product", "add", "--sku", "CLI-2", "--name", "Typo", "--category", str(place.category),
          "--price", "1"])  # fmt: skip
    new = scalar(engine, "SELECT product_id FROM product WHERE sku = 'CLI-2'")
    code, out, _ = run_cli(capsys, "product", "delete", new)
    assert code == 0 and "product deleted" in out
    assert scalar(engine, "SELECT COUNT(*) FROM product WHERE product_id = %s", (new,)) == 0


@pytest.mark.parametrize("price", ["abc", "12.345", "1e-400"])
def test_a_price_that_is_not_an_amount_is_refused_naming_it(capsys, place, price) -> None:
    """Not a number, or a third decimal the price column would round away without a word."""
    with pytest.raises(SystemExit):
        main(["product", "add", "--sku", "X-1", "--name", "X", "--category", str(place.category),
              "--price", price])  # fmt: skip
    expected = "argument --price: expected an amount such as 12.50 (2 decimals at most), got"
    assert f"{expected} {price!r}" in capsys.readouterr().err
