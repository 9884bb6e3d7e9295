"""The supplier review tests (tests/routines/test_supplier_reviews.py), with calls spread over
the nodes."""

from tests.routines.test_supplier_reviews import *  # noqa: F403
