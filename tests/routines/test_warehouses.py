"""add_warehouse (revision 0036) and `runner.py warehouse add`: a warehouse is opened with its
values trimmed and its country code upper case; products added later are stocked in it, and
setting a product's reorder parameters there starts stocking it; a code another warehouse
has (case and accents aside) or with a control character inside, blank texts, a bad country
code and texts too long are refused by name."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_refused, call, order_lines, printed_rows, run_cli, scalar

TWO_LETTERS = "country code must be two letters (ISO 3166-1, such as GB), got"


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
    [row] = call(engine, "add_warehouse", " wh-east\t", " East Depot ", " nl ", "\n")
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
