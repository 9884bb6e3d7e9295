"""Concurrent selling (tests/routines/test_sales_concurrency.py): the 8 threads' calls go to the
three nodes in turn, so the same stock rows are written on all of them at once and the losers
of certification retry 1213; still nothing is oversold and no update is lost."""

from tests.routines.test_sales_concurrency import *  # noqa: F403

# Proves that a sale takes no lock another sale waits on; its two sessions would land on two
# nodes here, where a lock on one node holds up nothing on another, so it could not fail.
del test_a_sale_does_not_wait_for_another_sale_still_in_progress  # noqa: F821
