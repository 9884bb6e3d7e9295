"""The purchasing tests (tests/routines/test_purchasing.py) with calls spread over the nodes."""

from tests.routines.test_purchasing import *  # noqa: F403
