"""category_tree: every category with its path from the top and its depth, and the products
filed under it, directly and anywhere below it, following moves (move_category); a category
in a loop of parents is left out of it, and the validation query category_loops names it."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from sims.checks import findings
from tests.support import call


def add(engine: Engine, name: str, parent: int | None = None) -> int:
    [row] = call(engine, "add_category", name, parent, None)
    return row["category_id"]


def tree(engine: Engine) -> dict[str, tuple]:
    """Each row's path: (depth, filed directly, filed below, active below)."""
    return {
        row["path"]: (
            row["depth"],
            row["product_count"],
            row["subtree_product_count"],
            row["subtree_active_product_count"],
        )
        for row in queries.run(engine, queries.find("category_tree"))
    }


@pytest.fixture(scope="module")
def garden(engine: Engine) -> dict[str, int]:
    """Garden > Hoses > Fittings and Garden > Tools, with products at each level but the
    top, one of them discontinued; Kitchen on its own, empty."""
    ids = {"Garden": add(engine, "Garden")}
    ids["Hoses"] = add(engine, "Hoses", ids["Garden"])
    ids["Fittings"] = add(engine, "Fittings", ids["Hoses"])
    ids["Tools"] = add(engine, "Tools", ids["Garden"])
    ids["Kitchen"] = add(engine, "Kitchen")
    for sku, category in (("H1", "Hoses"), ("H2", "Hoses"), ("F1", "Fittings"), ("T1", "Tools")):
        call(engine, "add_product", sku, sku, ids[category], 5, 0, 0)
    [fitting] = call(engine, "add_product", "F2", "F2", ids["Fittings"], 5, 0, 0)
    call(engine, "discontinue_product", fitting["product_id"])
    return ids


def test_each_category_has_its_path_depth_and_products_below_it(
    engine: Engine, garden: dict[str, int]
) -> None:
    assert tree(engine) == {
        "Garden": (0, 0, 5, 4),
        "Garden > Hoses": (1, 2, 4, 3),
        "Garden > Hoses > Fittings": (2, 2, 2, 1),
        "Garden > Tools": (1, 1, 1, 1),
        "Kitchen": (0, 0, 0, 0),
    }
    rows = queries.run(engine, queries.find("category_tree"))
    assert [row["path"] for row in rows] == sorted(row["path"] for row in rows)


def test_a_moved_category_takes_everything_below_it_along(
    engine: Engine, garden: dict[str, int]
) -> None:
    call(engine, "move_category", garden["Hoses"], garden["Kitchen"])
    try:
        moved = tree(engine)
        assert moved["Kitchen > Hoses > Fittings"] == (2, 2, 2, 1)
        assert (moved["Garden"], moved["Kitchen"]) == ((0, 0, 1, 1), (0, 0, 4, 3))
    finally:
        call(engine, "move_category", garden["Hoses"], garden["Garden"])


def test_a_loop_written_past_move_category_is_left_out_and_named_by_its_check(
    engine: Engine, garden: dict[str, int]
) -> None:
    loop = ("UPDATE category SET parent_category_id = %s WHERE category_id = %s",)
    with engine.begin() as conn:  # as an account with table rights could: Hoses under Fittings
        conn.exec_driver_sql(*loop, (garden["Fittings"], garden["Hoses"]))
    try:
        assert set(tree(engine)) == {"Garden", "Garden > Tools", "Kitchen"}
        with engine.connect() as conn:
            looped = findings(conn)["category_loops"]
        assert sorted(row["category_id"] for row in looped) == sorted(
            (garden["Hoses"], garden["Fittings"])
        )
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(*loop, (garden["Garden"], garden["Hoses"]))
    with engine.connect() as conn:
        assert findings(conn)["category_loops"] == []
