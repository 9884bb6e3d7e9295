"""The stock ledger tests (tests/routines/test_stock_ledger.py) with calls spread over the nodes."""

from tests.routines.test_stock_ledger import *  # noqa: F403
