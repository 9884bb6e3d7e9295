"""The supplier offer tests (tests/routines/test_supplier_offers.py), with calls spread over
the nodes."""

from tests.routines.test_supplier_offers import *  # noqa: F403

# Prove the single-server lock order, a session waiting for a row lock another holds, and
# calls that never deadlock: on a cluster a row lock on one node holds up no other node, and
# writes that meet on two nodes end in a certification conflict (1213), which callers retry.
del test_a_withdrawal_waits_for_a_reorder_run_and_sees_the_draft_it_wrote  # noqa: F821
del test_offers_for_different_products_written_at_once_never_deadlock  # noqa: F821
