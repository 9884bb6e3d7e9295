"""Roles for least privilege (revision 0006): an analyst reads and cannot write, the
application calls procedures and cannot touch tables, the migrator owns its database's
schema only; role names are per database, and a downgrade drops only its own."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

from sims import cli, migrate, roles
from sims.db import create_engine, execute_verbatim, server_flavor, with_database
from sims.errors import SimsError
from tests import support

PASSWORD = "Role-test-pw1"


@pytest.fixture(scope="module")
def root(server_url: URL) -> Iterator[Engine]:
    engine = create_engine(with_database(server_url, None))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def account(root: Engine, database_url: URL) -> Iterator[dict[str, URL]]:
    """One account per role, each with the database's role as its default role."""
    urls = {}
    with root.begin() as conn:
        for kind in roles.KINDS:
            user = f"u{uuid.uuid4().hex[:8]}_{kind[:3]}"
            execute_verbatim(conn, f"CREATE USER '{user}'@'%' IDENTIFIED BY '{PASSWORD}'")
            roles.assign_role(conn, database_url.database, kind, user)
            urls[kind] = database_url.set(username=user, password=PASSWORD)
    yield urls
    with root.begin() as conn:
        for url in urls.values():
            execute_verbatim(conn, f"DROP USER '{url.username}'@'%'")


def error_number(engine_url: URL, sql: str) -> int | None:
    """The error a statement gets as that account, or None when it succeeds."""
    engine = create_engine(engine_url)
    try:
        with engine.begin() as conn:
            result = execute_verbatim(conn, sql)
            if result.returns_rows:
                result.all()
    except sa.exc.DBAPIError as exc:
        return exc.orig.args[0]
    finally:
        engine.dispose()
    return None


ACCESS_DENIED = {1142, 1143, 1044, 1370}  # table, column, database, routine


def test_role_names_carry_the_database_name_and_fit_mysqls_32_characters() -> None:
    assert roles.role_names("sims") == {
        "analyst": "sims_analyst",
        "application": "sims_application",
        "migrator": "sims_migrator",
    }
    long_a, long_b = "inventory_production_eu_west_1", "inventory_production_eu_west_2"
    names = [roles.role_name(db, kind) for db in (long_a, long_b) for kind in roles.KINDS]
    assert all(len(name) <= 32 for name in names) and len(set(names)) == 6
    # Too long: the name keeps the database's start and the kind, with a digest between.
    assert re.fullmatch(r"inventory_prod_[0-9a-f]{8}_migrator", roles.role_name(long_a, "migrator"))


def test_an_analyst_reads_tables_and_views_but_cannot_write_or_call_procedures(
    account: dict[str, URL],
) -> None:
    analyst = account["analyst"]
    assert error_number(analyst, "SELECT COUNT(*) FROM product") is None
    assert error_number(analyst, "SELECT COUNT(*) FROM stock_position") is None
    assert error_number(analyst, "INSERT INTO category (name) VALUES ('x')") in ACCESS_DENIED
    assert error_number(analyst, "UPDATE product SET name = name") in ACCESS_DENIED
    assert error_number(analyst, "CALL adjust_stock(1, 1, 1, 'x')") in ACCESS_DENIED
    assert error_number(analyst, "CREATE TABLE t (i INT PRIMARY KEY)") in ACCESS_DENIED


def test_the_application_calls_procedures_but_cannot_touch_tables(
    account: dict[str, URL], engine: Engine
) -> None:
    with engine.begin() as conn:
        product = support.product(conn)
        warehouse = support.warehouse(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=10)
    application = account["application"]
    assert error_number(application, "SELECT COUNT(*) FROM product") in ACCESS_DENIED
    assert error_number(application, "SELECT COUNT(*) FROM stock_position") in ACCESS_DENIED
    assert (
        error_number(
            application, f"UPDATE stock_level SET on_hand_qty = 99 WHERE product_id = {product}"
        )
        in ACCESS_DENIED
    )
    call = f"CALL adjust_stock({product}, {warehouse}, -3, 'damaged')"
    assert error_number(application, call) is None
    assert (
        support.scalar(
            engine,
            "SELECT on_hand_qty FROM stock_level WHERE product_id = %s AND warehouse_id = %s",
            (product, warehouse),
        )
        == 7
    )
    support.assert_data_sound(engine)


def test_the_application_sells_through_the_public_procedures_but_cannot_call_internal_ones(
    account: dict[str, URL], engine: Engine
) -> None:
    """The public procedures run the internal routines with their own rights; called by the
    application, an internal routine has the application's, so it cannot ship an order
    without releasing its reservation or post a movement of its own (revision 0031)."""
    with engine.begin() as conn:
        customer = support.customer(conn)
        product = support.product(conn)
        warehouse = support.warehouse(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=10)
    application = account["application"]
    lines = support.order_lines((product, 2))
    assert (
        error_number(application, f"CALL place_sales_order({customer}, {warehouse}, '{lines}')")
        is None
    )
    order = support.scalar(
        engine, "SELECT MAX(sales_order_id) FROM sales_order WHERE customer_id = %s", (customer,)
    )
    before = support.fingerprint(engine)
    internal_calls = (
        f"CALL fulfil_sales_order({order}, {warehouse}, FALSE, @invoice, @total)",
        f"CALL post_stock_movement({product}, {warehouse}, 'adjustment', 50, 0, "
        "NULL, NULL, NULL, 'made up')",
        f"CALL read_purchase_lines('{lines}')",  # its temporary table: refused too
    )
    for sql in internal_calls:  # refused at a table or the temporary table, not at EXECUTE
        assert error_number(application, sql) in {1142, 1044}, sql
    assert support.fingerprint(engine) == before
    assert error_number(application, f"CALL ship_sales_order({order})") is None
    assert (
        error_number(application, f"CALL sell_at_counter({customer}, {warehouse}, '{lines}')")
        is None
    )
    stock = (
        "SELECT on_hand_qty, reserved_qty FROM stock_level "
        "WHERE product_id = %s AND warehouse_id = %s"
    )
    with engine.connect() as conn:
        assert tuple(conn.exec_driver_sql(stock, (product, warehouse)).one()) == (6, 0)
    support.assert_data_sound(engine)


def test_the_application_registers_customers_and_stops_suppliers(
    account: dict[str, URL], engine: Engine
) -> None:
    email = f"{uuid.uuid4().hex[:8]}@example.test"
    adding = f"CALL add_customer('App customer', '{email}', 'GB', NULL, NULL, NULL, NULL)"
    assert error_number(account["application"], adding) is None
    assert support.scalar(engine, "SELECT COUNT(*) FROM customer WHERE email = %s", (email,)) == 1
    with engine.begin() as conn:
        supplier = support.supplier(conn)
    assert error_number(account["application"], f"CALL set_supplier_active({supplier}, 0)") is None
    active = "SELECT is_active FROM supplier WHERE supplier_id = %s"
    assert support.scalar(engine, active, (supplier,)) == 0


def test_the_migrator_owns_the_schema_of_its_database_and_nothing_else(
    account: dict[str, URL],
) -> None:
    migrator = account["migrator"]
    assert error_number(migrator, "CREATE TABLE migrator_probe (i INT PRIMARY KEY)") is None
    assert error_number(migrator, "DROP TABLE migrator_probe") is None
    assert error_number(migrator, "CREATE DATABASE migrator_probe_db") in ACCESS_DENIED
    assert error_number(migrator, "SELECT COUNT(*) FROM mysql.user") in ACCESS_DENIED


def test_a_downgrade_drops_its_own_databases_roles_and_no_other(
    root: Engine, new_database: object
) -> None:
    first, second = new_database(), new_database()
    migrate.upgrade(first, "0006")
    migrate.upgrade(second, "0006")
    migrate.downgrade(first, "0005")
    with root.connect() as conn:
        for kind in roles.KINDS:
            assert not roles.role_exists(conn, roles.role_name(first.database, kind))
            assert roles.role_exists(conn, roles.role_name(second.database, kind))


def test_a_throwaway_database_takes_its_roles_with_it(root: Engine, server_url: URL) -> None:
    """Roles are server-global: dropping a database alone would leave them on the server."""
    with roles.throwaway_database(server_url, prefix="sims_test") as url:
        migrate.upgrade(url, "0006")
        names = roles.role_names(url.database).values()
        with root.connect() as conn:
            assert all(roles.role_exists(conn, name) for name in names)
    with root.connect() as conn:
        assert not any(roles.role_exists(conn, name) for name in names)


def test_a_role_goes_only_to_an_existing_account(root: Engine, database_url: URL) -> None:
    """A GRANT to an unknown account would create it, with no password."""
    user = f"u{uuid.uuid4().hex[:8]}_none"
    with root.begin() as conn, pytest.raises(SimsError, match=rf"no account '{user}'@'%'"):
        roles.assign_role(conn, database_url.database, "analyst", user)
    accounts = "SELECT COUNT(*) FROM mysql.user WHERE user = %s"
    assert support.scalar(root, accounts, (user,)) == 0


def test_a_role_is_refused_by_name_before_the_migration_creates_it(
    root: Engine, new_database: object
) -> None:
    database = new_database()
    migrate.upgrade(database, "0005")
    with root.begin() as conn, pytest.raises(SimsError, match=r"has no role .*_analyst: migrate"):
        roles.assign_role(conn, database.database, "analyst", "root", "localhost")


def test_db_roles_says_which_roles_the_server_has(
    new_database: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = new_database()
    monkeypatch.setenv("DATABASE_URL", database.render_as_string(hide_password=False))
    migrate.upgrade(database, "0005")
    assert cli.main(["db", "roles"]) == 0
    assert capsys.readouterr().out.count("no (migrate)") == 3
    migrate.upgrade(database, "0006")
    assert cli.main(["db", "roles"]) == 0
    listed = capsys.readouterr().out
    assert "no (migrate)" not in listed and listed.count(" yes ") == 3


def test_an_admin_that_may_not_look_at_the_mysql_schema_still_grants_the_role(
    root: Engine, database_url: URL
) -> None:
    """The server, not a look at its accounts, decides: an admin of the role who may not read
    the mysql schema grants it; asked whether a role exists, that admin is told it cannot
    tell (not that the role is missing)."""
    admin, alice = (f"u{uuid.uuid4().hex[:8]}_{who}" for who in ("adm", "ali"))
    analyst = roles.role_name(database_url.database, "analyst")
    with root.begin() as conn:
        for user in (admin, alice):
            execute_verbatim(conn, f"CREATE USER '{user}'@'%' IDENTIFIED BY '{PASSWORD}'")
        execute_verbatim(conn, f"GRANT {roles.quote(analyst)} TO '{admin}'@'%' WITH ADMIN OPTION")
        if server_flavor(conn) == "MariaDB":  # SET DEFAULT ROLE FOR another account writes there
            execute_verbatim(conn, f"GRANT UPDATE ON mysql.* TO '{admin}'@'%'")
    engine = create_engine(with_database(database_url, None).set(username=admin, password=PASSWORD))
    try:
        with engine.begin() as conn:
            assert roles.assign_role(conn, database_url.database, "analyst", alice) == analyst
        with engine.connect() as conn, pytest.raises(SimsError, match="cannot tell whether role"):
            roles.role_exists(conn, analyst)
        with root.connect() as conn:
            grants = execute_verbatim(conn, f"SHOW GRANTS FOR '{alice}'@'%'").scalars().all()
        assert any(analyst in grant for grant in grants)
    finally:
        engine.dispose()
        with root.begin() as conn:
            for user in (admin, alice):
                execute_verbatim(conn, f"DROP USER '{user}'@'%'")
