"""`runner.py purchase|receive|reorder|recommend`: thin commands over the purchasing
procedures that print a table, and a refused call as one line naming what was wrong."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import call, run_cli, scalar

pytestmark = pytest.mark.usefixtures("runner_on_test_database")


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    """Two products below their reorder point, offered by one supplier."""
    with engine.begin() as conn:
        warehouse, supplier = support.warehouse(conn), support.supplier(conn)
        products = [support.product(conn) for _ in range(2)]
        for product in products:
            support.stock_level(conn, product, warehouse, 1, reorder_point_qty=5, target_qty=12)
            conn.exec_driver_sql(
                "INSERT INTO product_supplier (product_id, supplier_id, supplier_sku, "
                "unit_cost, lead_time_days) VALUES (%s, %s, %s, 1.25, 3)",
                (product, supplier, f"S-{product}"),
            )
    return SimpleNamespace(warehouse=warehouse, supplier=supplier, products=products)


def latest_order(engine: Engine) -> int:
    return scalar(engine, "SELECT MAX(purchase_order_id) FROM purchase_order")


def test_create_send_and_receive_an_order_from_the_command_line(engine, shop, capsys) -> None:
    first, second = shop.products
    code, out, _ = run_cli(
        capsys,
        "purchase", "create", "--supplier", shop.supplier, "--warehouse", shop.warehouse,
        "--line", f"{first}:4", f"{second}:2",
    )  # fmt: skip
    order = latest_order(engine)
    assert code == 0 and f"draft purchase order {order}" in out
    assert run_cli(capsys, "purchase", "send", order)[0] == 0
    code, out, _ = run_cli(capsys, "receive", order, "--line", f"{first}:3")
    assert code == 0 and "partially_received" in out
    code, out, _ = run_cli(capsys, "receive", order)
    assert code == 0 and "received" in out
    assert (
        scalar(engine, "SELECT status FROM purchase_order WHERE purchase_order_id = %s", (order,))
        == "received"
    )


def test_reorder_dry_run_shows_suggestions_and_orders_nothing(engine, shop, capsys) -> None:
    before = latest_order(engine)
    code, out, _ = run_cli(capsys, "reorder", "--dry-run")
    assert code == 0 and "reorder suggestions" in out
    assert str(shop.products[1]) in out
    assert latest_order(engine) == before


def test_reorder_prints_the_draft_lines_it_created(engine, shop, capsys) -> None:
    code, out, _ = run_cli(capsys, "reorder")
    assert code == 0 and "created or increased" in out
    assert scalar(engine, "SELECT COUNT(*) FROM reorder_suggestion") == 0
    code, out, _ = run_cli(capsys, "reorder")
    assert code == 0 and "no rows" in out


def sold_yesterday(engine: Engine, shop: SimpleNamespace, product: int, qty: int) -> None:
    """Demand for the recommendation: a counter sale, dated yesterday (a whole day)."""
    with engine.begin() as conn:
        customer = support.customer(conn)
    yesterday_noon = scalar(engine, "SELECT UTC_DATE() - INTERVAL 12 HOUR")
    support.sold_at(engine, customer, shop.warehouse, product, qty, yesterday_noon)


def reorder_levels(engine: Engine, shop: SimpleNamespace, product: int) -> tuple[int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT reorder_point_qty, target_qty FROM stock_level "
                "WHERE product_id = %s AND warehouse_id = %s",
                (product, shop.warehouse),
            ).one()
        )


def test_recommend_prints_and_applies_parameters(engine, shop, capsys) -> None:
    code, out, _ = run_cli(capsys, "recommend", "--service-level", "0.9", "--history-days", "30")
    assert code == 0 and "service level 0.9" in out
    assert all(f"│ {product} " in out for product in shop.products)

    demanded = shop.products[0]
    sold_yesterday(engine, shop, demanded, 3)
    (recommended,) = [
        row
        for row in call(engine, "recommend_reorder_parameters", 0.95, 30)
        if row["product_id"] == demanded
    ]
    expected = (recommended["recommended_reorder_point_qty"], recommended["recommended_target_qty"])
    assert expected != reorder_levels(engine, shop, demanded), "applying must change something"
    code, out, _ = run_cli(
        capsys, "recommend", "--apply", "--service-level", "0.95", "--history-days", "30"
    )
    assert code == 0 and f"│ {demanded} " in out
    assert reorder_levels(engine, shop, demanded) == expected


def test_cancel_from_the_command_line(engine, shop, capsys) -> None:
    order = latest_order(engine)
    code, out, _ = run_cli(capsys, "purchase", "cancel", order)
    assert code == 0 and "cancelled" in out


def test_a_refused_call_is_one_line_naming_the_value(engine, shop, capsys) -> None:
    code, _, err = run_cli(capsys, "receive", 987654321)
    assert code == 1
    assert err.strip() == "error: unknown purchase order 987654321"
    code, _, err = run_cli(capsys, "recommend", "--service-level", "1.5")
    assert code == 1 and "got 1.5" in err


def test_a_malformed_line_argument_is_a_usage_error(shop, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "receive", 1, "--line", "7x3")
    assert exited.value.code == 2
    assert "PRODUCT_ID:QTY" in capsys.readouterr().err
