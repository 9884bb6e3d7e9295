"""Roles for least privilege (revision 0006): analyst, application and migrator.

Roles are server-global while databases are not, and many databases share one server
(test databases, clones, staging next to production), so each database's roles carry its
name: `<database>_analyst`, `<database>_application`, `<database>_migrator`. MySQL allows
32 characters in a role or user name (MariaDB 80): a longer name keeps the start of the
database name and a hash of all of it. The grant files in sql/roles/ are written for the
database `sims` and the roles `sims_analyst`, ...; the real names are swapped in.

The server flavors differ in activating a role for a user: MariaDB says `SET DEFAULT ROLE
r FOR u` and activates one default role per user; MySQL says `SET DEFAULT ROLE r TO u`
(or activates every granted role when activate_all_roles_on_login is ON, a server-wide
setting we do not touch). `assign_role` does the right one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection

from sims import migrate
from sims.db import (
    create_engine,
    describe_error,
    execute_verbatim,
    scratch_database,
    server_flavor,
    with_database,
)
from sims.errors import SimsError

KINDS = ("analyst", "application", "migrator")
NAME_LIMIT = 32  # MySQL's limit for role and user names
_PLACEHOLDER_DATABASE = re.compile(r"\bsims\.\*")
_PLACEHOLDER_ROLE = re.compile(rf"\bsims_({'|'.join(KINDS)})\b")
_ACCOUNT_PART = re.compile(r"^[A-Za-z0-9_.%-]{1,80}$")


def role_name(database: str, kind: str) -> str:
    """The name of a role of `kind` for `database`, unique on the server."""
    if kind not in KINDS:
        raise SimsError(f"unknown role {kind!r}: use one of {', '.join(KINDS)}")
    name = f"{database}_{kind}"
    if len(name) <= NAME_LIMIT:
        return name
    digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]
    keep = NAME_LIMIT - len(kind) - len(digest) - 2
    return f"{database[:keep]}_{digest}_{kind}"


def role_names(database: str) -> dict[str, str]:
    return {kind: role_name(database, kind) for kind in KINDS}


def quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def grant_statement(database: str, kind: str) -> migrate.Statement:
    """The GRANT of sql/roles/<kind>.sql for this database's role."""
    template = migrate.Statement.from_file(migrate.ROOT / "sql" / "roles" / f"{kind}.sql")
    sql = _PLACEHOLDER_DATABASE.sub(f"{quote(database)}.*", template.sql)
    sql = _PLACEHOLDER_ROLE.sub(lambda m: quote(role_name(database, m.group(1))), sql)
    return migrate.Statement(
        sql=sql, label=template.label, source=template.source, checksum=template.checksum
    )


def role_statements(database: str) -> list[migrate.Statement]:
    """What creates the three roles of the database and grants each its privileges."""
    creates = [f"CREATE ROLE IF NOT EXISTS {quote(role_name(database, kind))}" for kind in KINDS]
    return [
        *(migrate.Statement(sql=sql, label=sql) for sql in creates),
        *(grant_statement(database, kind) for kind in KINDS),
    ]


def create_roles(database: str) -> None:
    """Create the three roles of the database and grant each its privileges."""
    for statement in role_statements(database):
        migrate.run_statement(statement)


def drop_roles(database: str) -> None:
    """Drop the database's own roles, and no other."""
    for kind in reversed(KINDS):
        sql = f"DROP ROLE IF EXISTS {quote(role_name(database, kind))}"
        migrate.run_statement(migrate.Statement(sql=sql, label=sql))


def drop_database_roles(server_url: str | URL, database: str) -> None:
    """Drop the roles of a database that is going away (a test or scratch database):
    dropping a database leaves its server-global roles behind."""
    engine = create_engine(with_database(server_url, None))
    try:
        with engine.begin() as conn:
            for name in role_names(database).values():
                execute_verbatim(conn, f"DROP ROLE IF EXISTS {quote(name)}")
    finally:
        engine.dispose()


@contextmanager
def throwaway_database(server_url: str | URL, prefix: str = "sims_scratch") -> Iterator[URL]:
    """A uniquely named empty database that is dropped afterwards, whatever happens, together
    with the server-global roles a migration gave it: for the tests' and benchmarks'
    databases, which must leave nothing behind on a shared server."""
    with scratch_database(server_url, prefix) as url:
        try:
            yield url
        finally:
            drop_database_roles(server_url, url.database)


def account(user: str, host: str) -> str:
    """'user'@'host', refusing anything but letters, digits and _ . % -."""
    for part in (user, host):
        if not _ACCOUNT_PART.match(part):
            raise SimsError(f"invalid account name part {part!r}: use letters, digits, _ . % -")
    return f"'{user}'@'{host}'"


def assign_role(conn: Connection, database: str, kind: str, user: str, host: str = "%") -> str:
    """Grant the database's role of `kind` to an existing account and make it the account's
    default role, so it is active at login. Returns the role name.

    The server refuses an unknown role or account, and is made to: MariaDB's GRANT would
    create an unknown account, without a password, in a session whose sql_mode lacks
    NO_AUTO_CREATE_USER (ours, see sims.db), so the grant runs with it (MySQL 8 never does)."""
    name = role_name(database, kind)
    role = quote(name)
    target = account(user, host)
    mariadb = server_flavor(conn) == "MariaDB"
    if mariadb:
        execute_verbatim(conn, "SET @sims_sql_mode = @@SESSION.sql_mode")
        execute_verbatim(
            conn, "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_AUTO_CREATE_USER')"
        )
    try:
        execute_verbatim(conn, f"GRANT {role} TO {target}")
    except sa.exc.DBAPIError as exc:
        refused = _GRANT_REFUSALS.get(exc.orig.args[0] if exc.orig.args else None)
        if refused is None:
            raise
        raise SimsError(refused.format(database=database, role=name, account=target)) from exc
    finally:
        if mariadb:
            execute_verbatim(conn, "SET SESSION sql_mode = @sims_sql_mode")
    if mariadb:
        execute_verbatim(conn, f"SET DEFAULT ROLE {role} FOR {target}")
    else:
        execute_verbatim(conn, f"SET DEFAULT ROLE {role} TO {target}")
    return name


# The server's refusals of GRANT role TO account, in words.
_GRANT_REFUSALS = {
    1959: "database {database} has no role {role}: migrate it first (revision 0006 creates "
    "its roles)",
    1133: "no account {account} on the server: create it first (CREATE USER)",
    3523: "no role {role} or no account {account} on the server: migrate the database "
    "(revision 0006 creates its roles) and create the account (CREATE USER) first",
}


# SHOW GRANTS FOR an unknown role: "no such grant defined" (1141); MySQL may say "no such
# user" (1133) instead.
_NO_SUCH_GRANTEE = frozenset({1141, 1133})


def role_exists(conn: Connection, name: str) -> bool:
    """Whether the server has a role of this name (SHOW GRANTS works on both flavors). Any
    other refusal is no answer: an account without SELECT on the mysql schema may not look
    (1044), and is told so."""
    try:
        execute_verbatim(conn, f"SHOW GRANTS FOR {quote(name)}").all()
    except sa.exc.DBAPIError as exc:
        if exc.orig.args and exc.orig.args[0] in _NO_SUCH_GRANTEE:
            return False
        raise SimsError(
            f"cannot tell whether role {name} exists: {describe_error(exc)} (the account needs "
            "SELECT on the mysql schema to look)"
        ) from exc
    return True
