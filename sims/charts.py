"""Charts for analysts: saved queries as pandas DataFrames, drawn to PNG with seaborn.

Each chart is one function from a DataFrame to a matplotlib Figure, named after its file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure  # drawn straight to files: no pyplot, no display
from sqlalchemy.engine import Engine

from sims import queries

TOP_CATEGORIES = 8


def _figure(title: str, xlabel: str = "", ylabel: str = "") -> tuple[Figure, Axes]:
    fig = Figure(figsize=(10, 6), layout="constrained")
    ax = fig.subplots()
    ax.set_title(title, fontsize=14, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def _no_data(ax: Axes) -> None:
    ax.text(0.5, 0.5, "no data yet", ha="center", va="center", fontsize=16, color="grey")
    ax.set_xticks([])
    ax.set_yticks([])


def low_stock_histogram(data: pd.DataFrame) -> Figure:
    fig, ax = _figure(
        "Low-stock products: how far below target", "units short of target level", "products"
    )
    if data.empty:
        _no_data(ax)
    else:
        sns.histplot(data["shortfall_qty"].astype(float), bins=20, ax=ax, color="#c0392b")
        ax.set_ylabel("products")
    return fig


def products_by_category_pie(data: pd.DataFrame) -> Figure:
    fig, ax = _figure("Products by category")
    if data.empty:
        _no_data(ax)
        return fig
    counts = data.set_index("category_name")["product_count"].astype(int)
    top = counts.nlargest(TOP_CATEGORIES)
    if len(counts) > len(top):
        top["other categories"] = counts.drop(top.index).sum()
    ax.pie(
        top.to_numpy(),
        labels=list(top.index),
        autopct="%1.0f%%",
        startangle=90,
        colors=sns.color_palette("tab10", len(top)),
    )
    ax.axis("equal")
    return fig


def purchase_price_by_supplier_bars(data: pd.DataFrame) -> Figure:
    fig, ax = _figure("Average purchase price by supplier", "average unit price paid", "")
    if data.empty:
        _no_data(ax)
        return fig
    top = data.assign(avg_unit_price=data["avg_unit_price"].astype(float)).nlargest(
        20, "avg_unit_price"
    )
    sns.barplot(top, x="avg_unit_price", y="supplier", ax=ax, color="#2e86c1")
    ax.set_ylabel("supplier (20 dearest)")
    return fig


def stock_value_line(data: pd.DataFrame) -> Figure:
    fig, ax = _figure("Stock value over time (month end)", "month", "stock value")
    if data.empty:
        _no_data(ax)
        return fig
    sns.lineplot(
        # Each row is the value at the end of its month: plotted there, not at its start.
        x=pd.to_datetime(data["month_start"]) + pd.offsets.MonthEnd(0),
        y=data["stock_value"].astype(float),
        ax=ax,
        marker="o",
        color="#27ae60",
    )
    ax.set_ylabel("stock value at average cost")
    return fig


def monthly_sales_by_category_lines(data: pd.DataFrame) -> Figure:
    fig, ax = _figure("Monthly sales by category", "month", "revenue")
    if data.empty:
        _no_data(ax)
        return fig
    data = data.assign(
        month=pd.to_datetime(data["month_start_date"]), revenue=data["revenue"].astype(float)
    )
    top = data.groupby("category_name")["revenue"].sum().nlargest(TOP_CATEGORIES).index
    sns.lineplot(
        data[data["category_name"].isin(top)],
        x="month",
        y="revenue",
        hue="category_name",
        ax=ax,
        marker="o",
    )
    ax.legend(title=f"category (top {TOP_CATEGORIES})", fontsize=8)
    return fig


# file name -> (saved query, its parameters, drawing function)
CHARTS: dict[str, tuple[str, dict[str, str], Callable[[pd.DataFrame], Figure]]] = {
    "low_stock_histogram.png": ("low_stock", {"limit": "100000"}, low_stock_histogram),
    "products_by_category.png": ("products_by_category", {}, products_by_category_pie),
    "purchase_price_by_supplier.png": (
        "average_purchase_price_by_supplier", {}, purchase_price_by_supplier_bars,
    ),
    "stock_value_over_time.png": ("stock_value_over_time", {}, stock_value_line),
    "monthly_sales_by_category.png": (
        "monthly_sales_by_category", {}, monthly_sales_by_category_lines,
    ),
}  # fmt: skip


def draw_all(engine: Engine, out_dir: Path) -> list[Path]:
    """Draw every chart from the database into out_dir; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sns.set_theme(style="whitegrid")
    written = []
    for filename, (query, params, draw) in CHARTS.items():
        figure = draw(queries.dataframe(engine, query, **params))
        path = out_dir / filename
        figure.savefig(path, dpi=100)
        written.append(path)
    return written
