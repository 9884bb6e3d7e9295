"""The customer tests (tests/routines/test_customers.py) with calls spread over the nodes."""

from tests.routines.test_customers import *  # noqa: F403
