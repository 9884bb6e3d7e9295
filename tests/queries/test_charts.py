"""Charts drawn from a little sales and purchasing history: one readable PNG per chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.figure import Figure
from sqlalchemy.engine import Engine

from sims import charts, queries
from sims.inventory import call_procedure
from tests import support

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def history(engine: Engine) -> None:
    """Two categories, a supplier's receipts and a few sales, one product left low."""
    with engine.begin() as conn:
        supplier = support.supplier(conn)
        customer = support.customer(conn)
        warehouse = support.warehouse(conn)
        products = [support.product(conn, support.category(conn)) for _ in range(3)]
        for product in products:
            support.product_supplier(conn, product, supplier, unit_cost=4.0)
            support.stock_level(conn, product, warehouse, 0, reorder_point_qty=5, target_qty=30)
    lines = ", ".join(f'{{"product_id": {p}, "qty": 20}}' for p in products)
    order_lines = call_procedure(
        engine, "create_purchase_order", (supplier, warehouse, f"[{lines}]")
    )
    order = order_lines[0]["purchase_order_id"]  # one row per line, each naming the order
    call_procedure(engine, "send_purchase_order", (order,))
    call_procedure(engine, "receive_purchase_order", (order, None))
    for product, qty in zip(products, (3, 8, 18), strict=True):
        sale = f'[{{"product_id": {product}, "qty": {qty}}}]'
        call_procedure(engine, "sell_at_counter", (customer, warehouse, sale))


@pytest.fixture(scope="module")
def drawn(engine: Engine, history: None, tmp_path_factory) -> list[Path]:
    return charts.draw_all(engine, tmp_path_factory.mktemp("charts"))


def test_every_chart_is_written_as_a_png(drawn: list[Path]) -> None:
    assert sorted(path.name for path in drawn) == sorted(charts.CHARTS)
    for path in drawn:
        assert path.read_bytes()[:8] == PNG_SIGNATURE
        assert path.stat().st_size > 10_000, f"{path.name} looks empty"


@pytest.mark.parametrize("filename", sorted(charts.CHARTS))
def test_every_chart_has_a_title_and_labelled_axes_and_shows_data(
    engine: Engine, history: None, filename: str
) -> None:
    query, params, draw = charts.CHARTS[filename]
    data = queries.dataframe(engine, query, **params)
    assert not data.empty, f"{query} returned nothing: the chart would say 'no data yet'"
    figure: Figure = draw(data)
    [axes] = figure.axes
    assert axes.get_title()
    if filename != "products_by_category.png":  # a pie has no axes to label
        assert axes.get_xlabel() and axes.get_ylabel()
    assert axes.patches or axes.lines, "nothing was drawn"


def test_stock_value_is_plotted_at_each_month_end() -> None:
    data = pd.DataFrame(
        {"month_start": [date(2026, 1, 1), date(2026, 2, 1)], "stock_value": [120.0, 124.0]}
    )
    [line] = charts.stock_value_line(data).axes[0].lines
    plotted = [mdates.num2date(x).date() for x in line.get_xdata(orig=False)]
    assert plotted == [date(2026, 1, 31), date(2026, 2, 28)]
