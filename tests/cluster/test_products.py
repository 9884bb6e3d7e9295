"""The product maintenance tests (tests/routines/test_products.py) with calls spread over
the nodes."""

import threading

from sims.inventory import call_procedure
from tests.routines.test_products import *  # noqa: F403
from tests.support import scalar

# Proves the single-server behaviour, a second caller blocked by the first's uncommitted
# row: on a cluster a caller on another node is not blocked. Its cluster counterpart follows.
del test_a_sku_added_twice_at_once_gives_one_product_and_a_clear_refusal  # noqa: F821


def test_the_same_sku_added_on_two_nodes_at_once_gives_one_product(
    engine, node_engines, shop
) -> None:
    """Both nodes find the SKU free and insert it; only one insert is certified. The other
    call loses with 1213, runs again and is refused by the SKU check, by name."""
    for n in range(5):
        sku = f"RACE-N{n}"
        start = threading.Barrier(2)
        outcomes: list = []

        def add_on(node_engine, sku=sku, start=start, outcomes=outcomes) -> None:
            start.wait()
            args = (sku, "Racer", shop.tools, 1, 0, 0)
            outcomes.append(capture(lambda: call_procedure(node_engine, "add_product", args)))  # noqa: F405

        threads = [threading.Thread(target=add_on, args=(e,)) for e in node_engines[:2]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        assert len(refused) == 1, outcomes
        assert refused[0].orig.args == (1644, f"SKU '{sku}' is already in use")
        assert scalar(engine, "SELECT COUNT(*) FROM product WHERE sku = %s", (sku,)) == 1
