"""The schema conventions (tests/schema/test_conventions.py), read from the cluster's schema."""

from tests.schema.test_conventions import *  # noqa: F403
