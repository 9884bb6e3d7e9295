"""Concurrent selling (tests/routines/test_sales_concurrency.py): the 8 threads' calls go to the
three nodes in turn, so the same stock rows are written on all of them at once and the losers
of certification retry 1213; still nothing is oversold and no update is lost."""

from tests.routines.test_sales_concurrency import *  # noqa: F403
