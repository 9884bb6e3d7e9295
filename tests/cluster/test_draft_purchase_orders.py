"""The draft purchase order tests (tests/routines/test_draft_purchase_orders.py) with calls
spread over the nodes."""

from tests.routines.test_draft_purchase_orders import *  # noqa: F403

# A session waiting for a row lock another holds: on a cluster a row lock on one node holds up
# no other node.
del test_a_change_during_a_reorder_run_waits_and_builds_on_its_draft  # noqa: F821
