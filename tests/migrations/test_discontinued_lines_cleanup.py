"""Revision 0024 takes the lines of discontinued products off the auto-generated drafts (a
product discontinued by a plain UPDATE, or before 0021, kept them, and one such line stops the
whole draft), cancels the auto drafts that leaves empty, and leaves drafts written by hand and
every other line as they were."""

from __future__ import annotations

from sqlalchemy.engine import URL

from sims import migrate
from sims.db import create_engine
from tests import support
from tests.support import assert_data_sound, call, order_lines

BEFORE, CLEANUP = "0023", "0024"


def test_discontinued_lines_leave_auto_drafts_and_emptied_drafts_are_cancelled(
    scratch_url: URL,
) -> None:
    migrate.upgrade(scratch_url, BEFORE)
    engine = create_engine(scratch_url)
    try:
        with engine.begin() as conn:
            warehouse = support.warehouse(conn)
            shared_supplier, own_supplier = support.supplier(conn), support.supplier(conn)
            kept, dropped, alone = (support.product(conn) for _ in range(3))
            for product, supplier in ((kept, shared_supplier), (dropped, shared_supplier),
                                      (alone, own_supplier)):  # fmt: skip
                support.stock_level(conn, product, warehouse, 0, 5, 10)
                support.product_supplier(conn, product, supplier)
        drafts = {
            row["product_id"]: row["purchase_order_id"] for row in call(engine, "reorder_stock")
        }
        [by_hand] = call(
            engine, "create_purchase_order", shared_supplier, warehouse, order_lines((dropped, 3))
        )
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE product SET is_discontinued = 1 WHERE product_id IN (%s, %s)",
                (dropped, alone),
            )

        migrate.upgrade(scratch_url, CLEANUP)

        with engine.connect() as conn:
            lines = conn.exec_driver_sql(
                "SELECT purchase_order_id, product_id FROM purchase_order_line "
                "ORDER BY purchase_order_id, product_id"
            ).all()
            orders = dict(
                conn.exec_driver_sql("SELECT purchase_order_id, status FROM purchase_order").all()
            )
        assert [tuple(line) for line in lines] == [
            (drafts[kept], kept),
            (by_hand["purchase_order_id"], dropped),
        ]
        assert orders == {
            drafts[kept]: "draft",
            by_hand["purchase_order_id"]: "draft",
            drafts[alone]: "cancelled",
        }
        assert_data_sound(engine)
    finally:
        engine.dispose()
