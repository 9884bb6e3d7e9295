"""review_supplier (revision 0035) and `runner.py supplier review`: a supplier is rated 1 to
5, in general or for one delivery (an order of that supplier, something of it received,
reviewed once), and supplier_performance averages the ratings; every bad value is refused
by name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_refused, call, order_lines, run_cli, scalar

RATING = "rating must be a whole number from 1 (poor) to 5 (excellent), got"
REVIEW = (
    "SELECT supplier_id, purchase_order_id, rating, reviewer_name, review_text "
    "FROM supplier_review WHERE supplier_review_id = %s"
)


@pytest.fixture()
def shop(engine: Engine) -> SimpleNamespace:
    """A supplier with an order partly received and an order sent but not delivered, and a
    second supplier with no orders."""
    with engine.begin() as conn:
        warehouse, product = support.warehouse(conn), support.product(conn)
        supplier, other = support.supplier(conn), support.supplier(conn)
        support.stock_level(conn, product, warehouse, 0, 5, 20)
        support.product_supplier(conn, product, supplier)
    orders = []
    for _ in range(2):
        [draft] = call(
            engine, "create_purchase_order", supplier, warehouse, order_lines((product, 10))
        )
        call(engine, "send_purchase_order", draft["purchase_order_id"])
        orders.append(draft["purchase_order_id"])
    delivered, awaited = orders
    call(engine, "receive_purchase_order", delivered, order_lines((product, 4)))
    return SimpleNamespace(supplier=supplier, other=other, delivered=delivered, awaited=awaited)


def stored(engine: Engine, review_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(conn.exec_driver_sql(REVIEW, (review_id,)).one())


def test_a_delivery_is_reviewed_once_and_the_supplier_score_averages_the_reviews(
    engine: Engine, shop: SimpleNamespace
) -> None:
    [first] = call(
        engine, "review_supplier", shop.supplier, shop.delivered, 2, " Sam\n", " Late.\t"
    )
    assert stored(engine, first["supplier_review_id"]) == (
        shop.supplier, shop.delivered, 2, "Sam", "Late.",
    )  # fmt: skip
    [general] = call(engine, "review_supplier", shop.supplier, None, 5, "Kim", "  ")
    assert stored(engine, general["supplier_review_id"]) == (shop.supplier, None, 5, "Kim", None)
    assert (general["review_count"], float(general["avg_rating"])) == (2, 3.5)
    score = scalar(
        engine,
        "SELECT avg_rating FROM supplier_performance WHERE supplier_id = %s",
        (shop.supplier,),
    )
    assert float(score) == 3.5
    assert_refused(
        engine,
        "review_supplier",
        (shop.supplier, shop.delivered, 4, "Kim", None),
        f"purchase order {shop.delivered} is already reviewed",
    )


def test_only_a_delivery_of_the_supplier_itself_can_be_reviewed(
    engine: Engine, shop: SimpleNamespace
) -> None:
    assert_refused(
        engine,
        "review_supplier",
        (shop.other, shop.delivered, 4, "Kim", None),
        f"purchase order {shop.delivered} is from supplier {shop.supplier}, not {shop.other}",
    )
    assert_refused(
        engine,
        "review_supplier",
        (shop.supplier, shop.awaited, 4, "Kim", None),
        f"purchase order {shop.awaited} has no delivery to review yet",
    )
    missing = scalar(engine, "SELECT MAX(purchase_order_id) + 1000 FROM purchase_order")
    assert_refused(
        engine,
        "review_supplier",
        (shop.supplier, missing, 4, "Kim", None),
        f"unknown purchase order {missing}",
    )
    nobody = scalar(engine, "SELECT MAX(supplier_id) + 1000 FROM supplier")
    assert_refused(
        engine, "review_supplier", (nobody, None, 4, "Kim", None), f"unknown supplier {nobody}"
    )


@pytest.mark.parametrize(
    ("rating", "reviewer", "text", "message"),
    [
        (0, "Kim", None, f"{RATING} 0"),
        (6, "Kim", None, f"{RATING} 6"),
        (4.5, "Kim", None, f"{RATING} 4.5"),
        (None, "Kim", None, f"{RATING} NULL"),
        (3, None, None, "reviewer name must not be blank, got NULL"),
        (3, "\n ", None, "reviewer name must not be blank, got '\n '"),
        (3, "K" * 101, None, "reviewer name is longer than 100 characters: KKK"),
        (3, "Kim", "w" * 2001, "review text is longer than 2000 characters: www"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_by_name(
    engine: Engine,
    shop: SimpleNamespace,
    rating: float | None,
    reviewer: str | None,
    text: str | None,
    message: str,
) -> None:
    assert_refused(
        engine, "review_supplier", (shop.supplier, None, rating, reviewer, text), message
    )


@pytest.mark.usefixtures("runner_on_test_database")
def test_supplier_review_prints_the_score_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine, shop: SimpleNamespace
) -> None:
    argv = ("supplier", "review", shop.other, "--reviewer", "Cli")
    code, out, _ = run_cli(capsys, *argv, "--rating", "4", "--text", "Friendly")
    assert code == 0
    assert "supplier reviewed" in out
    assert (
        scalar(
            engine, "SELECT review_text FROM supplier_review WHERE supplier_id = %s", (shop.other,)
        )
        == "Friendly"
    )
    code, _, err = run_cli(capsys, *argv, "--rating", "9")
    assert code == 1
    assert err == f"error: {RATING} 9\n"
