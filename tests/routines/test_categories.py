"""add_category (revision 0036) and `runner.py category add`: a category is added at the top
of the tree or under a parent, with its texts trimmed and a blank description as NULL, and
products may then be filed under it; a name another category has (case and accents aside),
an unknown parent, a blank name and texts too long are refused by name."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from tests.support import assert_refused, call, printed_rows, run_cli, scalar


def stored(engine: Engine, category_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT name, parent_category_id, description FROM category WHERE category_id = %s",
                (category_id,),
            ).one()
        )


def test_categories_nest_and_products_are_filed_under_them(engine: Engine) -> None:
    [top] = call(engine, "add_category", " Garden\t", None, " Outdoor things ")
    [child] = call(engine, "add_category", "Hoses", top["category_id"], "\n")
    assert stored(engine, top["category_id"]) == ("Garden", None, "Outdoor things")
    assert stored(engine, child["category_id"]) == ("Hoses", top["category_id"], None)
    assert child["parent_category_id"] == top["category_id"]
    [product] = call(engine, "add_product", "HOSE-1", "Hose 20 m", child["category_id"], 25, 2, 5)
    assert (
        scalar(
            engine,
            "SELECT category_id FROM product WHERE product_id = %s",
            (product["product_id"],),
        )
        == child["category_id"]
    )


def test_a_name_belongs_to_one_category_case_and_ends_aside(engine: Engine) -> None:
    call(engine, "add_category", "Lighting", None, None)
    assert_refused(
        engine, "add_category", ("LIGHTING\n", None, None), "category 'LIGHTING' already exists"
    )


def test_a_name_of_full_length_pasted_with_a_line_break_is_measured_as_stored(
    engine: Engine,
) -> None:
    full = "F" * 100  # the column's length (revision 0043: it was refused as too long)
    [row] = call(engine, "add_category", f"{full}\r\n", None, "\t")
    assert stored(engine, row["category_id"]) == (full, None, None)
    assert_refused(
        engine,
        "add_category",
        (f"{full}F\n", None, None),
        "category name is longer than 100 characters: FFF",
    )


def test_an_unknown_parent_is_refused(engine: Engine) -> None:
    missing = scalar(engine, "SELECT COALESCE(MAX(category_id), 0) + 1000 FROM category")
    assert_refused(
        engine, "add_category", ("Orphans", missing, None), f"unknown parent category {missing}"
    )


@pytest.mark.parametrize(
    ("name", "description", "message"),
    [
        (None, None, "category name must not be blank, got NULL"),
        ("\t", None, "category name must not be blank, got '\t'"),
        ("C" * 101, None, "category name is longer than 100 characters: CCC"),
        ("C", "d" * 501, "description is longer than 500 characters: ddd"),
    ],
)
def test_bad_values_are_refused_by_name(
    engine: Engine, name: str | None, description: str | None, message: str
) -> None:
    assert_refused(engine, "add_category", (name, None, description), message)


@pytest.mark.usefixtures("runner_on_test_database")
def test_category_add_prints_the_new_id_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    code, out, _ = run_cli(capsys, "category", "add", "--name", "Cli Tools")
    assert code == 0
    top = scalar(engine, "SELECT category_id FROM category WHERE name = 'Cli Tools'")
    assert "category added" in out
    assert [row["category_id"] for row in printed_rows(out)] == [str(top)]
    code, _, _ = run_cli(capsys, "category", "add", "--name", "Cli Saws", "--parent", top)
    assert code == 0
    saws = scalar(engine, "SELECT category_id FROM category WHERE name = 'Cli Saws'")
    assert stored(engine, saws) == ("Cli Saws", top, None)
    code, _, err = run_cli(capsys, "category", "add", "--name", "cli tools")
    assert code == 1
    assert err == "error: category 'cli tools' already exists\n"
