"""`runner.py db ...`: migrations and their safety net (journal, lock, validate, repair,
offline script, drift, clone, roles) and the schema snapshot, on DATABASE_URL or the
embedded server's `sims` database. Passwords are masked in every line and log record."""

from __future__ import annotations

import argparse
import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic.util import CommandError
from rich.markup import escape
from rich.table import Table

from sims import drift, journal, migrate, migration_lock, migration_session, roles
from sims.commands.arguments import seconds
from sims.commands.output import out, print_table
from sims.config import (
    DEFAULT_DATABASE,
    PROJECT_ROOT,
    SCHEMA_SNAPSHOT,
    MaskingFilter,
    configured_database_url,
    database_url_argument,
    mask_password,
    mask_secrets,
)
from sims.db import create_engine, describe_error, quote_identifier
from sims.errors import SimsError
from sims.schema import dump_schema
from sims.server import resolve_database_url

OFFLINE_SCRIPT = PROJECT_ROOT / "out" / "migrate.sql"
Handler = Callable[[argparse.Namespace], None]
# Errors of reaching the server or logging in (and of a URL that does not parse): the
# message then says which database URL it was, password masked.
CONNECTION_ERRORS = {1044, 1045, 1049, 2002, 2003, 2005, 2006, 2013}


def masked(handler: Handler) -> Handler:
    """Run a command with logging that masks passwords, and turn its errors into one
    masked line (the password of DATABASE_URL never reaches the terminal)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> None:
        with masked_logging(getattr(args, "verbose", False)):
            try:
                handler(args)
            except (SimsError, sa.exc.SQLAlchemyError, ValueError, CommandError) as exc:
                url = getattr(args, "url", None) or configured_database_url()
                raise SimsError(error_line(exc, url)) from exc

    return run


def error_line(exc: BaseException, url: str | None) -> str:
    """The one line an error shows, passwords masked; naming the URL when it is about
    reaching the database."""
    message = describe_error(exc)
    reaching = isinstance(exc, sa.exc.ArgumentError)
    reaching |= migration_session.error_number(exc) in CONNECTION_ERRORS
    if url and reaching:
        message = f"{message} (database URL {mask_password(url)})"
    return mask_secrets(message)


@contextmanager
def masked_logging(verbose: bool) -> Iterator[None]:
    """Alembic's and sims' log records on stderr while a command runs (their progress too
    with --verbose), and the drivers' warnings, passwords masked; the loggers are put back
    as they were after."""
    handler = logging.StreamHandler()
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s [%(name)s] %(message)s"))
    progress = logging.INFO if verbose else logging.WARNING
    # SQLAlchemy logs every statement at INFO: its warnings only, even with --verbose.
    levels = {
        "alembic": progress,
        "sims": progress,
        "sqlalchemy": logging.WARNING,
        "pymysql": logging.WARNING,
    }
    loggers = [logging.getLogger(name) for name in levels]
    saved = [(lg.handlers, lg.level, lg.propagate) for lg in loggers]
    for logger in loggers:
        logger.handlers = [handler]
        logger.setLevel(levels[logger.name])
        logger.propagate = False
    try:
        yield
    finally:
        for logger, (handlers, level, propagate) in zip(loggers, saved, strict=True):
            logger.handlers, logger.level, logger.propagate = handlers, level, propagate


def say(text: str) -> None:
    out.print(escape(mask_secrets(text)), highlight=False, soft_wrap=True)


def print_revision_states(url: str) -> None:
    report = migration_session.validate(url)
    table = Table("revision", "state", "description")
    for state in migrate.revision_states(url):
        label = "current" if state.is_current else ("applied" if state.applied else "pending")
        record = report.records.get(state.revision)
        if record is not None and record.state != journal.APPLIED:
            label = f"half-applied ({record.direction} {record.state})"
        table.add_row(state.revision, label, escape(state.description))
    print_table(table)


def print_run(verb: str, url: str, target: str, run: migrate.MigrationRun) -> None:
    for note in run.notes:
        say(f"note: {note}")
    done = ", ".join(run.revisions) or "nothing to do"
    say(f"{verb} {mask_password(url)} to {target}: {done}")


def upgrade(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    run = migrate.upgrade(url, args.revision, lock_wait=args.lock_wait)
    print_run("migrated", url, args.revision, run)
    print_revision_states(url)


def rollback(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    run = migrate.downgrade(url, args.revision, lock_wait=args.lock_wait)
    print_run("rolled back", url, args.revision, run)
    print_revision_states(url)


def status(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    say(f"database: {mask_password(url)}")
    print_revision_states(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            lease = migration_lock.read_lease(conn) if journal.tables_exist(conn) else None
    finally:
        engine.dispose()
    if lease is not None:
        say(f"migration lease held by {lease.describe()}")


def validate(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    report = migration_session.validate(url)
    say(f"database: {mask_password(url)}")
    for revision in report.unrecorded:
        say(f"note: revision {revision} was applied before sims kept checksums: not checked")
    if report.problems:
        for problem in report.problems:
            say(problem)
        raise SimsError(f"validation failed: {len(report.problems)} problem(s), listed above")
    files = sum(
        1
        for revision in report.applied
        for step in report.steps_of(revision, journal.UPGRADE)
        if step.checksum
    )
    say(
        f"valid: {len(report.applied)} applied revision(s) and the {files} SQL file(s) they "
        "ran are unchanged since they were applied; nothing is half-applied"
    )


def repair(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    for action in migration_session.repair(
        url, accept_changes=args.accept_changes, wait_seconds=args.lock_wait
    ):
        say(action)
    print_revision_states(url)


def unlock(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            lease = migration_lock.break_lease(conn) if journal.tables_exist(conn) else None
    finally:
        engine.dispose()
    if lease is None:
        say("no migration lease was held")
    else:
        say(f"removed the migration lease of {lease.describe()}")


def offline_database(args: argparse.Namespace) -> str:
    """The database the script is written for; its name goes into comments and role names of
    the script, so it is held to the online rule (letters, digits and _)."""
    if args.database:
        database = args.database
    else:
        url = configured_database_url()
        database = (sa.engine.make_url(url).database if url else None) or DEFAULT_DATABASE
    quote_identifier(database)
    return database


def migrate_sql(args: argparse.Namespace) -> None:
    database = offline_database(args)
    migrate.write_offline_script(args.output, args.to, args.start, database)
    say(
        f"wrote {args.output} for database {database}: pipe it into the client, e.g. "
        f"mariadb --comments {database} < {args.output}"
    )


def diff(args: argparse.Namespace) -> None:
    url = args.url or resolve_database_url()
    report = drift.diff_database(url, args.snapshot)
    say(f"database: {report.database} at revision {', '.join(report.revisions) or 'none'}")
    for note in report.notes:
        say(f"note: {note}")
    for difference in report.differences:
        say(difference.describe())
    if report.differences:
        raise SimsError(f"{len(report.differences)} difference(s) from {args.snapshot.name}")
    say(f"no differences from {args.snapshot.name}")


def clone(args: argparse.Namespace) -> None:
    url = args.url or resolve_database_url()
    report = drift.clone_database(url, args.to)
    revision = ", ".join(report.revisions) or "none"
    say(f"cloned {report.source} to {report.target} at revision {revision}")
    for difference in report.differences:
        say(difference.describe())
    if report.differences:
        raise SimsError(f"the clone differs from its source in {len(report.differences)} object(s)")
    counts = ", ".join(f"{count} {kind}s" for kind, count in report.counts.items())
    say(f"identical: same dump for both ({counts})")


def list_roles(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    database = sa.engine.make_url(url).database or DEFAULT_DATABASE
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = roles.role_names(database)
            present = {kind: roles.role_exists(conn, name) for kind, name in names.items()}
    finally:
        engine.dispose()
    # The grants are what revision 0006 gives each role; a role not on the server yet has none.
    table = Table("role", "name on the server", "on the server", "grants")
    for kind, name in names.items():
        grant = roles.grant_statement(database, kind).sql.splitlines()[-1]
        table.add_row(kind, name, "yes" if present[kind] else "no (migrate)", escape(grant))
    print_table(table)


def grant_role(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    database = sa.engine.make_url(url).database or DEFAULT_DATABASE
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            name = roles.assign_role(conn, database, args.kind, args.user, args.host)
    finally:
        engine.dispose()
    say(f"granted {name} to '{args.user}'@'{args.host}' as its default role")


def schema_dump(args: argparse.Namespace) -> None:
    url = resolve_database_url()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            text = dump_schema(conn)
    finally:
        engine.dispose()
    args.output.write_text(text, encoding="utf-8")
    say(f"wrote {args.output} from {mask_password(url)}")


def _lock_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lock-wait",
        type=seconds,
        default=migration_lock.DEFAULT_WAIT_SECONDS,
        help="seconds to wait for another migrator (default %(default).0f)",
    )


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="migrations and schema (DATABASE_URL or embedded)")
    actions = db.add_subparsers(dest="action", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text)
        parser.set_defaults(handler=masked(handler))
        return parser

    up = add("migrate", upgrade, "upgrade to a revision (default: head)")
    up.add_argument("--revision", default="head")
    _lock_wait(up)
    down = add("rollback", rollback, "downgrade (default: one revision)")
    down.add_argument("--revision", default="-1", help="target revision, -N, or base")
    _lock_wait(down)
    add("status", status, "list revisions, applied, pending or half-applied")
    add("validate", validate, "refuse when applied files changed or a revision is half-applied")
    fix = add("repair", repair, "undo a half-applied revision; drop stale journal records")
    fix.add_argument(
        "--accept-changes",
        action="store_true",
        help="record today's checksums for changed files of applied revisions",
    )
    _lock_wait(fix)
    add("unlock", unlock, "remove the migration lease (of a migrator that is gone)")
    offline = add("migrate-sql", migrate_sql, "write the migration as a SQL script")
    offline.add_argument("--from", dest="start", help="revision the database is at (default: none)")
    offline.add_argument("--to", default="head", help="revision to reach (default: head)")
    offline.add_argument("--database", help="database name (default: from DATABASE_URL, or sims)")
    offline.add_argument(
        "--output", type=Path, default=OFFLINE_SCRIPT, help="where to write it (%(default)s)"
    )
    compare = add("diff", diff, "compare a live database with sql/schema.sql")
    compare.add_argument(
        "--url", type=database_url_argument, help="database URL (default: DATABASE_URL or embedded)"
    )
    compare.add_argument("--snapshot", type=Path, default=SCHEMA_SNAPSHOT)
    copy = add("clone", clone, "migrate a second database and prove it identical")
    copy.add_argument("--to", required=True, help="name of the new database")
    copy.add_argument(
        "--url",
        type=database_url_argument,
        help="source database URL (default: DATABASE_URL or embedded)",
    )
    add("roles", list_roles, "list this database's roles and their grants")
    grant = add("grant-role", grant_role, "give an existing account one of the roles")
    grant.add_argument("kind", choices=roles.KINDS)
    grant.add_argument("--user", required=True)
    grant.add_argument("--host", default="%")
    dump = add("schema-dump", schema_dump, "write the normalised schema snapshot")
    dump.add_argument("--output", type=Path, default=SCHEMA_SNAPSHOT)
