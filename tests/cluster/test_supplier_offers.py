"""The supplier offer tests (tests/routines/test_supplier_offers.py), with calls spread over
the nodes."""

from tests.routines.test_supplier_offers import *  # noqa: F403

# Proves the single-server lock order, a session waiting for a row lock another holds: on a
# cluster a row lock on one node holds up no other node.
del test_a_withdrawal_waits_for_a_reorder_run_and_sees_the_draft_it_wrote  # noqa: F821
