"""Engines, SQL files sent verbatim, scratch databases and readable database errors."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pymysql
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from sims.config import mask_password
from sims.errors import SimsError

# One sql_mode on MariaDB and MySQL alike, so both reject the same bad data.
SESSION_SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)
SESSION_SETUP = f"SET SESSION sql_mode = '{SESSION_SQL_MODE}', time_zone = '+00:00'"

# Passed to exec_driver_sql so PyMySQL sends the text untouched (no %-formatting).
VERBATIM = {"no_parameters": True}


LOOPBACK_HOSTS = frozenset({None, "localhost", "127.0.0.1", "::1"})
SUPPORTED_DRIVERS = frozenset({("mysql", "pymysql"), ("mariadb", "pymysql")})


def create_engine(url: str | URL, *, local_files: bool = False, **kwargs) -> Engine:
    """An engine whose every connection uses utf8mb4, strict SQL mode and UTC.

    `local_files` lets the server ask for client files (LOAD DATA LOCAL INFILE): only the
    generator's loader needs that, and on any other connection a hostile server could use it
    to read this machine's files (`db diff --url`, `erd --url` reach servers of any kind).
    """
    url = make_url(url)
    if (url.get_backend_name(), url.get_driver_name()) not in SUPPORTED_DRIVERS:
        raise SimsError(
            f"unsupported database URL {mask_password(url)}: "
            "sims runs on MariaDB or MySQL through PyMySQL (mysql+pymysql://...)"
        )
    connect_args = {
        "charset": "utf8mb4",
        "init_command": SESSION_SETUP,
        "local_infile": local_files,
    }
    if url.host in LOOPBACK_HOSTS and not any(key.startswith("ssl") for key in url.query):
        # TLS protects nothing on loopback, and PyMySQL's "preferred" mode builds a TLS
        # context (reading the system's CA store) for every connection: tens of ms each.
        connect_args["ssl_disabled"] = True
    return sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True, **kwargs)


def read_sql_file(path: Path) -> str:
    """The single statement a .sql file holds, without its trailing semicolon."""
    return path.read_text(encoding="utf-8").strip().removesuffix(";").rstrip()


def execute_verbatim(conn: Connection, sql: str) -> sa.CursorResult:
    """Send one statement exactly as written: no bind parameters, no % interpolation."""
    return conn.exec_driver_sql(sql, execution_options=VERBATIM)


def with_database(url: str | URL, database: str | None) -> URL:
    """The same server and account, pointed at another database (None: no database)."""
    return make_url(url)._replace(database=database)  # URL.set() cannot clear a field


def server_flavor(conn: Connection) -> str:
    """'MariaDB' or 'MySQL', read from the server's version string."""
    version = conn.exec_driver_sql("SELECT VERSION()").scalar_one()
    return "MariaDB" if "mariadb" in version.lower() else "MySQL"


_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def quote_identifier(name: str) -> str:
    """A database name quoted for DDL; refuses anything but letters, digits and _."""
    if not _IDENTIFIER.match(name):
        raise SimsError(f"invalid database name {name!r}: use letters, digits and _ only")
    return f"`{name}`"


def create_database(server_url: str | URL, name: str) -> URL:
    """Create an empty utf8mb4 database on the server and return its URL."""
    engine = create_engine(with_database(server_url, None))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE DATABASE {quote_identifier(name)} "
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        engine.dispose()
    return with_database(server_url, name)


def drop_database(server_url: str | URL, name: str) -> None:
    """Drop the database if it exists."""
    engine = create_engine(with_database(server_url, None))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_identifier(name)}")
    finally:
        engine.dispose()


def database_name(url: str | URL) -> str:
    """The database the URL names; refused by name when it names none."""
    name = make_url(url).database
    if not name:
        raise SimsError(f"the database URL {mask_password(url)} names no database")
    return name


def ensure_database(url: str | URL) -> None:
    """Create the URL's database when the server does not have it yet."""
    name = database_name(url)
    engine = create_engine(with_database(url, None))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE DATABASE IF NOT EXISTS {quote_identifier(name)} "
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        engine.dispose()


@contextmanager
def scratch_database(server_url: str | URL, prefix: str = "sims_scratch") -> Iterator[URL]:
    """A uniquely named empty database that is dropped afterwards, whatever happens."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    url = create_database(server_url, name)
    try:
        yield url
    finally:
        drop_database(server_url, name)


# Error number of SIGNAL SQLSTATE '45000': its message is written for the user already.
SIGNALLED_ERROR = 1644


# A table or a procedure the schema has is not there: the usual cause, a database not
# migrated (yet), is worth saying.
NOT_MIGRATED_ERRORS = frozenset({1146, 1305})


def describe_error(exc: BaseException) -> str:
    """One line for the user: the server's own message for database errors, whether they
    come through SQLAlchemy or straight from the driver (a raw connection's cursor)."""
    driver_error = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    if isinstance(driver_error, pymysql.err.MySQLError) and driver_error.args:
        args = driver_error.args
        if args[0] == SIGNALLED_ERROR:
            return str(args[1])
        if args[0] in NOT_MIGRATED_ERRORS:
            return f"database error {args[0]}: {args[1]} (is the database migrated? db migrate)"
        if len(args) >= 2:
            return f"database error {args[0]}: {args[1]}"
        return f"database error: {args[0]}"
    if isinstance(exc, OSError) and exc.filename is not None:  # a file the command reads or writes
        return f"{exc.strerror}: {exc.filename}"
    return str(exc)
