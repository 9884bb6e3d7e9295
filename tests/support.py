"""Test support: minimal reference rows inserted directly, procedure calls, the check that
a refused call names the bad value and changes nothing, and a runner command's result."""

from __future__ import annotations

import calendar
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sims.checks import run_checks, table_fingerprints
from sims.cli import main
from sims.inventory import call_procedure

_serial = itertools.count(1)

CORE_TABLES = (
    "category", "supplier", "customer", "warehouse", "product", "product_supplier",
    "stock_level", "stock_movement", "sales_order", "sales_order_line", "purchase_order",
    "purchase_order_line", "invoice", "invoice_line", "stock_alert", "supplier_review",
    "credit_note", "reorder_run", "category_tree",
)  # fmt: skip


def insert(conn: Connection, sql: str, params: tuple = ()) -> int:
    return conn.exec_driver_sql(sql, params).lastrowid


def category(conn: Connection, name: str | None = None) -> int:
    return insert(
        conn, "INSERT INTO category (name) VALUES (%s)", (name or f"cat-{next(_serial)}",)
    )


def warehouse(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO warehouse (code, name, country_code) VALUES (%s, %s, 'GB')",
        (f"WH{n}", f"Warehouse {n}"),
    )


def customer(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO customer (name, email, country_code) VALUES (%s, %s, 'GB')",
        (f"Customer {n}", f"c{n}@example.test"),
    )


def supplier(conn: Connection) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO supplier (name, country_code) VALUES (%s, 'DE')",
        (f"Supplier {n}",),
    )


def product(conn: Connection, category_id: int | None = None, unit_price: float = 10.0) -> int:
    n = next(_serial)
    return insert(
        conn,
        "INSERT INTO product (sku, name, category_id, unit_price) VALUES (%s, %s, %s, %s)",
        (f"SKU-{n}", f"Product {n}", category_id or category(conn), unit_price),
    )


def stock_level(
    conn: Connection,
    product_id: int,
    warehouse_id: int,
    on_hand_qty: int = 0,
    reorder_point_qty: int = 0,
    target_qty: int | None = None,
) -> None:
    """A stock level whose opening stock is also in the ledger, so the two agree."""
    conn.exec_driver_sql(
        "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty, reorder_point_qty, "
        "target_qty) VALUES (%s, %s, %s, %s, %s)",
        (product_id, warehouse_id, on_hand_qty, reorder_point_qty, target_qty or reorder_point_qty),
    )
    if on_hand_qty:
        conn.exec_driver_sql(
            "INSERT INTO stock_movement (product_id, warehouse_id, movement_type, change_qty, "
            "balance_after_qty, reason) VALUES (%s, %s, 'adjustment', %s, %s, 'opening stock')",
            (product_id, warehouse_id, on_hand_qty, on_hand_qty),
        )


def fingerprint(engine: Engine) -> dict[str, tuple]:
    """Row count and checksum of every core table: equal before and after means unchanged
    (also when before and after are read on different Galera nodes)."""
    with engine.connect() as conn:
        return table_fingerprints(conn, CORE_TABLES)


def call(engine: Engine, procedure: str, *args: Any) -> list[dict[str, Any]]:
    return call_procedure(engine, procedure, args)


def order_lines(*pairs: tuple[int, int]) -> str:
    """Order lines as the procedures take them: JSON of (product, qty) pairs."""
    return json.dumps([{"product_id": product, "qty": qty} for product, qty in pairs])


def sold_at(
    engine: Engine, customer: int, warehouse: int, product: int, qty: int, when: Any
) -> None:
    """A counter sale of `qty` units of `product`, its ledger movement dated `when` (for
    demand in a window; the running balance then need not follow the dates)."""
    call(engine, "sell_at_counter", customer, warehouse, order_lines((product, qty)))
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE stock_movement SET occurred_at = %s WHERE product_id = %s "
            "AND movement_type = 'sale' ORDER BY stock_movement_id DESC LIMIT 1",
            (when, product),
        )


def paid_a_day_ago(engine: Engine, invoice_id: int) -> None:
    """Date the invoice a day back and record it paid (pay_invoice) an hour after that, so a
    return made now, or made already, counts as coming after the payment."""
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE invoice SET issued_at = issued_at - INTERVAL 1 DAY WHERE invoice_id = %s",
            (invoice_id,),
        )
        paid_at = conn.exec_driver_sql(
            "SELECT issued_at + INTERVAL 1 HOUR FROM invoice WHERE invoice_id = %s",
            (invoice_id,),
        ).scalar_one()
    call(engine, "pay_invoice", invoice_id, paid_at)


# MySQL signals a MESSAGE_TEXT of 128 characters at most (a longer one is error 1648 there);
# MariaDB takes 512, so only a check here keeps the messages fit for both.
MYSQL_MESSAGE_TEXT_LIMIT = 128


def assert_refused(engine: Engine, procedure: str, args: Sequence[Any], message: str) -> None:
    """The call fails with a message containing `message`, short enough for MySQL too, and no
    table changed."""
    before = fingerprint(engine)
    with pytest.raises(sa.exc.OperationalError) as caught:
        call_procedure(engine, procedure, args)
    assert_signalled(caught.value.orig, message)
    assert fingerprint(engine) == before, "a refused call must not change any table"


def assert_signalled(error: pymysql.err.OperationalError, message: str) -> None:
    """The error is a SIGNAL (1644) whose message contains `message`, short enough for MySQL."""
    assert error.args[0] == 1644, error
    signalled = error.args[1]
    assert message in signalled
    assert len(signalled) <= MYSQL_MESSAGE_TEXT_LIMIT, f"too long for MySQL: {signalled!r}"


def assert_refused_where_zero_dates_pass(
    engine: Engine, procedure: str, args: Sequence[Any], message: str
) -> None:
    """As assert_refused, from a session whose sql_mode lets a zero date through to a DATETIME
    parameter, as MariaDB's default does (sims's own sessions refuse it there, with 1292)."""
    before = fingerprint(engine)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES', time_zone = '+00:00'")
        placeholders = ", ".join(["%s"] * len(args))
        with pytest.raises(pymysql.err.OperationalError) as caught:
            cursor.execute(f"CALL {procedure}({placeholders})", tuple(args))
    finally:
        connection.invalidate()  # its sql_mode must not go back to the pool
    assert_signalled(caught.value, message)
    assert fingerprint(engine) == before, "a refused call must not change any table"


def assert_data_sound(engine: Engine) -> None:
    """Every validation query returns zero rows."""
    findings = {name: rows for name, rows in run_checks(engine).items() if rows}
    assert findings == {}, findings


def sessions_running(engine: Engine, statement_start: str) -> int:
    """Sessions on this engine's database whose current statement starts with
    `statement_start` (while a procedure runs, the server shows the statement of the
    procedure it is executing); another suite's sessions on the same server do not count."""
    return scalar(
        engine,
        "SELECT COUNT(*) FROM information_schema.processlist "
        "WHERE info LIKE %s AND db = DATABASE()",
        (statement_start + "%",),
    )


def sessions_waiting(engine: Engine, statement_start: str, count: int = 1) -> int:
    """sessions_running once `count` sessions run the statement, or after 10 s: what a test
    asserts on after starting sessions that should come to wait there."""
    deadline = time.monotonic() + 10
    while (running := sessions_running(engine, statement_start)) < count:
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    return running


def lock_waits(engine: Engine, count: int = 1, running: threading.Thread | None = None) -> int:
    """How many sessions on this engine's database wait for a row lock, whatever statement
    they wait in, once `count` do, `running` (when given: a call that waits only when the
    code it tests is wrong) has ended, or 10 s have passed."""
    deadline = time.monotonic() + 10
    while (
        (waiting := _lock_waits_now(engine)) < count
        and (running is None or running.is_alive())
        and time.monotonic() < deadline
    ):
        pass
    return waiting


def _lock_waits_now(engine: Engine) -> int:
    """InnoDB refreshes what innodb_trx shows only once no session on the server has read it
    for 0.1 s, so each read here waits 0.15 s first, taking turns under a server-wide lock
    with the other test workers that share the server (SIMS_TEST_DATABASE_URL): polling
    faster, or alongside them, could see stale rows for as long as it went on."""
    sql = (
        "SELECT COUNT(*) FROM information_schema.innodb_trx AS t "
        "INNER JOIN information_schema.processlist AS p ON t.trx_mysql_thread_id = p.id "
        "WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()"
    )
    with engine.connect() as conn:
        taken = conn.exec_driver_sql("SELECT GET_LOCK('sims_test_innodb_trx', 30)").scalar()
        assert taken == 1, "another test held the innodb_trx turn for 30 s"
        try:
            time.sleep(0.15)
            return conn.exec_driver_sql(sql).scalar()
        finally:
            conn.exec_driver_sql("SELECT RELEASE_LOCK('sims_test_innodb_trx')")


# What reorder_stock takes first, its turn: held by a test, it makes a run wait.
REORDER_RUN_TURN = ("SELECT run_count FROM reorder_run WHERE reorder_run_id = 1 FOR UPDATE", ())


def call_while_held(
    engine: Engine,
    procedure: str,
    args: Sequence[Any],
    held: tuple[str, tuple],
    write: Callable[[Connection], Any],
) -> tuple[Any, list[dict[str, Any]] | sa.exc.OperationalError]:
    """Call `procedure` while another session holds what the `held` statement locks: the
    call must wait for it. That session then writes what `write` writes and commits. Returns
    what `write` returned, and the call's rows or the error it ended in."""
    outcome: list[Any] = []

    def attempt() -> None:
        try:
            outcome.append(call_procedure(engine, procedure, args))
        except sa.exc.OperationalError as exc:
            outcome.append(exc)

    calling = threading.Thread(target=attempt)
    holder = engine.connect()
    try:
        holder.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 5")  # autobegins
        holder.exec_driver_sql(*held)
        calling.start()
        assert lock_waits(engine) == 1, f"{procedure} did not wait for {held[0]!r}"
        written = write(holder)
        holder.commit()
    finally:
        holder.invalidate()  # its lock wait timeout must not go back to the pool
        holder.close()
        calling.join()
    [result] = outcome
    return written, result


def first_attempts_in_a_queue(
    engine: Engine, held: tuple[str, tuple], calls: Sequence[tuple[str, tuple]]
) -> list[sa.exc.OperationalError]:
    """Start the calls one after another while another session holds what `held` locks,
    each once all before it wait for a lock, then let them go: the errors their first
    attempts ended in (a deadlock, 1213, is not retried here)."""
    failures: list[sa.exc.OperationalError] = []
    threads = []
    with holding(engine, held):
        for waiting, (procedure, args) in enumerate(calls, start=1):
            threads.append(first_attempt_started(engine, procedure, args, failures))
            assert lock_waits(engine, waiting) == waiting, f"{procedure} did not wait"
    for thread in threads:
        thread.join()
    return failures


def first_attempt_started(
    engine: Engine, procedure: str, args: Sequence[Any], failures: list[sa.exc.OperationalError]
) -> threading.Thread:
    """A thread, started, that calls `procedure` once (a deadlock is not retried) and adds
    the error it ends in, if any, to `failures`."""

    def once() -> None:
        try:
            call_procedure(engine, procedure, args, attempts=1)
        except sa.exc.OperationalError as exc:
            failures.append(exc)

    thread = threading.Thread(target=once)
    thread.start()
    return thread


@contextmanager
def session_at(engine: Engine, at: datetime) -> Iterator[pymysql.cursors.DictCursor]:
    """A session whose clock stands still at `at` (UTC): what it writes "now" is dated then."""
    connection = engine.raw_connection()
    session = connection.cursor(pymysql.cursors.DictCursor)
    try:
        session.execute("SET timestamp = %s", (calendar.timegm(at.timetuple()),))
        yield session
    finally:
        session.execute("SET timestamp = DEFAULT")  # the connection goes back to the pool
        connection.close()


@contextmanager
def holding(engine: Engine, *statements: tuple[str, tuple]) -> Iterator[Connection]:
    """An open transaction that has run the statements (and holds their locks), rolled back
    afterwards."""
    conn = engine.connect()
    conn.begin()
    try:
        for sql, params in statements:
            conn.exec_driver_sql(sql, params)
        yield conn
    finally:
        conn.rollback()
        conn.close()


def without_waiting(engine: Engine, sql: str, params: tuple = (), commit: bool = False) -> None:
    """Run one statement in a session that gives up on a lock after 1 s (error 1205)."""
    prober = engine.raw_connection()
    try:
        cursor = prober.cursor()
        cursor.execute("SET SESSION innodb_lock_wait_timeout = 1")
        cursor.execute(sql, params)
        if commit:
            prober.commit()
        else:
            prober.rollback()
    finally:
        prober.invalidate()  # its lock wait timeout must not go back to the pool


def run_in_threads(tasks: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run each task in a thread of its own, all at once (each waits at a barrier until
    every thread is ready): their results in order, or, once every thread has ended, the
    first failure raised again here."""
    results: list[Any] = [None] * len(tasks)
    failures: list[BaseException] = []
    start = threading.Barrier(len(tasks))

    def work(index: int, task: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[index] = task()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=item) for item in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run `runner.py ARGV...`: its exit code, standard output and standard error."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def printed_rows(out: str) -> list[dict[str, str]]:
    """The rows of the table a command printed, each a dict of its header to its cell."""
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    names = [cell.strip() for cell in header.strip("┃").split("┃")]
    return [
        dict(zip(names, (cell.strip() for cell in line.strip("│").split("│")), strict=True))
        for line in out.splitlines()
        if line.startswith("│")
    ]


def unknown_id(engine: Engine, table: str) -> int:
    """An id no row of `table` has (its key column is `<table>_id`): past the largest."""
    return scalar(engine, f"SELECT COALESCE(MAX({table}_id), 0) + 1000 FROM {table}")


def scalar(engine: Engine, sql: str, params: tuple = ()) -> Any:
    with engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).scalar()


# --- documents, inserted directly (added for the product and view tests) ---------------------
# They respect the constraints but post no ledger rows: use them for reporting data, not for
# stock that the ledger checks must agree with.


def product_supplier(
    conn: Connection,
    product_id: int,
    supplier_id: int,
    unit_cost: float | str = 5.0,
    lead_time_days: int = 7,
    min_order_qty: int = 1,
    order_multiple: int = 1,
    is_preferred: bool = False,
) -> None:
    """The supplier's offer of the product (supplier SKU S<supplier>-P<product>)."""
    conn.exec_driver_sql(
        "INSERT INTO product_supplier (product_id, supplier_id, supplier_sku, unit_cost, "
        "lead_time_days, min_order_qty, order_multiple, is_preferred) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (
            product_id,
            supplier_id,
            f"S{supplier_id}-P{product_id}",
            unit_cost,
            lead_time_days,
            min_order_qty,
            order_multiple,
            is_preferred,
        ),
    )


def sales_order(
    conn: Connection,
    customer_id: int,
    warehouse_id: int,
    ordered_at: Any = None,
    shipped_at: Any = None,
) -> int:
    """An open order, or a shipped one when `shipped_at` is given."""
    return insert(
        conn,
        "INSERT INTO sales_order (customer_id, warehouse_id, status, ordered_at, shipped_at) "
        "VALUES (%s, %s, %s, COALESCE(%s, UTC_TIMESTAMP()), %s)",
        (
            customer_id,
            warehouse_id,
            "open" if shipped_at is None else "shipped",
            ordered_at or shipped_at,
            shipped_at,
        ),
    )


def sales_order_line(
    conn: Connection,
    sales_order_id: int,
    product_id: int,
    ordered_qty: int,
    unit_price: float,
    shipped_qty: int = 0,
) -> int:
    return insert(
        conn,
        "INSERT INTO sales_order_line (sales_order_id, product_id, ordered_qty, shipped_qty, "
        "unit_price) VALUES (%s, %s, %s, %s, %s)",
        (sales_order_id, product_id, ordered_qty, shipped_qty, unit_price),
    )


def invoice(conn: Connection, sales_order_id: int, status: str = "issued") -> int:
    """An invoice billing every shipped unit of the order at the line's price."""
    invoice_id = insert(
        conn,
        "INSERT INTO invoice (sales_order_id, status, total_amount, issued_at, due_date, paid_at) "
        "SELECT %s, %s, COALESCE(SUM(shipped_qty * unit_price), 0), UTC_TIMESTAMP(), "
        "UTC_DATE() + INTERVAL 30 DAY, IF(%s = 'paid', UTC_TIMESTAMP(), NULL) "
        "FROM sales_order_line WHERE sales_order_id = %s",
        (sales_order_id, status, status, sales_order_id),
    )
    conn.exec_driver_sql(
        "INSERT INTO invoice_line (invoice_id, sales_order_line_id, invoiced_qty, unit_price, "
        "line_total) SELECT %s, sales_order_line_id, shipped_qty, unit_price, "
        "shipped_qty * unit_price FROM sales_order_line "
        "WHERE sales_order_id = %s AND shipped_qty > 0",
        (invoice_id, sales_order_id),
    )
    return invoice_id


def purchase_order(
    conn: Connection,
    supplier_id: int,
    warehouse_id: int,
    status: str = "draft",
    ordered_at: Any = None,
    expected_date: Any = None,
    received_at: Any = None,
) -> int:
    return insert(
        conn,
        "INSERT INTO purchase_order (supplier_id, warehouse_id, status, ordered_at, "
        "expected_date, received_at) VALUES (%s, %s, %s, %s, %s, %s)",
        (supplier_id, warehouse_id, status, ordered_at, expected_date, received_at),
    )


def purchase_order_line(
    conn: Connection,
    purchase_order_id: int,
    product_id: int,
    ordered_qty: int,
    unit_cost: float,
    received_qty: int = 0,
) -> int:
    return insert(
        conn,
        "INSERT INTO purchase_order_line (purchase_order_id, product_id, ordered_qty, "
        "received_qty, unit_cost) VALUES (%s, %s, %s, %s, %s)",
        (purchase_order_id, product_id, ordered_qty, received_qty, unit_cost),
    )


def supplier_review(
    conn: Connection, supplier_id: int, rating: int, purchase_order_id: int | None = None
) -> int:
    return insert(
        conn,
        "INSERT INTO supplier_review (supplier_id, purchase_order_id, rating, reviewer_name) "
        "VALUES (%s, %s, %s, 'tester')",
        (supplier_id, purchase_order_id, rating),
    )
