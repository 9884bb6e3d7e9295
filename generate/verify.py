"""Proof after a load with foreign-key and unique checks off: every table holds exactly the
rows sent, no row points at a missing parent (the orphan checks in sql/queries/checks/), and
no unique key holds a value twice. Any finding fails the load with an error naming it.

The proof runs beside the load, on its own connection: each step starts as soon as the
tables it reads are loaded, so only the steps on the last tables add to the load's time.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from generate.loader import quote
from sims.config import SQL_DIR
from sims.db import execute_verbatim, read_sql_file
from sims.errors import SimsError

ORPHAN_CHECKS = sorted((SQL_DIR / "queries" / "checks").glob("orphan_*.sql"))

_SECONDARY_UNIQUE_KEYS = """
SELECT table_name, index_name, GROUP_CONCAT(column_name ORDER BY seq_in_index)
FROM information_schema.statistics
WHERE table_schema = DATABASE() AND non_unique = 0 AND index_name <> 'PRIMARY'
GROUP BY table_name, index_name
ORDER BY table_name, index_name
"""
_TRIGGER_TABLES = """
SELECT DISTINCT event_object_table FROM information_schema.triggers
WHERE event_object_schema = DATABASE()
"""
_TABLE_NAMES = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Step:
    """One proof: runs once every table in `needs` is loaded; raises SimsError on a finding."""

    name: str
    needs: frozenset[str]
    run: Callable[[Connection], None]


def orphan_step(path) -> Step:
    sql = read_sql_file(path)
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))

    def run(conn: Connection) -> None:
        rows = execute_verbatim(conn, sql).mappings().fetchmany(3)
        if rows:
            shown = "; ".join(", ".join(f"{k}={v}" for k, v in row.items()) for row in rows)
            raise SimsError(f"loaded rows lack their parent ({path.stem}): {shown}")

    return Step(path.stem, frozenset(_TABLE_NAMES.findall(body)), run)


def unique_step(table: str, index: str, columns: list[str]) -> Step:
    key = ", ".join(map(quote, columns))
    present = " AND ".join(f"{quote(c)} IS NOT NULL" for c in columns)  # NULLs never clash
    sql = (
        f"SELECT {key} FROM {quote(table)} WHERE {present} "
        f"GROUP BY {key} HAVING COUNT(*) > 1 LIMIT 1"
    )

    def run(conn: Connection) -> None:
        duplicate = conn.exec_driver_sql(sql).first()
        if duplicate is not None:
            raise SimsError(f"loaded rows repeat unique key {index} of {table}: {tuple(duplicate)}")

    return Step(f"{table}.{index}", frozenset({table}), run)


def count_step(table: str, rows: int, triggers: frozenset[str]) -> Step:
    """The table holds what was sent, once the tables whose triggers may write are loaded."""

    def run(conn: Connection) -> None:
        found = conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quote(table)}").scalar_one()
        if found != rows:
            raise SimsError(f"after loading, {table} holds {found} rows where {rows} were sent")

    return Step(f"{table} rows", frozenset({table}) | triggers, run)


class BackgroundVerifier:
    """Runs the proof steps of the tables `loaded` so far on a thread of its own."""

    def __init__(self, engine: Engine, tables: Iterable[str]) -> None:
        self.engine = engine
        tables = set(tables)
        with engine.connect() as conn:
            self._triggers = frozenset(name for (name,) in conn.exec_driver_sql(_TRIGGER_TABLES))
            keys = [
                unique_step(table, index, columns.split(","))
                for table, index, columns in conn.exec_driver_sql(_SECONDARY_UNIQUE_KEYS)
                if table in tables
            ]
        self._pending: list[Step] = [orphan_step(path) for path in ORPHAN_CHECKS] + keys
        self._loaded: set[str] = set()
        self._queue: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def loaded(self, table: str, rows: int) -> None:
        """Note that `table` is loaded (and committed) with `rows` rows."""
        self._queue.put((table, rows))

    def finish(self) -> None:
        """Run every remaining step; raise the first finding."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """Stop without further proof (the load itself failed)."""
        self._error = self._error or SimsError("verification abandoned")
        self._queue.put(None)
        self._thread.join()

    def _work(self) -> None:
        try:
            with self.engine.connect() as conn:
                while True:
                    item = self._queue.get()
                    if item is not None:
                        table, rows = item
                        self._loaded.add(table)
                        self._pending.append(count_step(table, rows, self._triggers))
                    self._run_ready(conn, everything=item is None)
                    if item is None:
                        return
        except BaseException as exc:  # raised again by finish: nothing was proven
            self._error = self._error or exc

    def _run_ready(self, conn: Connection, everything: bool) -> None:
        waiting = []
        for step in self._pending:
            if self._error is not None:
                return
            if not everything and not step.needs <= self._loaded:
                waiting.append(step)
                continue
            try:
                step.run(conn)
                conn.rollback()  # end the read snapshot: the next step sees newer loads
            except BaseException as exc:
                self._error = exc
        self._pending = waiting
