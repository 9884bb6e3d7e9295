"""The warehouse tests (tests/routines/test_warehouses.py), with calls spread over the
nodes."""

from tests.routines.test_warehouses import *  # noqa: F403

# Proves the single-server lock order, a session waiting for a row lock another holds: on a
# cluster a row lock on one node holds up no other node.
del test_the_drafts_are_locked_before_the_warehouse_as_sending_locks_them  # noqa: F821
