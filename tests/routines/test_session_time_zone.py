"""Every procedure that writes refuses a session outside UTC, naming its time zone (revision
0032): created_at and updated_at take the session's local time, every other column UTC, so
such a session would write two zones into one row. The refusal comes first, before the
procedure's transaction: nothing is written and nothing the session had pending committed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from tests import support

PROCEDURES_THAT_WRITE = """
SELECT r.routine_name, COUNT(p.parameter_name) AS parameter_count
FROM information_schema.routines AS r
LEFT JOIN information_schema.parameters AS p
    ON r.routine_schema = p.specific_schema AND r.routine_name = p.specific_name
WHERE r.routine_schema = DATABASE() AND r.routine_type = 'PROCEDURE'
    AND LEFT(r.routine_comment, 9) <> 'Internal:'
    AND LOCATE('START TRANSACTION', r.routine_definition) > 0
GROUP BY r.routine_name
ORDER BY r.routine_name
"""


def refusal(conn: Connection, sql: str) -> str:
    """The message of the error 1644 the statement gets."""
    with pytest.raises(sa.exc.OperationalError) as caught:
        conn.exec_driver_sql(sql)
    assert caught.value.orig.args[0] == 1644, caught.value
    return caught.value.orig.args[1]


def test_every_procedure_that_writes_refuses_a_session_an_hour_ahead_of_utc(
    engine: Engine,
) -> None:
    with engine.connect() as conn:
        procedures = conn.exec_driver_sql(PROCEDURES_THAT_WRITE).all()
    assert "sell_at_counter" in {name for name, _ in procedures}
    before = support.fingerprint(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("SET time_zone = '+01:00'")
        for name, parameter_count in procedures:
            # NULL for every argument: the time zone is refused before any of them is read.
            arguments = ", ".join(f"@argument_{n}" for n in range(parameter_count))
            message = refusal(conn, f"CALL {name}({arguments})")
            assert message == (
                "time_zone '+01:00' is 01:00:00 off UTC: the procedures write UTC, "
                "SET time_zone = '+00:00'"
            ), name
    assert support.fingerprint(engine) == before


def test_the_refusal_names_a_zone_behind_utc_and_fits_mysqls_message_limit(
    engine: Engine,
) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql("SET time_zone = '-05:30'")
        message = refusal(conn, "CALL sell_at_counter(NULL, NULL, NULL)")
    assert message.startswith("time_zone '-05:30' is -05:30:00 off UTC")
    assert len(message) <= support.MYSQL_MESSAGE_TEXT_LIMIT


def test_a_refused_call_commits_nothing_the_session_had_pending(engine: Engine) -> None:
    """Refused before its START TRANSACTION, which would have committed the session's work:
    that work is rolled back with the refusal, as README says, never committed."""
    with engine.begin() as conn:
        customer, warehouse = support.customer(conn), support.warehouse(conn)
        product = support.product(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=5)
    sale = f"CALL sell_at_counter({customer}, {warehouse}, '{support.order_lines((product, 1))}')"
    categories = "SELECT COUNT(*) FROM category WHERE name = 'Pending when refused'"
    with engine.connect() as conn:
        conn.exec_driver_sql("SET time_zone = '+01:00'")
        conn.exec_driver_sql("INSERT INTO category (name) VALUES ('Pending when refused')")
        refusal(conn, sale)
        assert conn.exec_driver_sql(categories).scalar() == 0
        assert support.scalar(engine, categories) == 0
        conn.exec_driver_sql("SET time_zone = '+00:00'")
        conn.exec_driver_sql(sale)
        conn.commit()
    stock = "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s"
    assert support.scalar(engine, stock, (product, warehouse)) == 4
