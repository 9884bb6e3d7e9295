"""The warehouse tests (tests/routines/test_warehouses.py), with calls spread over
the nodes."""

from tests.routines.test_warehouses import *  # noqa: F403
