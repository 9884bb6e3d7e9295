"""Bulk loading: each table goes to the server in one `LOAD DATA LOCAL INFILE` statement,
fed through a named pipe so a progress bar can follow it, on a background thread while the
next table is being generated. When the server refuses local files, batched INSERTs take
over. Foreign-key and unique checks are off during the load (it lets MariaDB build an empty
table in bulk); `verify` proves afterwards what they would have checked.

With LOCAL, the server turns bad rows into warnings instead of errors (it cannot stop the
client mid-file), so every load is checked: rows taken = rows sent, and no warnings.
"""

from __future__ import annotations

import os
import queue
import select
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymysql
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text
from sqlalchemy.engine import Engine

from generate.columns import Table, parse_tsv
from sims.db import describe_error
from sims.errors import SimsError

# Errors meaning "no local files here": MySQL/MariaDB server side, then the client side.
LOCAL_INFILE_REFUSED = frozenset({1148, 3948, 2068, 4166})
INSERT_BATCH = 5_000
FEED_CHUNK = 1 << 20
# Tables with triggers are loaded with unique checks on: the trigger relies on the unique
# key of the table it writes to (stock_alert's one-open-alert key).
UNIQUE_CHECKS_ON = frozenset({"stock_level"})

Advance = Callable[[int], None]


def quote(name: str) -> str:
    """A table or column name from our own table definitions, quoted for SQL."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected identifier {name!r}")
    return f"`{name}`"


def load_data_sql(table: str, columns: tuple[str, ...]) -> str:
    """The LOAD DATA statement for one of our tab-separated files (its path is bound)."""
    return (
        f"LOAD DATA LOCAL INFILE %s INTO TABLE {quote(table)} CHARACTER SET utf8mb4 "
        "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' "
        f"({', '.join(map(quote, columns))})"
    )


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


def set_load_session(cursor: pymysql.cursors.Cursor, table: str) -> None:
    unique = 1 if table in UNIQUE_CHECKS_ON else 0
    cursor.execute("SET SESSION foreign_key_checks = 0, unique_checks = %s", (unique,))


def load_file(
    cursor: pymysql.cursors.Cursor, table: str, columns: tuple[str, ...], path: str, rows: int
) -> None:
    """LOAD DATA LOCAL INFILE one file (or pipe); fail unless every row arrived unchanged."""
    taken = cursor.execute(load_data_sql(table, columns), (path,))
    _check_taken(cursor, table, taken, rows)


def _check_taken(cursor: pymysql.cursors.Cursor, table: str, taken: int, rows: int) -> None:
    warnings = cursor.warning_count  # SHOW WARNINGS below resets it
    if warnings or taken != rows:
        cursor.execute("SHOW WARNINGS LIMIT 3")
        detail = "; ".join(str(row[2]) for row in cursor.fetchall()) or "no warning given"
        raise SimsError(
            f"loading {table}: the server took {taken} of {rows} rows with "
            f"{warnings} warnings ({detail})"
        )


def insert_rows(
    cursor: pymysql.cursors.Cursor,
    table: str,
    columns: tuple[str, ...],
    payload: bytes,
    rows: int,
    advance: Advance,
) -> None:
    """The fallback: batched multi-row INSERTs of the same rows."""
    values = parse_tsv(payload)
    sql = insert_sql(table, columns)
    taken = 0
    for start in range(0, len(values), INSERT_BATCH):
        batch = values[start : start + INSERT_BATCH]
        taken += cursor.executemany(sql, batch)
        advance(len(batch))
    _check_taken(cursor, table, taken, rows)


class RateColumn(ProgressColumn):
    """Rows per second so far; once the table is committed, over its whole load."""

    def render(self, task) -> Text:
        elapsed = task.elapsed
        rate = task.completed / elapsed if elapsed else 0.0
        return Text(f"{rate:>10,.0f} rows/s", style="progress.data.speed")


def progress_bar(**kwargs) -> Progress:
    return Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        **kwargs,
    )


@dataclass
class Loaded:
    table: str
    rows: int
    seconds: float


class Feeder(threading.Thread):
    """Writes a payload into a named pipe for the server's LOCAL INFILE request."""

    def __init__(self, path: Path, payload: bytes, advance: Advance) -> None:
        super().__init__(daemon=True)
        self.path, self.payload, self.advance = path, payload, advance
        self.cancelled = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with open(self.path, "wb", buffering=0) as pipe:
                view = memoryview(self.payload)
                for start in range(0, len(view), FEED_CHUNK):
                    if self.cancelled.is_set():
                        return
                    chunk = view[start : start + FEED_CHUNK]
                    written = 0
                    while written < len(chunk):
                        written += pipe.write(chunk[written:])
                    self.advance(self.payload.count(b"\n", start, start + FEED_CHUNK))
        except BrokenPipeError:
            pass  # the reader stopped: the loader reports why
        except BaseException as exc:
            self.error = exc

    def finish(self) -> None:
        """Unblock and end the feeder whatever state the reader left it in."""
        if not self.is_alive():
            return
        self.cancelled.set()
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while self.is_alive():
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    os.read(fd, FEED_CHUNK)
        finally:
            os.close(fd)
        self.join()


class BackgroundLoader:
    """Loads submitted tables one after another on a worker thread, with one connection."""

    def __init__(
        self,
        engine: Engine,
        progress: Progress | None = None,
        on_loaded: Callable[[str, int], None] | None = None,
    ) -> None:
        self.engine = engine
        self.progress = progress
        self.on_loaded = on_loaded
        self.method = "LOAD DATA LOCAL INFILE"
        self.loaded: list[Loaded] = []
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="sims-load-")
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def submit(self, table: Table) -> None:
        """Render the table (in the caller's thread) and queue it for loading."""
        self._raise_failure()
        payload = table.tsv()
        task = self._task(table)
        while True:
            try:
                self._queue.put(
                    (table.name, table.column_names, payload, table.rows, task), timeout=0.2
                )
                return
            except queue.Full:
                self._raise_failure()

    def finish(self) -> list[Loaded]:
        """Wait for every queued table; raise the first failure."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._workdir.cleanup()
        self._raise_failure()
        return self.loaded

    def _task(self, table: Table):
        if self.progress is None:
            return None
        return self.progress.add_task(table.name, total=table.rows, start=False)

    def _fail(self, exc: BaseException, doing: str) -> None:
        """Keep the worker's failure for submit or finish to raise in the caller's thread; a
        database error (the raw connection's, not wrapped by SQLAlchemy) as one line."""
        if isinstance(exc, pymysql.err.MySQLError):
            error = SimsError(f"{doing}: {describe_error(exc)}")
            error.__cause__ = exc
            exc = error
        self._error = exc

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    def _work(self) -> None:
        try:
            connection = self.engine.raw_connection()
        except BaseException as exc:
            self._fail(exc, "connecting to load")
            return
        try:
            with connection.cursor() as cursor:
                while (item := self._queue.get()) is not None:
                    if self._error is None:
                        try:
                            self._load(connection, cursor, *item)
                        except BaseException as exc:
                            self._fail(exc, f"loading {item[0]}")
        finally:
            connection.invalidate()  # its session settings must not return to the pool

    def _load(
        self, connection, cursor, table: str, columns, payload: bytes, rows: int, task
    ) -> None:
        if self.progress is not None:
            self.progress.start_task(task)

        def advance(count: int) -> None:
            if self.progress is not None:
                self.progress.advance(task, count)

        started = time.perf_counter()
        set_load_session(cursor, table)
        if self.method.startswith("LOAD"):
            try:
                self._load_through_pipe(cursor, table, columns, payload, rows, advance)
            except pymysql.err.MySQLError as exc:
                if not exc.args or exc.args[0] not in LOCAL_INFILE_REFUSED:
                    raise
                connection.rollback()
                self.method = "batched INSERT"
        if not self.method.startswith("LOAD"):
            if self.progress is not None:
                self.progress.reset(task, total=rows)
            insert_rows(cursor, table, columns, payload, rows, advance)
        connection.commit()
        if self.progress is not None:
            self.progress.stop_task(task)
        self.loaded.append(Loaded(table, rows, time.perf_counter() - started))
        if self.on_loaded is not None:
            self.on_loaded(table, rows)

    def _load_through_pipe(self, cursor, table, columns, payload, rows, advance) -> None:
        path = Path(self._workdir.name) / f"{table}.tsv"
        os.mkfifo(path)
        feeder = Feeder(path, payload, advance)
        feeder.start()
        try:
            load_file(cursor, table, columns, str(path), rows)
        finally:
            feeder.finish()
            path.unlink()
        if feeder.error is not None:
            raise feeder.error
