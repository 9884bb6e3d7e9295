"""The supplier offer tests (tests/routines/test_supplier_offers.py), with calls spread over
the nodes."""

import threading

import sqlalchemy as sa

from sims.inventory import call_procedure
from tests import support
from tests.routines.test_supplier_offers import *  # noqa: F403
from tests.support import scalar

# Prove the single-server lock order, a session waiting for a row lock another holds, and
# calls that never deadlock: on a cluster a row lock on one node holds up no other node, and
# writes that meet on two nodes end in a certification conflict (1213), which callers retry.
del test_an_offer_changed_during_a_reorder_run_waits_and_sees_the_draft_it_wrote  # noqa: F821
del test_offers_for_different_products_written_at_once_never_deadlock  # noqa: F821
del test_new_terms_queue_behind_a_supplier_change_and_deadlock_no_draft  # noqa: F821
del test_new_terms_wait_for_a_draft_being_sent_and_pass_it_by_once_sent  # noqa: F821


def test_one_supplier_sku_given_to_two_products_on_two_nodes_at_once_goes_to_one(
    engine, node_engines, shop
) -> None:
    """Both nodes find the SKU free and write it; the unique key (supplier, SKU) lets one
    through. The other loses with 1213 and, run again, is refused by the SKU check, or meets
    the applied row at its insert (1062, put in words): either way by name."""
    for n in range(5):
        sku = f"SUP-RACE-{n}"
        with engine.begin() as conn:
            products = [support.product(conn), support.product(conn)]
        start = threading.Barrier(2, timeout=30)
        outcomes: list = []

        def offer_on(node_engine, product, sku=sku, start=start, outcomes=outcomes) -> None:
            try:
                start.wait()
                args = (product, shop.first, sku, 2.5, 7, 1, 1, 0)
                outcomes.append(call_procedure(node_engine, "set_supplier_offer", args))
            except Exception as exc:  # handed over to the test, which asserts on it
                outcomes.append(exc)

        threads = [
            threading.Thread(target=offer_on, args=pair)
            for pair in zip(node_engines[:2], products, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 2, outcomes
        refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        assert len(refused) == 1, outcomes
        assert isinstance(refused[0], sa.exc.OperationalError), refused
        code, message = refused[0].orig.args
        assert code == 1644
        assert message.startswith(f"supplier {shop.first} already uses SKU '{sku}' for "), message
        holders = (
            "SELECT COUNT(*) FROM product_supplier WHERE supplier_id = %s AND supplier_sku = %s"
        )
        assert scalar(engine, holders, (shop.first, sku)) == 1
