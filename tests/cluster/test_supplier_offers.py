"""The supplier offer tests (tests/routines/test_supplier_offers.py), with calls spread over
the nodes."""

from tests.routines.test_supplier_offers import *  # noqa: F403
