"""review_supplier (revision 0035), update_supplier_review and delete_supplier_review
(revision 0046) and `runner.py supplier review|correct-review|delete-review`: a supplier is
rated 1 to 5, in general or for one delivery (an order of that supplier, something of it
received, reviewed once), and supplier_performance averages the ratings; a review's rating,
reviewer and words are corrected, or a review written in error deleted, and the score
follows; every bad value is refused by name, when writing and when correcting."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import (
    assert_refused,
    call,
    order_lines,
    printed_rows,
    run_cli,
    scalar,
    unknown_id,
)

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
    missing = unknown_id(engine, "purchase_order")
    assert_refused(
        engine,
        "review_supplier",
        (shop.supplier, missing, 4, "Kim", None),
        f"unknown purchase order {missing}",
    )
    nobody = unknown_id(engine, "supplier")
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


def test_a_review_is_corrected_and_the_score_follows(engine: Engine, shop: SimpleNamespace) -> None:
    [review] = call(engine, "review_supplier", shop.supplier, shop.delivered, 1, "Sam", "Late")
    review_id = review["supplier_review_id"]
    [corrected] = call(engine, "update_supplier_review", review_id, 4, None, " ")
    assert {**corrected, "avg_rating": float(corrected["avg_rating"])} == {
        "supplier_review_id": review_id,
        "supplier_id": shop.supplier,
        "purchase_order_id": shop.delivered,
        "rating": 4,
        "reviewer_name": "Sam",
        "review_text": None,
        "review_count": 1,
        "avg_rating": 4.0,
    }
    call(engine, "update_supplier_review", review_id, None, "\tSam Lee\n", "On time after all")
    assert stored(engine, review_id) == (
        shop.supplier, shop.delivered, 4, "Sam Lee", "On time after all",
    )  # fmt: skip


def test_a_review_deleted_leaves_the_score_of_the_others_and_frees_its_delivery(
    engine: Engine, shop: SimpleNamespace
) -> None:
    [wrong] = call(engine, "review_supplier", shop.supplier, shop.delivered, 1, "Sam", None)
    call(engine, "review_supplier", shop.supplier, None, 5, "Kim", None)
    [left] = call(engine, "delete_supplier_review", wrong["supplier_review_id"])
    assert (left["supplier_id"], left["review_count"], float(left["avg_rating"])) == (
        shop.supplier, 1, 5.0,
    )  # fmt: skip
    [again] = call(engine, "review_supplier", shop.supplier, shop.delivered, 3, "Sam", None)
    assert stored(engine, again["supplier_review_id"])[:3] == (shop.supplier, shop.delivered, 3)


@pytest.mark.parametrize(
    ("rating", "reviewer", "text", "message"),
    [
        (None, None, None, "nothing to change for supplier review {id}: give a rating, reviewer"),
        (0, None, None, f"{RATING} 0"),
        (4.5, None, None, f"{RATING} 4.5"),
        (None, "\t", None, "reviewer name must not be blank, got '\t'"),
        (None, "K" * 101, None, "reviewer name is longer than 100 characters: KKK"),
        (None, None, "w" * 2001, "review text is longer than 2000 characters: www"),
    ],
)  # fmt: skip
def test_bad_corrections_are_refused_by_name(
    engine: Engine,
    shop: SimpleNamespace,
    rating: float | None,
    reviewer: str | None,
    text: str | None,
    message: str,
) -> None:
    [review] = call(engine, "review_supplier", shop.supplier, None, 3, "Kim", None)
    review_id = review["supplier_review_id"]
    assert_refused(
        engine,
        "update_supplier_review",
        (review_id, rating, reviewer, text),
        message.format(id=review_id),
    )


def test_correcting_or_deleting_an_unknown_review_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "supplier_review")
    message = f"unknown supplier review {missing}"
    assert_refused(engine, "update_supplier_review", (missing, 3, None, None), message)
    assert_refused(engine, "delete_supplier_review", (missing,), message)


@pytest.mark.usefixtures("runner_on_test_database")
def test_correct_review_and_delete_review_print_the_score_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine, shop: SimpleNamespace
) -> None:
    [review] = call(engine, "review_supplier", shop.other, None, 2, "Cli", None)
    review_id = review["supplier_review_id"]
    code, out, _ = run_cli(capsys, "supplier", "correct-review", review_id, "--rating", "5")
    assert code == 0
    [row] = printed_rows(out)
    assert (row["supplier_review_id"], row["rating"]) == (str(review_id), "5")
    code, _, err = run_cli(capsys, "supplier", "correct-review", review_id, "--rating", "7")
    assert (code, err) == (1, f"error: {RATING} 7\n")
    code, out, _ = run_cli(capsys, "supplier", "delete-review", review_id)
    assert code == 0
    assert printed_rows(out)[0]["review_count"] == "0"
