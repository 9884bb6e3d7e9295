"""Paying and voiding invoices (tests/routines/test_invoices.py) with calls spread over the
nodes: two callers racing for one invoice write it on different nodes, the loser of
certification retries 1213 and is then refused, so still only one of them wins."""

from tests.routines.test_invoices import *  # noqa: F403
