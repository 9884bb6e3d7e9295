"""Credit notes (tests/routines/test_credit_notes.py) with calls spread over the nodes: two
callers refunding one credit note write it on different nodes, the loser of certification
retries 1213 and is then refused, so it is refunded once."""

from tests.routines.test_credit_notes import *  # noqa: F403
