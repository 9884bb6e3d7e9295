"""The reorder_run row (revision 0041) is there from the migration on, before any reorder
run: every procedure that takes its turn on it (reorder_stock, discontinue_product,
set_supplier_active, set_warehouse_active, set_supplier_offer, withdraw_supplier_offer)
locks that row, so one waits for another from the start. Without the row each locked only
the gap where it would go, and gap locks do not exclude one another."""

from __future__ import annotations

import pymysql
import pytest
from sqlalchemy.engine import Engine

from tests.support import holding, scalar, without_waiting

TURN = "SELECT run_count FROM reorder_run WHERE reorder_run_id = 1 FOR UPDATE"


def test_the_row_is_there_before_any_run_and_a_second_turn_waits(engine: Engine) -> None:
    assert scalar(engine, "SELECT run_count FROM reorder_run") == 0
    with holding(engine, (TURN, ())), pytest.raises(pymysql.err.OperationalError) as waited:
        without_waiting(engine, TURN)
    assert waited.value.args[0] == 1205  # lock wait timeout: the turn was taken
