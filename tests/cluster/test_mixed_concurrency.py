"""Every stock path at once (tests/routines/test_mixed_concurrency.py) with the 8 threads'
calls spread over the three nodes: the losers of certification retry 1213, and still every
validation query finds nothing afterwards."""

from tests.routines.test_mixed_concurrency import *  # noqa: F403
