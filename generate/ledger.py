"""The stock ledger and what follows from it: every movement with its running balance,
stock levels (on hand = the ledger's sum, reserved = open order lines) and the history of
low-stock alerts, with one open alert wherever available stock is at or below the reorder
point now."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from generate import columns as col
from generate.adjustments import OPENING_REASON, REASONS, TRANSFER_REASON, Adjustments
from generate.catalog import Catalog
from generate.columns import Table
from generate.purchasing import Plan
from generate.sales import CANCELLED, OPEN, SHIPPED, Sales
from generate.settings import HOUR, Settings

RECEIPT, SALE, RETURN, ADJUSTMENT, TRANSFER = range(5)
MOVEMENT_TYPE = np.array(["receipt", "sale", "return", "adjustment", "transfer"], dtype=object)


class GenerationError(AssertionError):
    """The generated data broke a rule the database keeps: a bug in a builder."""


@dataclass
class Movements:
    slot: np.ndarray
    at: np.ndarray
    change: np.ndarray
    kind: np.ndarray
    sales_line_id: np.ndarray  # 0: none
    po_line_id: np.ndarray  # 0: none
    counterpart: np.ndarray  # warehouse index, -1: none
    reason: np.ndarray  # index into REASONS, -1: none

    @cached_property
    def id_order(self) -> np.ndarray:
        """The movements in id order: ids follow time; at the same instant goods come in
        before they go out."""
        return np.lexsort((self.slot, self.change < 0, self.at))

    @cached_property
    def ids(self) -> np.ndarray:
        """Each movement's id."""
        ids = np.empty(self.id_order.size, dtype=np.int64)
        ids[self.id_order] = np.arange(1, ids.size + 1)
        return ids


def _part(
    slot, at, change, kind, sales_line=None, po_line=None, counterpart=None, reason=None
) -> dict:
    n = np.asarray(slot).size

    def filled(values, default):
        return (
            np.full(n, default, dtype=np.int64) if values is None else np.asarray(values, np.int64)
        )

    return {
        "slot": np.asarray(slot, np.int64),
        "at": np.asarray(at, np.int64),
        "change": np.asarray(change, np.int64),
        "kind": np.full(n, kind, dtype=np.int64),
        "sales_line_id": filled(sales_line, 0),
        "po_line_id": filled(po_line, 0),
        "counterpart": filled(counterpart, -1),
        "reason": filled(reason, -1),
    }


def collect_movements(
    settings: Settings,
    catalog: Catalog,
    sales: Sales,
    adjustments: Adjustments,
    plan: Plan,
    receipts: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> Movements:
    """Every stock movement: opening stock, receipts (slot, instant, units, PO line id),
    shipments, returns, adjustments and both ends of each transfer."""
    w = catalog.warehouses
    stocked = np.flatnonzero(plan.opening > 0)
    line_slot = sales.line_product * w + sales.order_warehouse[sales.line_order]
    shipped = np.flatnonzero(sales.line_status == SHIPPED)
    returned = np.flatnonzero(sales.line_returned > 0)
    a = adjustments
    parts = [
        _part(stocked, np.full(stocked.size, settings.start), plan.opening[stocked], ADJUSTMENT,
              reason=np.full(stocked.size, OPENING_REASON)),
        _part(receipts[0], receipts[1], receipts[2], RECEIPT, po_line=receipts[3]),
        _part(line_slot[shipped], sales.shipped_at[sales.line_order[shipped]],
              -sales.line_qty[shipped], SALE, sales_line=shipped + 1),
        _part(line_slot[returned], sales.line_returned_at[returned], sales.line_returned[returned],
              RETURN, sales_line=returned + 1),
        _part(a.adjust_slot, a.adjust_at, a.adjust_qty, ADJUSTMENT, reason=a.adjust_reason),
        _part(a.transfer_product * w + a.transfer_from, a.transfer_at, -a.transfer_qty, TRANSFER,
              counterpart=a.transfer_to, reason=np.full(a.transfer_at.size, TRANSFER_REASON)),
        _part(a.transfer_product * w + a.transfer_to, a.transfer_at, a.transfer_qty, TRANSFER,
              counterpart=a.transfer_from, reason=np.full(a.transfer_at.size, TRANSFER_REASON)),
    ]  # fmt: skip
    return Movements(**{name: np.concatenate([p[name] for p in parts]) for name in parts[0]})


def reserved_by_slot(catalog: Catalog, sales: Sales) -> np.ndarray:
    """Units reserved per slot: the open order lines."""
    slots = catalog.products * catalog.warehouses
    line_slot = sales.line_product * catalog.warehouses + sales.order_warehouse[sales.line_order]
    open_qty = np.where(sales.line_status == OPEN, sales.line_qty, 0)
    return np.bincount(line_slot, weights=open_qty, minlength=slots).astype(np.int64)


def on_hand_by_slot(catalog: Catalog, movements: Movements) -> np.ndarray:
    slots = catalog.products * catalog.warehouses
    return np.bincount(movements.slot, weights=movements.change, minlength=slots).astype(np.int64)


def ledger_tables(
    settings: Settings,
    catalog: Catalog,
    sales: Sales,
    plan: Plan,
    movements: Movements,
    last_counted_at: np.ndarray,
) -> tuple[list[Table], int]:
    """stock_movement, stock_level and stock_alert; and how many alerts are open."""
    m = movements
    order, movement_id = m.id_order, m.ids
    balance = _running_sum(m.slot[order], m.change[order])
    if balance.size and balance.min() < 0:
        raise GenerationError("the ledger would go negative")
    on_hand = on_hand_by_slot(catalog, m)
    reserved = reserved_by_slot(catalog, sales)
    if np.any(reserved > on_hand):
        raise GenerationError("more reserved than on hand")
    no_sales_line, no_po_line = m.sales_line_id == 0, m.po_line_id == 0
    w = catalog.warehouses
    movement = (
        Table("stock_movement")
        .add("stock_movement_id", col.ints(movement_id[order]))
        .add("product_id", col.ints(m.slot[order] // w + 1))
        .add("warehouse_id", col.ints(m.slot[order] % w + 1))
        .add("movement_type", col.texts(MOVEMENT_TYPE[m.kind[order]]))
        .add("change_qty", col.ints(m.change[order]))
        .add("balance_after_qty", col.ints(balance))
        .add("occurred_at", col.timestamps(m.at[order]))
        .add("sales_order_line_id", col.ints(m.sales_line_id[order], null=no_sales_line[order]))
        .add("purchase_order_line_id", col.ints(m.po_line_id[order], null=no_po_line[order]))
        .add("counterpart_warehouse_id",
             col.ints(m.counterpart[order] + 1, null=m.counterpart[order] < 0))
        .add("reason", col.texts(REASONS[m.reason[order]], null=m.reason[order] < 0))
        .add("created_at", col.timestamps(m.at[order]))
        .add("updated_at", col.timestamps(m.at[order]))
    )  # fmt: skip
    slots = np.arange(on_hand.size)
    last_moved = np.full(on_hand.size, settings.start, dtype=np.int64)
    np.maximum.at(last_moved, m.slot, m.at)
    counted = last_counted_at >= 0
    level = (
        Table("stock_level")
        .add("product_id", col.ints(slots // w + 1))
        .add("warehouse_id", col.ints(slots % w + 1))
        .add("on_hand_qty", col.ints(on_hand))
        .add("reserved_qty", col.ints(reserved))
        .add("reorder_point_qty", col.ints(plan.reorder_point))
        .add("target_qty", col.ints(plan.target))
        .add("last_counted_at", col.timestamps(last_counted_at, null=~counted))
        .add("created_at", col.timestamps(np.full(on_hand.size, settings.start - HOUR)))
        .add("updated_at",
             col.timestamps(np.maximum(last_moved, np.where(counted, last_counted_at, 0))))
    )  # fmt: skip
    alerts, open_alerts = _alerts(settings, catalog, sales, plan, m, on_hand - reserved)
    return [movement, level, alerts], open_alerts


def return_movement_of_line(m: Movements, lines: int) -> np.ndarray:
    """Per sales order line, the id of the movement that took its units back (0: none; a
    generated line comes back at most once)."""
    of_line = np.zeros(lines, dtype=np.int64)
    returns = m.kind == RETURN
    of_line[m.sales_line_id[returns] - 1] = m.ids[returns]
    return of_line


def _running_sum(slot: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Per slot, the running sum of `change` in the given order (rows in time order)."""
    by_slot = np.argsort(slot, kind="stable")
    running = np.cumsum(change[by_slot])
    group_start = np.searchsorted(slot[by_slot], slot[by_slot])
    running -= running[group_start] - change[by_slot][group_start]
    result = np.empty_like(running)
    result[by_slot] = running
    return result


def _alerts(
    settings: Settings,
    catalog: Catalog,
    sales: Sales,
    plan: Plan,
    m: Movements,
    available_now: np.ndarray,
) -> tuple[Table, int]:
    """Replay available stock (on hand - reserved) per slot through time: an alert opens when
    it falls to or below the reorder point and is resolved when it climbs back above."""
    w = catalog.warehouses
    line_slot = sales.line_product * w + sales.order_warehouse[sales.line_order]
    released = np.flatnonzero(sales.line_status == CANCELLED)
    not_sale = m.kind != SALE  # a shipment turns reserved into gone: available is unchanged
    slot = np.concatenate([m.slot[not_sale], line_slot, line_slot[released]])
    at = np.concatenate([
        m.at[not_sale], sales.ordered_at[sales.line_order],
        sales.cancelled_at[sales.line_order[released]],
    ])  # fmt: skip
    change = np.concatenate([m.change[not_sale], -sales.line_qty, sales.line_qty[released]])
    order = np.lexsort((change < 0, at, slot))
    slot, at, change = slot[order], at[order], change[order]
    available = np.cumsum(change)
    group_start = np.searchsorted(slot, slot)
    available -= available[group_start] - change[group_start]
    below = available <= plan.reorder_point[slot]
    before = np.zeros_like(below)
    before[1:] = below[:-1] & (slot[1:] == slot[:-1])
    flips = np.flatnonzero(below != before)  # alternately raise, resolve, raise, ...
    raise_at = flips[below[flips]]
    position = np.searchsorted(flips, raise_at)
    following = np.minimum(position + 1, max(flips.size - 1, 0))
    resolved = (position + 1 < flips.size) & (slot[flips[following]] == slot[raise_at])
    a_slot = slot[raise_at]
    a_raised = at[raise_at]
    a_available = available[raise_at]
    a_resolved = np.where(resolved, at[flips[following]], -1)
    # Slots that never moved hold nothing: low from the start.
    idle = np.setdiff1d(np.arange(available_now.size), slot)
    idle = idle[plan.reorder_point[idle] >= 0]
    a_slot = np.concatenate([a_slot, idle])
    a_raised = np.concatenate([a_raised, np.full(idle.size, settings.start)])
    a_available = np.concatenate([a_available, np.zeros(idle.size, dtype=np.int64)])
    a_resolved = np.concatenate([a_resolved, np.full(idle.size, -1)])
    is_open = a_resolved < 0
    expected_open = np.flatnonzero(available_now <= plan.reorder_point)
    if not np.array_equal(np.sort(a_slot[is_open]), expected_open):
        raise GenerationError("open alerts disagree with the stock levels")
    order = np.lexsort((a_slot, a_raised))
    a_slot, a_raised, a_available, a_resolved, is_open = (
        a_slot[order],
        a_raised[order],
        a_available[order],
        a_resolved[order],
        is_open[order],
    )
    table = (
        Table("stock_alert")
        .add("stock_alert_id", col.ints(np.arange(1, a_slot.size + 1)))
        .add("product_id", col.ints(a_slot // w + 1))
        .add("warehouse_id", col.ints(a_slot % w + 1))
        .add("status", col.texts(np.where(is_open, "open", "resolved").astype(object)))
        .add("available_qty", col.ints(a_available))
        .add("reorder_point_qty", col.ints(plan.reorder_point[a_slot]))
        .add("raised_at", col.timestamps(a_raised))
        .add("resolved_at", col.timestamps(a_resolved, null=is_open))
        .add("created_at", col.timestamps(a_raised))
        .add("updated_at", col.timestamps(np.where(is_open, a_raised, a_resolved)))
    )
    return table, int(is_open.sum())
