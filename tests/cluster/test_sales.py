"""The sales behaviour tests (tests/routines/test_sales.py) with calls spread over the nodes."""

from tests.routines.test_sales import *  # noqa: F403
