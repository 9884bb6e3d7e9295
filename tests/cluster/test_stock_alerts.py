"""The low-stock alert tests (tests/routines/test_stock_alerts.py) with calls spread over
the nodes."""

from tests.routines.test_stock_alerts import *  # noqa: F403
