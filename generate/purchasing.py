"""Purchasing: replenishment planned backwards from demand so stock never runs out.

For each stock slot (product in a warehouse) the demand (reservations by sales orders,
write-offs, transfers out) is sorted in time. Opening stock covers the first weeks; after
that each replenishment of an economic order quantity must arrive before the first demand
it is needed for. Orders to one supplier for one warehouse falling due in the same fortnight
share a purchase order; it is sent one lead time (promised, plus the supplier's lateness or
earliness) before it arrives, sometimes in two deliveries. Because every delivery lands
before the demand that needs it, available stock (and so on-hand stock) is never negative.
At the end of the history some slots are low: they have open, partly received or draft
orders, as reordering would leave them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generate import columns as col
from generate.catalog import Catalog
from generate.columns import Table
from generate.settings import DAY, HISTORY_DAYS, HOUR, Settings

OPENING_COVER = 14 * DAY  # opening stock covers the demand of the first two weeks
PO_WINDOW = 14 * DAY  # lines due within this window share a purchase order
ORDER_COST = 40.0  # cost of placing one order line, for the order quantity (EOQ)
HOLDING_RATE = 0.25  # yearly cost of holding a unit, as a share of its cost
PREFERRED_SHARE = 0.8
PARTIAL_SHARE = 0.08
COST_RISE_PER_YEAR = 0.03

DRAFT, SENT, PARTIAL, RECEIVED, CANCELLED = range(5)
STATUS = np.array(["draft", "sent", "partially_received", "received", "cancelled"], dtype=object)


@dataclass
class Plan:
    """Per slot: opening stock, reorder parameters; and the replenishment orders needed."""

    opening: np.ndarray
    reorder_point: np.ndarray
    target: np.ndarray
    order_slot: np.ndarray
    order_offer: np.ndarray
    order_qty: np.ndarray
    order_need_at: np.ndarray


@dataclass
class Orders:
    """Purchase orders, their lines and deliveries (index = id - 1 once `number`ed)."""

    supplier: np.ndarray
    warehouse: np.ndarray
    kind: np.ndarray  # DRAFT, CANCELLED, or SENT (status follows from the receipts)
    auto: np.ndarray
    ordered_at: np.ndarray  # -1: never sent
    expected_day: np.ndarray  # days since epoch, -1: none
    created_at: np.ndarray
    cancelled_at: np.ndarray  # -1 unless cancelled
    line_po: np.ndarray
    line_offer: np.ndarray
    line_qty: np.ndarray
    receipt_line: np.ndarray
    receipt_at: np.ndarray
    receipt_qty: np.ndarray

    @classmethod
    def concat(cls, parts: list[Orders]) -> Orders:
        offset = np.cumsum([0] + [p.supplier.size for p in parts])
        line_offset = np.cumsum([0] + [p.line_po.size for p in parts])
        fields = {}
        for name in cls.__dataclass_fields__:
            values = [getattr(p, name) for p in parts]
            if name == "line_po":
                values = [v + offset[i] for i, v in enumerate(values)]
            elif name == "receipt_line":
                values = [v + line_offset[i] for i, v in enumerate(values)]
            fields[name] = np.concatenate(values)
        return cls(**fields)


def pack(qty: np.ndarray, min_qty: np.ndarray, multiple: np.ndarray) -> np.ndarray:
    """The smallest quantity >= qty the supplier accepts: at least its minimum, in packs."""
    qty = np.maximum(np.ceil(qty).astype(np.int64), min_qty)
    return -(-qty // multiple) * multiple


def plan_replenishment(
    settings: Settings,
    catalog: Catalog,
    demand_slot: np.ndarray,
    demand_at: np.ndarray,
    demand_qty: np.ndarray,
) -> Plan:
    rng = settings.rng("replenishment")
    slots = catalog.products * catalog.warehouses
    order = np.lexsort((demand_at, demand_slot))
    slot_s, at_s, qty_s = demand_slot[order], demand_at[order], demand_qty[order]
    cum = np.cumsum(qty_s)
    first = np.searchsorted(slot_s, np.arange(slots))
    base = np.where(first > 0, cum[np.maximum(first - 1, 0)], 0)
    total = np.bincount(slot_s, weights=qty_s, minlength=slots).astype(np.int64)
    early_weight = np.where(at_s < settings.start + OPENING_COVER, qty_s, 0)
    early = np.bincount(slot_s, weights=early_weight, minlength=slots).astype(np.int64)

    rate = total / HISTORY_DAYS  # units a day
    product = np.arange(slots) // catalog.warehouses
    preferred = catalog.preferred_offer[product]
    annual = rate * 365
    unit_cost = catalog.offer_cost[preferred] / 100
    cycles = np.clip(np.sqrt(annual * unit_cost * HOLDING_RATE / (2 * ORDER_COST)), 1, 26)
    batch = np.maximum(1, np.ceil(annual / cycles)).astype(np.int64)
    extra = np.round(rate * rng.uniform(3, 20, slots)).astype(np.int64)
    idle_stock = np.where(total == 0, rng.integers(0, 13, slots), 0)
    opening = early + extra + idle_stock
    lead = catalog.offer_lead_days[preferred]
    reorder_point = np.ceil(rate * (lead + rng.uniform(3, 10, slots))).astype(np.int64)

    count = -(-np.maximum(total - opening, 0) // batch)
    o_slot = np.repeat(np.arange(slots), count)
    o_product = o_slot // catalog.warehouses
    alternative = catalog.offer_first[o_product] + (
        rng.random(o_slot.size) * catalog.offer_count[o_product]
    ).astype(np.int64)
    offer = np.where(rng.random(o_slot.size) < PREFERRED_SHARE, preferred[o_slot], alternative)
    qty = pack(
        batch[o_slot] * rng.uniform(1.0, 1.25, o_slot.size),
        catalog.offer_min_qty[offer],
        catalog.offer_multiple[offer],
    )
    # Stock on hand when order k is due: opening plus the orders before it.
    running = np.cumsum(qty)
    group_start = np.searchsorted(o_slot, o_slot)
    before = running - qty - (running[group_start] - qty[group_start])
    threshold = opening[o_slot] + before
    needed = threshold < total[o_slot]
    o_slot, offer, qty, threshold = o_slot[needed], offer[needed], qty[needed], threshold[needed]
    need = np.searchsorted(cum, base[o_slot] + threshold, side="right")
    if not np.array_equal(slot_s[need], o_slot):
        raise AssertionError("replenishment planned against the wrong slot")
    return Plan(
        opening=opening,
        reorder_point=reorder_point,
        target=reorder_point + batch,
        order_slot=o_slot,
        order_offer=offer,
        order_qty=qty,
        order_need_at=at_s[need],
    )


def history_orders(settings: Settings, catalog: Catalog, plan: Plan) -> Orders:
    """Purchase orders that delivered every planned replenishment just in time."""
    rng = settings.rng("purchase-orders")
    supplier = catalog.offer_supplier[plan.order_offer]
    warehouse = plan.order_slot % catalog.warehouses
    window = (plan.order_need_at - settings.start) // PO_WINDOW
    order = np.lexsort((plan.order_need_at, window, warehouse, supplier))
    supplier, warehouse, window = supplier[order], warehouse[order], window[order]
    offer, qty, need = plan.order_offer[order], plan.order_qty[order], plan.order_need_at[order]
    new_po = np.ones(order.size, dtype=bool)
    new_po[1:] = (np.diff(supplier) != 0) | (np.diff(warehouse) != 0) | (np.diff(window) != 0)
    starts = np.flatnonzero(new_po)
    line_po = np.cumsum(new_po) - 1
    pos = starts.size
    earliest_need = np.minimum.reduceat(need, starts) if pos else need
    promised = np.maximum.reduceat(catalog.offer_lead_days[offer], starts) if pos else need
    arrival = earliest_need - rng.integers(HOUR, 3 * DAY, pos)
    partial = rng.random(pos) < PARTIAL_SHARE
    first_arrival = np.where(partial, arrival - rng.integers(DAY, 5 * DAY, pos), arrival)
    po_supplier = supplier[starts]
    late = rng.random(pos) < catalog.supplier_late_rate[po_supplier]
    delay = np.where(late, rng.integers(1, 11, pos), -rng.integers(0, 3, pos))
    actual = np.maximum(1, promised + delay)
    ordered_at = first_arrival - actual * DAY - rng.integers(0, 6 * HOUR, pos)
    line_po, offer, qty = _merge_lines(catalog, line_po, offer, qty)
    # Deliveries: everything at `arrival`, or part first and the rest at `arrival`.
    share = rng.uniform(0.3, 0.8, line_po.size)
    first_part = np.where(partial[line_po], np.floor(qty * share).astype(np.int64), 0)
    rest = qty - first_part
    early, late_part = np.flatnonzero(first_part > 0), np.flatnonzero(rest > 0)
    return Orders(
        supplier=po_supplier,
        warehouse=warehouse[starts],
        kind=np.full(pos, SENT),
        auto=(rng.random(pos) < 0.75).astype(np.int64),
        ordered_at=ordered_at,
        expected_day=ordered_at // DAY + promised,
        created_at=ordered_at - rng.integers(0, 2 * DAY, pos),
        cancelled_at=np.full(pos, -1),
        line_po=line_po,
        line_offer=offer,
        line_qty=qty,
        receipt_line=np.concatenate([early, late_part]),
        receipt_at=np.concatenate([first_arrival[line_po[early]], arrival[line_po[late_part]]]),
        receipt_qty=np.concatenate([first_part[early], rest[late_part]]),
    )


def _merge_lines(
    catalog: Catalog, line_po: np.ndarray, offer: np.ndarray, qty: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One line per product on a purchase order: repeat orders for it are added up."""
    key = line_po * catalog.products + catalog.offer_product[offer]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    total = np.bincount(inverse, weights=qty).astype(np.int64)
    return line_po[first], offer[first], total


def cancelled_orders(settings: Settings, catalog: Catalog, count: int) -> Orders:
    """A few orders cancelled before anything arrived (some never left draft)."""
    rng = settings.rng("cancelled-orders")
    by_supplier = np.argsort(catalog.offer_supplier, kind="stable")
    supplier_first = np.searchsorted(
        catalog.offer_supplier[by_supplier], np.arange(catalog.offer_supplier.max() + 1)
    )
    supplier_count = np.bincount(catalog.offer_supplier)
    lead_offer = rng.integers(0, catalog.offers, count)
    supplier = catalog.offer_supplier[lead_offer]
    lines = rng.integers(1, 5, count)
    line_po = np.repeat(np.arange(count), lines)
    pick = supplier_first[supplier[line_po]] + (
        rng.random(line_po.size) * supplier_count[supplier[line_po]]
    ).astype(np.int64)
    offer = by_supplier[pick]
    qty = pack(
        catalog.offer_min_qty[offer] * rng.integers(1, 5, offer.size),
        catalog.offer_min_qty[offer],
        catalog.offer_multiple[offer],
    )
    line_po, offer, qty = _merge_lines(catalog, line_po, offer, qty)
    created = settings.start + rng.integers(0, settings.end - settings.start - 20 * DAY, count)
    sent = rng.random(count) < 0.7
    ordered_at = np.where(sent, created + rng.integers(HOUR, DAY, count), -1)
    promised = catalog.offer_lead_days[lead_offer]
    none = np.zeros(0, dtype=np.int64)
    return Orders(
        supplier=supplier,
        warehouse=rng.integers(0, catalog.warehouses, count),
        kind=np.full(count, CANCELLED),
        auto=(rng.random(count) < 0.5).astype(np.int64),
        ordered_at=ordered_at,
        expected_day=np.where(sent, ordered_at // DAY + promised, -1),
        created_at=created,
        cancelled_at=created + rng.integers(DAY, 14 * DAY, count),
        line_po=line_po,
        line_offer=offer,
        line_qty=qty,
        receipt_line=none,
        receipt_at=none,
        receipt_qty=none,
    )


def ordering_offer(catalog: Catalog) -> np.ndarray:
    """Per product: the offer reorder_stock orders from (view reorder_supplier: among active
    suppliers, the preferred one, else the cheapest, then the shortest lead time), or -1
    when no active supplier offers the product."""
    active = catalog.supplier_active[catalog.offer_supplier]
    preferred = np.zeros(catalog.offers, dtype=bool)
    preferred[catalog.preferred_offer] = True
    ranked = np.lexsort(
        (
            catalog.offer_supplier,
            catalog.offer_lead_days,
            catalog.offer_cost,
            ~preferred,
            ~active,
            catalog.offer_product,
        )
    )
    best = ranked[np.minimum(catalog.offer_first, catalog.offers - 1)]
    return np.where((catalog.offer_count > 0) & active[best], best, -1)


def pending_orders(
    settings: Settings, catalog: Catalog, plan: Plan, available: np.ndarray
) -> Orders:
    """Open orders at the end of the history for most slots at or below their reorder
    point: drafts, orders sent and awaiting delivery, and a few partly delivered, each from
    the supplier reorder_stock would choose (none for a product no active supplier offers)."""
    rng = settings.rng("pending-orders")
    product = np.arange(available.size) // catalog.warehouses
    low = (available <= plan.reorder_point) & ~catalog.discontinued[product]
    slot = np.flatnonzero(low & (rng.random(available.size) < 0.6))
    offer = ordering_offer(catalog)[slot // catalog.warehouses]
    slot, offer = slot[offer >= 0], offer[offer >= 0]
    qty = pack(
        np.maximum(plan.target[slot] - available[slot], 1),
        catalog.offer_min_qty[offer],
        catalog.offer_multiple[offer],
    )
    supplier = catalog.offer_supplier[offer]
    warehouse = slot % catalog.warehouses
    order = np.lexsort((slot, warehouse, supplier))
    supplier, warehouse, offer, qty = supplier[order], warehouse[order], offer[order], qty[order]
    new_po = np.ones(order.size, dtype=bool)
    new_po[1:] = (np.diff(supplier) != 0) | (np.diff(warehouse) != 0)
    starts = np.flatnonzero(new_po)
    line_po = np.cumsum(new_po) - 1
    pos = starts.size
    promised = np.maximum.reduceat(catalog.offer_lead_days[offer], starts) if pos else starts
    state = rng.random(pos)
    draft, partial = state < 0.25, (state >= 0.25) & (state < 0.4)
    ordered_at = settings.end - (rng.random(pos) * promised * DAY).astype(np.int64) - HOUR
    ordered_at = np.where(
        partial, settings.end - (promised + rng.integers(1, 6, pos)) * DAY, ordered_at
    )
    ordered_at = np.where(draft, -1, ordered_at)
    created = np.where(
        draft,
        settings.end - rng.integers(HOUR, 3 * DAY, pos),
        ordered_at - rng.integers(0, DAY, pos),
    )
    delivered_at = settings.end - rng.integers(HOUR, 20 * HOUR, pos)
    part = np.floor(qty * rng.uniform(0.3, 0.8, qty.size)).astype(np.int64)
    receipt_line = np.flatnonzero(partial[line_po] & (part > 0))
    return Orders(
        supplier=supplier[starts],
        warehouse=warehouse[starts],
        kind=np.where(draft, DRAFT, SENT),
        auto=(rng.random(pos) < 0.8).astype(np.int64),
        ordered_at=ordered_at,
        expected_day=np.where(draft, -1, ordered_at // DAY + promised),
        created_at=created,
        cancelled_at=np.full(pos, -1),
        line_po=line_po,
        line_offer=offer,
        line_qty=qty,
        receipt_line=receipt_line,
        receipt_at=delivered_at[line_po[receipt_line]],
        receipt_qty=part[receipt_line],
    )


@dataclass
class Numbered:
    """Orders with their final ids, statuses and receipts, as the tables hold them."""

    po_id: np.ndarray  # per order
    status: np.ndarray
    received_at: np.ndarray  # -1 unless received
    expected_day: np.ndarray
    line_id: np.ndarray  # per line
    line_product: np.ndarray
    receipt_line_id: np.ndarray
    receipt_slot: np.ndarray


def receipt_slots(catalog: Catalog, orders: Orders) -> np.ndarray:
    """The stock slot each delivery lands in."""
    product = catalog.offer_product[orders.line_offer[orders.receipt_line]]
    return product * catalog.warehouses + orders.warehouse[orders.line_po[orders.receipt_line]]


def number_orders(settings: Settings, catalog: Catalog, orders: Orders) -> tuple[Numbered, list]:
    """Ids in creation order, statuses from what arrived, and the two purchasing tables."""
    rng = settings.rng("purchase-lines")
    pos = orders.supplier.size
    po_id = np.empty(pos, dtype=np.int64)
    po_id[np.argsort(orders.created_at, kind="stable")] = np.arange(1, pos + 1)
    product = catalog.offer_product[orders.line_offer]
    line_rank = np.lexsort((product, po_id[orders.line_po]))
    line_id = np.empty(line_rank.size, dtype=np.int64)
    line_id[line_rank] = np.arange(1, line_rank.size + 1)
    received = np.bincount(
        orders.receipt_line, weights=orders.receipt_qty, minlength=line_id.size
    ).astype(np.int64)
    if np.any(received > orders.line_qty):
        raise AssertionError("more received than ordered")
    ordered_total = np.bincount(orders.line_po, weights=orders.line_qty, minlength=pos)
    received_total = np.bincount(orders.line_po, weights=received, minlength=pos)
    status = np.where(
        orders.kind == SENT,
        np.where(
            received_total == ordered_total, RECEIVED, np.where(received_total > 0, PARTIAL, SENT)
        ),
        orders.kind,
    )
    receipt_po = orders.line_po[orders.receipt_line]
    last_receipt = np.full(pos, -1, dtype=np.int64)
    np.maximum.at(last_receipt, receipt_po, orders.receipt_at)
    line_last = np.full(line_id.size, -1, dtype=np.int64)
    np.maximum.at(line_last, orders.receipt_line, orders.receipt_at)
    received_at = np.where(status == RECEIVED, last_receipt, -1)
    updated = np.maximum.reduce(
        [orders.created_at, orders.ordered_at, last_receipt, orders.cancelled_at]
    )
    years_ago = (settings.end - orders.created_at[orders.line_po]) / (365.25 * DAY)
    cost = catalog.offer_cost[orders.line_offer] / (1 + COST_RISE_PER_YEAR) ** years_ago
    cost = np.maximum(1, np.round(cost * rng.uniform(0.98, 1.02, cost.size))).astype(np.int64)
    never_sent = orders.ordered_at < 0
    po_order = np.argsort(po_id)
    po_table = (
        Table("purchase_order")
        .add("purchase_order_id", col.ints(po_id[po_order]))
        .add("supplier_id", col.ints(orders.supplier[po_order] + 1))
        .add("warehouse_id", col.ints(orders.warehouse[po_order] + 1))
        .add("status", col.texts(STATUS[status[po_order]]))
        .add("is_auto_generated", col.ints(orders.auto[po_order]))
        .add("ordered_at", col.timestamps(orders.ordered_at[po_order], null=never_sent[po_order]))
        .add("expected_date", col.dates(orders.expected_day[po_order], null=never_sent[po_order]))
        .add("received_at", col.timestamps(received_at[po_order], null=received_at[po_order] < 0))
        .add("created_at", col.timestamps(orders.created_at[po_order]))
        .add("updated_at", col.timestamps(updated[po_order]))
    )
    line_created = orders.created_at[orders.line_po]
    line_table = (
        Table("purchase_order_line")
        .add("purchase_order_line_id", col.ints(line_id[line_rank]))
        .add("purchase_order_id", col.ints(po_id[orders.line_po][line_rank]))
        .add("product_id", col.ints(product[line_rank] + 1))
        .add("ordered_qty", col.ints(orders.line_qty[line_rank]))
        .add("received_qty", col.ints(received[line_rank]))
        .add("unit_cost", col.money(cost[line_rank]))
        .add("created_at", col.timestamps(line_created[line_rank]))
        .add("updated_at", col.timestamps(np.maximum(line_created, line_last)[line_rank]))
    )
    numbered = Numbered(
        po_id=po_id,
        status=status,
        received_at=received_at,
        expected_day=orders.expected_day,
        line_id=line_id,
        line_product=product,
        receipt_line_id=line_id[orders.receipt_line],
        receipt_slot=receipt_slots(catalog, orders),
    )
    return numbered, [po_table, line_table]
