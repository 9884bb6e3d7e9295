"""The new-supplier tests (tests/routines/test_new_suppliers.py), with calls spread over
the nodes."""

from tests.routines.test_new_suppliers import *  # noqa: F403
