"""The category tests (tests/routines/test_categories.py), with calls spread over
the nodes."""

from tests.routines.test_categories import *  # noqa: F403
