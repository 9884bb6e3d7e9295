"""Sales: orders placed through the seasons by skewed customers for skewed products,
shipped within days (a few cancelled, the newest still open), invoiced when shipped, and
now and then partly returned."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from generate import columns as col
from generate.catalog import Catalog
from generate.clock import order_times
from generate.columns import Table
from generate.settings import DAY, HOUR, MEAN_LINES_PER_ORDER, Settings

OPEN, SHIPPED, CANCELLED = 0, 1, 2
STATUS = np.array(["open", "shipped", "cancelled"], dtype=object)
CANCEL_SHARE = 0.025
RETURN_SHARE = 0.025
VOID_SHARE = 0.01  # invoices voided after issue: kept on record, not owed, not revenue
INVOICE_DUE_DAYS = 30  # as ship_sales_order dates every invoice
PRICE_RISE_PER_YEAR = 0.04
DISCONTINUED_BEFORE_END = 120 * DAY  # discontinued products stopped selling this long ago


@dataclass
class Sales:
    """Orders and lines as arrays (index = id - 1), for the ledger and the stock plan."""

    order_customer: np.ndarray
    order_warehouse: np.ndarray
    ordered_at: np.ndarray
    status: np.ndarray
    shipped_at: np.ndarray  # -1 when not shipped
    cancelled_at: np.ndarray  # -1 when not cancelled
    line_order: np.ndarray
    line_product: np.ndarray
    line_qty: np.ndarray
    line_price: np.ndarray  # cents
    line_returned: np.ndarray
    line_returned_at: np.ndarray  # -1 when nothing came back
    first_order_of_customer: np.ndarray  # instant, 0 for customers who never ordered

    @property
    def line_status(self) -> np.ndarray:
        return self.status[self.line_order]


def build_sales(settings: Settings, catalog: Catalog) -> Sales:
    rng = settings.rng("sales")
    sizes = settings.sizes
    ordered_at = order_times(rng, settings, sizes.sales_orders)
    customer = rng.choice(catalog.customers, ordered_at.size, p=catalog.customer_weight)
    away = rng.random(ordered_at.size) < 0.15
    warehouse = np.where(
        away,
        rng.choice(catalog.warehouses, ordered_at.size, p=catalog.warehouse_weight),
        catalog.customer_home[customer],
    )
    line_order, line_product = _lines(rng, settings, catalog, ordered_at)
    # Orders that lost every line (duplicates, discontinued products) are not generated.
    kept = np.unique(line_order)
    renumber = np.full(ordered_at.size, -1)
    renumber[kept] = np.arange(kept.size)
    line_order = renumber[line_order]
    ordered_at, customer, warehouse = ordered_at[kept], customer[kept], warehouse[kept]
    status, shipped_at, cancelled_at = _fulfilment(rng, settings, ordered_at)

    price = catalog.product_price[line_product]
    qty = _quantities(rng, price)
    years_ago = (settings.end - ordered_at[line_order]) / (365.25 * DAY)
    discount = catalog.customer_discount[customer[line_order]]
    unit_price = np.round(price / (1 + PRICE_RISE_PER_YEAR) ** years_ago * (1 - discount))
    returned, returned_at = _returns(rng, settings, status[line_order], shipped_at[line_order], qty)
    first_order = np.zeros(catalog.customers, dtype=np.int64)
    firsts = np.unique(customer, return_index=True)  # orders are in time order
    first_order[firsts[0]] = ordered_at[firsts[1]]
    return Sales(
        order_customer=customer,
        order_warehouse=warehouse,
        ordered_at=ordered_at,
        status=status,
        shipped_at=shipped_at,
        cancelled_at=cancelled_at,
        line_order=line_order,
        line_product=line_product,
        line_qty=qty,
        line_price=unit_price.astype(np.int64),
        line_returned=returned,
        line_returned_at=returned_at,
        first_order_of_customer=first_order,
    )


def _lines(
    rng: np.random.Generator, settings: Settings, catalog: Catalog, ordered_at: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Order lines by product popularity; a product appears at most once per order."""
    stop = 1 / MEAN_LINES_PER_ORDER
    per_order = np.minimum(rng.geometric(stop, ordered_at.size), 12)
    line_order = np.repeat(np.arange(ordered_at.size), per_order)
    product = rng.choice(catalog.products, line_order.size, p=catalog.product_weight)
    key = line_order * catalog.products + product
    _, first = np.unique(key, return_index=True)  # sorted by order, then product
    line_order, product = line_order[first], product[first]
    stopped = catalog.discontinued[product] & (
        ordered_at[line_order] >= settings.end - DISCONTINUED_BEFORE_END
    )
    return line_order[~stopped], product[~stopped]


def _fulfilment(
    rng: np.random.Generator, settings: Settings, ordered_at: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ship within hours to days; cancel a few; orders too recent to ship stay open."""
    n = ordered_at.size
    delay = (2 * HOUR + rng.lognormal(np.log(20 * HOUR), 0.7, n)).astype(np.int64)
    shipped_at = ordered_at + delay
    cancel_at = ordered_at + rng.integers(10 * 60, 2 * DAY, n)
    cancelled = (rng.random(n) < CANCEL_SHARE) & (cancel_at <= settings.end)
    shipped = ~cancelled & (shipped_at <= settings.end)
    status = np.where(cancelled, CANCELLED, np.where(shipped, SHIPPED, OPEN))
    return status, np.where(shipped, shipped_at, -1), np.where(cancelled, cancel_at, -1)


def _quantities(rng: np.random.Generator, price: np.ndarray) -> np.ndarray:
    """Cheap things are bought by the handful, dear ones singly."""
    p = np.clip(0.12 + price / 20_000, 0.12, 0.9)
    return np.minimum(rng.geometric(p), 200).astype(np.int64)


def _returns(
    rng: np.random.Generator,
    settings: Settings,
    line_status: np.ndarray,
    shipped_at: np.ndarray,
    qty: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    n = qty.size
    at = shipped_at + rng.integers(2 * DAY, 30 * DAY, n)
    back = (line_status == SHIPPED) & (rng.random(n) < RETURN_SHARE) & (at <= settings.end)
    whole = rng.random(n) < 0.6
    some = np.minimum(qty, 1 + (rng.random(n) * qty).astype(np.int64))
    returned = np.where(back, np.where(whole, qty, some), 0)
    return returned.astype(np.int64), np.where(back, at, -1)


@dataclass
class Invoices:
    """One invoice per shipped order, as arrays (index = id - 1), numbered in the order they
    were issued; and the invoice that bills each sales order line."""

    order: np.ndarray  # the sales order billed
    issued_at: np.ndarray
    due: np.ndarray  # day number
    paid_at: np.ndarray  # meaningful where paid
    paid: np.ndarray
    void: np.ndarray
    voided_at: np.ndarray  # meaningful where void
    line_invoice: np.ndarray  # per sales order line: its invoice, -1 when not billed


def build_invoices(settings: Settings, catalog: Catalog, sales: Sales) -> Invoices:
    rng = settings.rng("invoices")
    billed = np.flatnonzero(sales.status == SHIPPED)
    billed = billed[np.argsort(sales.shipped_at[billed], kind="stable")]
    invoice_of_order = np.full(sales.ordered_at.size, -1)
    invoice_of_order[billed] = np.arange(billed.size)
    issued = sales.shipped_at[billed]
    # Customers pay to their own habit (14, 30 or 60 days), so some pay late.
    payment_days = catalog.customer_payment_days[sales.order_customer[billed]]
    paid_at = issued + rng.integers(DAY, (payment_days + 20) * DAY)
    # Drawn after every other value of this stream, so a seed's other rows stay as they were.
    void = rng.random(billed.size) < VOID_SHARE
    return Invoices(
        order=billed,
        issued_at=issued,
        due=issued // DAY + INVOICE_DUE_DAYS,
        paid_at=paid_at,
        paid=(paid_at <= settings.end) & ~void,
        void=void,
        voided_at=np.minimum(issued + DAY, settings.end),
        line_invoice=invoice_of_order[sales.line_order],
    )


def sales_tables(sales: Sales, invoices: Invoices) -> Iterator[Table]:
    """sales_order, sales_order_line, invoice and invoice_line."""
    n_orders = sales.ordered_at.size
    order_ids = np.arange(1, n_orders + 1)
    shipped = sales.status == SHIPPED
    cancelled = sales.status == CANCELLED
    order_updated = np.maximum(sales.ordered_at, np.maximum(sales.shipped_at, sales.cancelled_at))
    yield (
        Table("sales_order")
        .add("sales_order_id", col.ints(order_ids))
        .add("customer_id", col.ints(sales.order_customer + 1))
        .add("warehouse_id", col.ints(sales.order_warehouse + 1))
        .add("status", col.texts(STATUS[sales.status]))
        .add("ordered_at", col.timestamps(sales.ordered_at))
        .add("shipped_at", col.timestamps(sales.shipped_at, null=~shipped))
        .add("cancelled_at", col.timestamps(sales.cancelled_at, null=~cancelled))
        .add("created_at", col.timestamps(sales.ordered_at))
        .add("updated_at", col.timestamps(order_updated))
    )
    line_ids = np.arange(1, sales.line_order.size + 1)
    line_shipped = shipped[sales.line_order]
    shipped_qty = np.where(line_shipped, sales.line_qty, 0)
    line_updated = np.maximum(order_updated[sales.line_order], sales.line_returned_at)
    yield (
        Table("sales_order_line")
        .add("sales_order_line_id", col.ints(line_ids))
        .add("sales_order_id", col.ints(sales.line_order + 1))
        .add("product_id", col.ints(sales.line_product + 1))
        .add("ordered_qty", col.ints(sales.line_qty))
        .add("shipped_qty", col.ints(shipped_qty))
        .add("returned_qty", col.ints(sales.line_returned))
        .add("unit_price", col.money(sales.line_price))
        .add("created_at", col.timestamps(sales.ordered_at[sales.line_order]))
        .add("updated_at", col.timestamps(line_updated))
    )
    yield from _invoice_tables(sales, invoices, line_ids)


def _invoice_tables(sales: Sales, invoices: Invoices, line_ids: np.ndarray) -> Iterator[Table]:
    inv = invoices
    on_invoice = np.flatnonzero(inv.line_invoice >= 0)
    on_invoice = on_invoice[np.lexsort((on_invoice, inv.line_invoice[on_invoice]))]
    qty = sales.line_qty[on_invoice]
    price = sales.line_price[on_invoice]
    total = qty * price
    invoice_total = np.bincount(
        inv.line_invoice[on_invoice], weights=total, minlength=inv.order.size
    )
    issued_of_line = inv.issued_at[inv.line_invoice[on_invoice]]
    paid, void = inv.paid, inv.void
    yield (
        Table("invoice")
        .add("invoice_id", col.ints(np.arange(1, inv.order.size + 1)))
        .add("sales_order_id", col.ints(inv.order + 1))
        .add("status", col.texts(np.select([paid, void], ["paid", "void"], "issued")))
        .add("total_amount", col.money(np.round(invoice_total).astype(np.int64)))
        .add("issued_at", col.timestamps(inv.issued_at))
        .add("due_date", col.dates(inv.due))
        .add("paid_at", col.timestamps(inv.paid_at, null=~paid))
        .add("created_at", col.timestamps(inv.issued_at))
        .add("updated_at",
             col.timestamps(np.select([paid, void], [inv.paid_at, inv.voided_at], inv.issued_at)))
    )  # fmt: skip
    yield (
        Table("invoice_line")
        .add("invoice_line_id", col.ints(np.arange(1, on_invoice.size + 1)))
        .add("invoice_id", col.ints(inv.line_invoice[on_invoice] + 1))
        .add("sales_order_line_id", col.ints(line_ids[on_invoice]))
        .add("invoiced_qty", col.ints(qty))
        .add("unit_price", col.money(price))
        .add("line_total", col.money(total))
        .add("created_at", col.timestamps(issued_of_line))
        .add("updated_at", col.timestamps(issued_of_line))
    )
