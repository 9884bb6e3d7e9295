"""The reordering tests (tests/routines/test_reorder.py) with calls spread over the nodes."""

import threading

from tests import support
from tests.routines.test_reorder import *  # noqa: F403
from tests.support import call, scalar

# Proves the single-server behaviour, both runs waiting on a row lock held by a third
# session: on a cluster a row lock on one node blocks no other node. Its cluster counterpart
# follows.
del test_two_runs_started_together_order_each_shortfall_once  # noqa: F821
# Holds a run midway with a lock taken by another session, which on a cluster would sit on
# another node and hold up nothing.
del test_stock_changes_do_not_wait_for_a_run_in_progress  # noqa: F821
# Likewise: the delete waiting for the run's lock on the product is a lock on one node. On a
# cluster the run's line and the delete conflict at certification instead (1213, retried).
del test_a_product_deleted_while_a_run_is_under_way_waits_for_the_run  # noqa: F821


def test_two_runs_started_together_on_two_nodes_order_each_shortfall_once(
    engine, node_engines, world, first_run
) -> None:
    """Both runs write the reorder_run row first; only one write is certified, so the other
    run loses with 1213, runs again and sees the first run's draft."""
    with engine.begin() as conn:
        product = low_stock(conn, world.north, on_hand=1, reorder_point=4, target=11)  # noqa: F405
        support.product_supplier(conn, product, world.suppliers["a"], "1.00", 2, is_preferred=True)
    start = threading.Barrier(2)
    results: list[list[dict]] = []

    def run(node_engine) -> None:
        start.wait()
        results.append(call(node_engine, "reorder_stock"))

    threads = [threading.Thread(target=run, args=(e,)) for e in node_engines[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(len(rows) for rows in results) == [0, 1]
    ordered = "SELECT SUM(ordered_qty) FROM purchase_order_line WHERE product_id = %s"
    assert scalar(engine, ordered, (product,)) == 10
