"""The demand statistics tests (tests/routines/test_demand.py) with calls spread over the nodes."""

from tests.routines.test_demand import *  # noqa: F403
