"""Calls into the inventory procedures the database owns, retrying transactions that lose a
deadlock or, on a Galera cluster, a certification conflict at COMMIT (both error 1213), or
that meet a row changed since their snapshot (1020, MariaDB 11.6 and later)."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# 1213: deadlock / cluster certification conflict; 1205: lock wait timeout; 1020: a locking
# read of a row changed since the transaction's snapshot, refused where
# innodb_snapshot_isolation is on (the default from MariaDB 11.6; the procedures read a row
# plainly, then lock it). Each rolls the procedure's transaction back (its handler does), so
# the whole CALL can simply run again, with a new snapshot.
RETRYABLE_ERRORS = frozenset({1213, 1205, 1020})
DEFAULT_ATTEMPTS = 10
_PROCEDURE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def error_code(exc: BaseException) -> int | None:
    """The server's error number behind a SQLAlchemy error, if any."""
    orig = getattr(exc, "orig", None)
    if orig is not None and orig.args and isinstance(orig.args[0], int):
        return orig.args[0]
    return None


def call_procedure(
    engine: Engine, name: str, args: Sequence[Any] = (), attempts: int = DEFAULT_ATTEMPTS
) -> list[dict[str, Any]]:
    """CALL a procedure with bound arguments and return the rows of its result set.

    Retries up to `attempts` times, with jittered back-off, when the call loses a deadlock.
    """
    if not _PROCEDURE_NAME.match(name):
        raise ValueError(f"not a procedure name: {name!r}")
    placeholders = ", ".join(["%s"] * len(args))
    for attempt in range(1, attempts + 1):
        try:
            with engine.connect() as conn:
                result = conn.exec_driver_sql(f"CALL {name}({placeholders})", tuple(args))
                rows = [dict(row._mapping) for row in result] if result.returns_rows else []
                conn.commit()
                return rows
        except sa.exc.OperationalError as exc:
            if error_code(exc) not in RETRYABLE_ERRORS or attempt == attempts:
                raise
            time.sleep(random.uniform(0, 0.005 * 2**attempt))
    raise AssertionError("unreachable")
