"""The constraint tests (tests/schema/test_constraints.py): every rule holds on every node."""

from tests.schema.test_constraints import *  # noqa: F403
