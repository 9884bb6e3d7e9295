"""What counts as revenue: the views revenue_invoice and revenue_invoice_line hold the rule (an
issued or paid invoice counts, a void one counts for nothing; units returned count neither as
sold nor as revenue, credited at the price billed), and every reader of revenue, the saved
queries top_sellers, abc_analysis, monthly_sales_trend and top_customers and the view
sales_by_category_month, follows it, as invoice_ageing does for what is owed. Checked on
hand-built invoiced orders whose one void invoice, and whose returns, are large enough to
change every ranking if they were counted."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.engine import Engine

from sims import queries
from tests import support

# Orders: customer, shipped_at, invoice status, lines as (product, units, unit price, units
# returned after the invoice).
# fmt: off
ORDERS = [
    ("alice", datetime(2026, 1, 10, 9), "issued",
     [("hammer", 3, "10.00", 0), ("saw", 1, "25.00", 0), ("rake", 10, "4.00", 10)]),
    ("bob", datetime(2026, 1, 20, 9), "paid", [("hammer", 1, "10.00", 0)]),
    ("bob", datetime(2026, 2, 5, 9), "void", [("saw", 10, "25.00", 2)]),
    ("alice", datetime(2026, 2, 15, 9), "paid", [("rake", 3, "4.00", 1)]),
]
# fmt: on
# 55 + 10 + 8: the void 250 is not revenue, nor are the 44 of rakes returned (40 + 4).
TOTAL_REVENUE = Decimal("73.00")


@pytest.fixture(scope="module")
def shop(engine: Engine) -> SimpleNamespace:
    with engine.begin() as conn:
        category = support.category(conn, "Hardware")
        products = {name: support.product(conn, category) for name in ("hammer", "saw", "rake")}
        customers = {name: support.customer(conn) for name in ("alice", "bob")}
        warehouse = support.warehouse(conn)
        invoices = {}
        for customer, shipped_at, status, lines in ORDERS:
            order = support.sales_order(conn, customers[customer], warehouse, shipped_at=shipped_at)
            order_lines = [
                (support.sales_order_line(conn, order, products[product], units, price, units),
                 returned)
                for product, units, price, returned in lines
            ]  # fmt: skip
            invoices[status, customer, shipped_at.month] = support.invoice(conn, order, status)
            for line, returned in order_lines:
                conn.exec_driver_sql(
                    "UPDATE sales_order_line SET returned_qty = %s WHERE sales_order_line_id = %s",
                    (returned, line),
                )
    return SimpleNamespace(products=products, customers=customers, invoices=invoices)


def run(engine: Engine, name: str) -> list[dict]:
    return queries.run(engine, queries.find(name))


def test_revenue_invoice_holds_the_issued_and_paid_invoices_and_not_the_void_one(
    engine, shop
) -> None:
    with engine.connect() as conn:
        counted = conn.exec_driver_sql("SELECT invoice_id FROM revenue_invoice").scalars().all()
    assert sorted(counted) == sorted(
        shop.invoices[key] for key in (("issued", "alice", 1), ("paid", "bob", 1),
                                       ("paid", "alice", 2))
    )  # fmt: skip


def test_revenue_invoice_line_nets_the_returned_units_out_of_those_invoices_lines(
    engine, shop
) -> None:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT product_id, invoice_id, invoiced_qty, returned_qty, sold_qty, revenue "
            "FROM revenue_invoice_line"
        ).all()
    hammer, saw, rake = (shop.products[name] for name in ("hammer", "saw", "rake"))
    alice_january, bob_january, alice_february = (
        shop.invoices[key] for key in (("issued", "alice", 1), ("paid", "bob", 1),
                                       ("paid", "alice", 2))
    )  # fmt: skip
    assert sorted(rows) == sorted(
        [
            (hammer, alice_january, 3, 0, 3, Decimal("30.00")),
            (saw, alice_january, 1, 0, 1, Decimal("25.00")),
            (rake, alice_january, 10, 10, 0, Decimal("0.00")),
            (hammer, bob_january, 1, 0, 1, Decimal("10.00")),
            (rake, alice_february, 3, 1, 2, Decimal("8.00")),
        ]
    )


def test_top_sellers_ranks_by_revenue_without_the_void_invoice_or_returns(engine, shop) -> None:
    ranked = [
        (row["product_id"], row["units_sold"], row["revenue"], row["orders"])
        for row in run(engine, "top_sellers")
    ]
    assert ranked == [
        (shop.products["hammer"], 4, Decimal("40.00"), 2),
        (shop.products["saw"], 1, Decimal("25.00"), 1),
        (shop.products["rake"], 2, Decimal("8.00"), 2),  # 52 billed, 44 returned
    ]


def test_abc_analysis_classes_follow_revenue_without_the_void_invoice_or_returns(
    engine, shop
) -> None:
    classes = [
        (row["product_id"], row["revenue"], row["abc_class"]) for row in run(engine, "abc_analysis")
    ]
    assert classes == [
        (shop.products["hammer"], Decimal("40.00"), "A"),  # starts at 0% of 73
        (shop.products["saw"], Decimal("25.00"), "A"),  # starts at 55% (40 of 73)
        (shop.products["rake"], Decimal("8.00"), "B"),  # starts at 89% (65 of 73)
    ]


def test_monthly_sales_trend_counts_only_revenue_invoices_and_units_kept(engine, shop) -> None:
    months = [
        (row["month_start"].month, row["revenue"], row["units_sold"], row["orders"])
        for row in run(engine, "monthly_sales_trend")
    ]
    assert months == [(2, Decimal("8.00"), 2, 1), (1, Decimal("65.00"), 5, 2)]


def test_top_customers_ranks_by_revenue_without_the_void_invoice_or_returns(engine, shop) -> None:
    ranked = [
        (row["customer_id"], row["orders"], row["units"], row["revenue"])
        for row in run(engine, "top_customers")
    ]
    assert ranked == [
        (shop.customers["alice"], 2, 6, Decimal("63.00")),
        (shop.customers["bob"], 1, 1, Decimal("10.00")),
    ]


def test_invoice_ageing_asks_only_for_what_the_customer_kept(engine, shop) -> None:
    owed = [
        (row["customer_id"], row["unpaid_invoices"], row["amount_due"])
        for row in queries.run(engine, queries.find("invoice_ageing"), {})
    ]
    # Alice's one unpaid invoice billed 95; she returned the 40 of rakes. Bob owes nothing.
    assert owed == [(shop.customers["alice"], 1, Decimal("55.00"))]


def test_every_reader_of_revenue_agrees_on_the_total(engine, shop) -> None:
    with engine.connect() as conn:
        by_category_month = conn.exec_driver_sql(
            "SELECT SUM(revenue) FROM sales_by_category_month"
        ).scalar_one()
    totals = {
        "sales_by_category_month": by_category_month,
        "top_sellers": sum(row["revenue"] for row in run(engine, "top_sellers")),
        "abc_analysis": sum(row["revenue"] for row in run(engine, "abc_analysis")),
        "monthly_sales_trend": sum(row["revenue"] for row in run(engine, "monthly_sales_trend")),
        "top_customers": sum(row["revenue"] for row in run(engine, "top_customers")),
    }
    assert totals == dict.fromkeys(totals, TOTAL_REVENUE)
