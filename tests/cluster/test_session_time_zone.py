"""The session time zone tests (tests/routines/test_session_time_zone.py) on the cluster."""

from tests.routines.test_session_time_zone import *  # noqa: F403
