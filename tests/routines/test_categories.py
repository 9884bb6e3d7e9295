"""The category tree's procedures and `runner.py category`.

add_category (revision 0036): a category is added at the top of the tree or under a parent,
with its texts trimmed and a blank description as NULL, and products may then be filed under
it; a name another category has (case and accents aside), an unknown parent, a blank name and
texts too long are refused by name.

update_category, move_category and delete_category (revision 0044): a category is renamed or
its description changed or cleared; it moves, with all under it, under another parent or to
the top, never under itself or anything within it, and moves take turns on the category_tree
row; it is deleted only when no product and no category is filed under it, and a product
filed under it meanwhile is refused in words."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    assert_refused,
    call,
    holding,
    lock_waits,
    printed_rows,
    run_cli,
    run_in_threads,
    scalar,
    unknown_id,
)


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
    missing = unknown_id(engine, "category")
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


def tree(engine: Engine, *names: str) -> list[int]:
    """New categories, each under the one before it (the first at the top): their ids."""
    ids: list[int] = []
    for name in names:
        [row] = call(engine, "add_category", name, ids[-1] if ids else None, None)
        ids.append(row["category_id"])
    return ids


def parent_of(engine: Engine, category_id: int) -> int | None:
    return scalar(
        engine, "SELECT parent_category_id FROM category WHERE category_id = %s", (category_id,)
    )


def test_a_category_is_renamed_and_its_description_changed_or_cleared(engine: Engine) -> None:
    [paint] = tree(engine, "Paint")
    [row] = call(engine, "update_category", paint, None, " Tins and pots\n")
    assert row == {
        "category_id": paint,
        "name": "Paint",
        "parent_category_id": None,
        "description": "Tins and pots",
    }
    call(engine, "update_category", paint, "\tPaints ", None)
    assert stored(engine, paint) == ("Paints", None, "Tins and pots")
    call(engine, "update_category", paint, "PAINTS", "  ")  # its own name, case aside
    assert stored(engine, paint) == ("PAINTS", None, None)


@pytest.mark.parametrize(
    ("name", "description", "message"),
    [
        (None, None, "nothing to change for category {id}: give a name or a description"),
        (" ", None, "category name must not be blank, got ' '"),
        ("P" * 101, None, "category name is longer than 100 characters: PPP"),
        (None, "d" * 501, "description is longer than 500 characters: ddd"),
    ],
)
def test_bad_changes_are_refused_by_name(
    engine: Engine, name: str | None, description: str | None, message: str
) -> None:
    with engine.begin() as conn:
        category_id = support.category(conn)
    assert_refused(
        engine, "update_category", (category_id, name, description), message.format(id=category_id)
    )


def test_a_name_another_category_has_is_refused_case_aside(engine: Engine) -> None:
    varnish, paint = tree(engine, "Varnish"), tree(engine, "Paint")
    assert_refused(
        engine, "update_category", (*paint, "VARNISH", None), "category 'VARNISH' already exists"
    )
    assert stored(engine, varnish[0])[0] == "Varnish"


def test_changing_or_deleting_an_unknown_category_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "category")
    assert_refused(engine, "update_category", (missing, "X", None), f"unknown category {missing}")
    assert_refused(engine, "move_category", (missing, None), f"unknown category {missing}")
    assert_refused(engine, "delete_category", (missing,), f"unknown category {missing}")


def test_a_category_moves_with_all_under_it_and_back_to_the_top(engine: Engine) -> None:
    tools, saws = tree(engine, "Tools", "Saws")
    [garden] = tree(engine, "Garden tools")
    moves_before = scalar(engine, "SELECT move_count FROM category_tree")
    [moved] = call(engine, "move_category", saws, garden)
    assert moved == {
        "category_id": saws,
        "was_parent_category_id": tools,
        "parent_category_id": garden,
    }
    [to_top] = call(engine, "move_category", garden, None)
    assert to_top["was_parent_category_id"] is None  # it was at the top already
    [row] = call(engine, "move_category", garden, tools)
    assert (parent_of(engine, saws), parent_of(engine, garden)) == (garden, tools)
    assert row["was_parent_category_id"] is None
    call(engine, "move_category", garden, None)
    assert parent_of(engine, garden) is None
    assert scalar(engine, "SELECT move_count FROM category_tree") == moves_before + 4


def test_a_move_under_itself_or_anything_within_it_is_refused(engine: Engine) -> None:
    top, middle, bottom = tree(engine, "Kitchen", "Cookware", "Pans")
    assert_refused(
        engine, "move_category", (middle, middle), f"category {middle} cannot go under itself"
    )
    for within in (middle, bottom):
        assert_refused(
            engine,
            "move_category",
            (top, within),
            f"category {top} cannot go under {within}, which lies within it",
        )


def test_a_move_under_an_unknown_parent_is_refused(engine: Engine) -> None:
    [lonely] = tree(engine, "Lonely")
    missing = unknown_id(engine, "category")
    assert_refused(engine, "move_category", (lonely, missing), f"unknown parent category {missing}")


def test_a_loop_already_written_in_the_table_ends_the_walk_with_a_refusal(
    engine: Engine,
) -> None:
    first, second = tree(engine, "Loop one", "Loop two")
    [outside] = tree(engine, "Outside the loop")
    with engine.begin() as conn:  # past the procedures, as an account with table rights could
        conn.exec_driver_sql(
            "UPDATE category SET parent_category_id = %s WHERE category_id = %s",
            (second, first),
        )
    try:
        assert_refused(
            engine,
            "move_category",
            (outside, second),
            f"the categories above {second} form a loop: correct their parent_category_id",
        )
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE category SET parent_category_id = NULL WHERE category_id = %s", (first,)
            )


def test_two_moves_at_once_that_together_would_close_a_loop_leave_one_refused(
    engine: Engine,
) -> None:
    """On one server the share-locked walk alone would keep them apart (the two deadlock and
    the one retried is refused); on a cluster (tests/cluster) only the turn does."""
    [first], [second] = tree(engine, "Race one"), tree(engine, "Race two")

    def move(category_id: int, parent_id: int) -> str:
        try:
            call(engine, "move_category", category_id, parent_id)
        except sa.exc.OperationalError as refused:
            return str(refused.orig.args[1])
        return "moved"

    outcomes = run_in_threads([lambda: move(first, second), lambda: move(second, first)])
    moved, refused = sorted(outcomes, key=lambda outcome: outcome != "moved")
    assert moved == "moved"
    assert refused.endswith(", which lies within it"), outcomes
    parents = (parent_of(engine, first), parent_of(engine, second))
    assert parents in ((second, None), (None, first))  # one under the other: no loop


def test_a_move_waits_for_the_turn_another_move_holds(engine: Engine) -> None:
    [mover] = tree(engine, "Waiting mover")
    moved: list[dict] = []
    turn = ("SELECT move_count FROM category_tree WHERE category_tree_id = 1 FOR UPDATE", ())
    with holding(engine, turn):  # the row is there from the migration on, before any move
        waiting = threading.Thread(
            target=lambda: moved.extend(call(engine, "move_category", mover, None))
        )
        waiting.start()
        assert lock_waits(engine) == 1
    waiting.join()
    assert moved == [
        {"category_id": mover, "was_parent_category_id": None, "parent_category_id": None}
    ]


def test_a_product_filed_under_a_category_being_deleted_is_refused_in_words(
    engine: Engine,
) -> None:
    [going] = tree(engine, "Going away")
    refusals: list[str] = []

    def add_product() -> None:
        try:
            call(engine, "add_product", "GONE-1", "Gone", going, 1, 0, 0)
        except sa.exc.OperationalError as refused:
            refusals.append(str(refused.orig.args[1]))

    with engine.connect() as deleting:
        deleting.begin()
        deleting.exec_driver_sql("DELETE FROM category WHERE category_id = %s", (going,))
        adding = threading.Thread(target=add_product)
        adding.start()
        assert lock_waits(engine) == 1  # its check reads the category with a shared lock
        deleting.commit()
    adding.join()
    assert refusals == [f"unknown category {going}"]  # not the foreign key's raw 1452


def test_a_category_with_nothing_filed_under_it_is_deleted(engine: Engine) -> None:
    top, leaf = tree(engine, "Old stock", "Older stock")
    assert call(engine, "delete_category", leaf) == [{"category_id": leaf}]
    assert call(engine, "delete_category", top) == [{"category_id": top}]
    remaining = "SELECT COUNT(*) FROM category WHERE category_id IN (%s, %s)"
    assert scalar(engine, remaining, (top, leaf)) == 0


def test_a_category_with_products_or_categories_under_it_is_not_deleted(engine: Engine) -> None:
    top, filled = tree(engine, "Bathroom", "Taps")
    call(engine, "add_product", "TAP-1", "Mixer tap", filled, 40, 1, 3)
    assert_refused(
        engine,
        "delete_category",
        (filled,),
        f"category {filled} still holds products (1): file them under another category first",
    )
    assert_refused(
        engine,
        "delete_category",
        (top,),
        f"category {top} still has categories under it (1): move or delete them first",
    )


@pytest.mark.usefixtures("runner_on_test_database")
def test_category_update_move_and_delete_print_the_result_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    top, child = tree(engine, "Cli Garden", "Cli Hoses")
    code, out, _ = run_cli(capsys, "category", "update", child, "--description", "")
    assert code == 0
    assert "category updated" in out
    assert stored(engine, child) == ("Cli Hoses", top, None)
    code, out, _ = run_cli(capsys, "category", "move", child, "--top")
    assert code == 0
    assert printed_rows(out) == [
        {"category_id": str(child), "was_parent_category_id": str(top), "parent_category_id": ""}
    ]
    code, _, err = run_cli(capsys, "category", "move", top, "--parent", top)
    assert (code, err) == (1, f"error: category {top} cannot go under itself\n")
    code, out, _ = run_cli(capsys, "category", "delete", top)
    assert (code, printed_rows(out)) == (0, [{"category_id": str(top)}])
    assert scalar(engine, "SELECT COUNT(*) FROM category WHERE category_id = %s", (top,)) == 0
