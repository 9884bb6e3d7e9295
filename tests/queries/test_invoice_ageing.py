"""invoice_ageing as of a day: the invoices issued by the end of that day and not paid by
then (unpaid today, or paid later), each in the bucket of its days past due on that day; a
void invoice never. Without as_of: today's unpaid invoices."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.engine import Connection, Engine

from sims import queries
from tests import support

# Per customer, one invoice of 10.00: issued, due, paid (None: unpaid), status.
INVOICES = {
    "unpaid": (datetime(2026, 1, 10, 9), date(2026, 2, 9), None, "issued"),
    "paid_in_february": (datetime(2026, 1, 5, 9), date(2026, 2, 4), datetime(2026, 2, 20, 9),
                         "paid"),
    "paid_on_time": (datetime(2026, 1, 5, 9), date(2026, 2, 4), datetime(2026, 1, 30, 9), "paid"),
    "issued_in_april": (datetime(2026, 4, 1, 9), date(2026, 5, 1), None, "issued"),
    "voided": (datetime(2026, 1, 2, 9), date(2026, 2, 1), None, "void"),
}  # fmt: skip


def billed(conn: Connection, customer: int, warehouse: int, product: int, invoice: tuple) -> None:
    """A shipped one-line order of 10.00 and its invoice with the given dates and status."""
    issued_at, due_date, paid_at, status = invoice
    order = support.sales_order(conn, customer, warehouse, shipped_at=issued_at)
    line = support.sales_order_line(conn, order, product, 1, 10.0, shipped_qty=1)
    invoice_id = support.insert(
        conn,
        "INSERT INTO invoice (sales_order_id, status, total_amount, issued_at, due_date, paid_at) "
        "VALUES (%s, %s, 10.00, %s, %s, %s)",
        (order, status, issued_at, due_date, paid_at),
    )
    conn.exec_driver_sql(
        "INSERT INTO invoice_line (invoice_id, sales_order_line_id, invoiced_qty, unit_price, "
        "line_total) VALUES (%s, %s, 1, 10.00, 10.00)",
        (invoice_id, line),
    )


@pytest.fixture(scope="module")
def customers(engine: Engine) -> dict[str, int]:
    with engine.begin() as conn:
        warehouse, product = support.warehouse(conn), support.product(conn)
        ids = {name: support.customer(conn) for name in INVOICES}
        for name, invoice in INVOICES.items():
            billed(conn, ids[name], warehouse, product, invoice)
    return ids


def ageing(engine: Engine, customers: dict[str, int], as_of: str | None) -> dict[str, tuple]:
    """Per customer name: (unpaid invoices, amount due, the bucket holding it)."""
    names = {customer_id: name for name, customer_id in customers.items()}
    buckets = ("not_yet_due", "overdue_1_30", "overdue_31_60", "overdue_61_90", "overdue_over_90")
    params = {} if as_of is None else {"as_of": as_of}
    rows = queries.run(engine, queries.find("invoice_ageing"), params)
    return {
        names[row["customer_id"]]: (
            row["unpaid_invoices"],
            row["amount_due"],
            next(bucket for bucket in buckets if row[bucket]),
        )
        for row in rows
        if row["customer_id"] in names
    }


def test_as_of_a_day_it_lists_what_was_unpaid_at_its_end(engine, customers) -> None:
    assert ageing(engine, customers, "2026-02-10") == {
        "unpaid": (1, Decimal("10.00"), "overdue_1_30"),
        "paid_in_february": (1, Decimal("10.00"), "overdue_1_30"),
    }


def test_the_buckets_count_the_days_past_due_on_that_day(engine, customers) -> None:
    assert ageing(engine, customers, "2026-02-09")["unpaid"][2] == "not_yet_due"
    assert ageing(engine, customers, "2026-04-15") == {
        "unpaid": (1, Decimal("10.00"), "overdue_61_90"),
        "issued_in_april": (1, Decimal("10.00"), "not_yet_due"),
    }


def test_without_a_day_it_lists_what_is_unpaid_today(engine, customers) -> None:
    today = ageing(engine, customers, None)
    assert set(today) == {"unpaid", "issued_in_april"}
    assert today["unpaid"][2] == "overdue_over_90"
