"""sims.inventory.call_procedure runs a call again when it lost a deadlock or a certification
conflict (1213), a lock wait (1205), or met a row changed since its snapshot (1020, MariaDB
11.6 and later): each rolled the call's transaction back whole. A refusal (1644) is not
retried."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sims.inventory import call_procedure


class FailingFirst:
    """An engine whose first connection fails at once with a server error, as a CALL that
    lost would; the connections after it are the real engine's."""

    def __init__(self, engine: Engine, code: int) -> None:
        self.engine, self.code, self.connections = engine, code, 0

    def connect(self) -> AbstractContextManager[Any]:
        self.connections += 1
        if self.connections == 1:
            server_error = pymysql.err.OperationalError(self.code, "lost")
            raise sa.exc.OperationalError("CALL reorder_stock()", (), server_error)
        return self.engine.connect()


@pytest.mark.parametrize("code", [1213, 1205, 1020])
def test_a_call_that_lost_is_called_again(engine: Engine, code: int) -> None:
    flaky = FailingFirst(engine, code)
    assert call_procedure(flaky, "reorder_stock") == []
    assert flaky.connections == 2


def test_a_refusal_is_not_called_again(engine: Engine) -> None:
    flaky = FailingFirst(engine, 1644)
    with pytest.raises(sa.exc.OperationalError):
        call_procedure(flaky, "reorder_stock")
    assert flaky.connections == 1
