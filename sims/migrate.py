"""Alembic glue: configuration, upgrade and downgrade, the offline script, and the helpers
revisions call to run the hand-written .sql files.

Every statement a revision runs goes through `run_statement`, so whoever runs the revision
decides what a statement means: online, the migration journal (sims.journal) records each
one and executes it; offline, it is written to the script, with DELIMITER around routines
and triggers; the journal's planner and the destructive-change lint only collect it.
Alembic's `op` is process-global, so one process runs one migration at a time; separate
processes are kept apart by the migration lock (sims.migration_lock).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from alembic import command, op
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData
from sqlalchemy.engine import URL

from sims.config import DEFAULT_DATABASE, PROJECT_ROOT
from sims.db import create_engine, execute_verbatim, read_sql_file
from sims.errors import SimsError

# The names the schema conventions (README) give constraints and indexes, so anything
# Alembic generates agrees.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",
    "uq": "uq_%(table_name)s__%(column_0_N_name)s",
    "ck": "ck_%(table_name)s__%(constraint_name)s",
    "fk": "fk_%(table_name)s__%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
METADATA = MetaData(naming_convention=NAMING_CONVENTION)

# The tree the revisions and their .sql files are read from. Tests point it at a copy to
# change files without touching the repository; everything below resolves paths from it.
ROOT: Path = PROJECT_ROOT

# What the offline script puts between DELIMITER lines around a routine or trigger body.
OFFLINE_DELIMITER = "$$"


def alembic_dir() -> Path:
    return ROOT / "alembic"


def tables_dir() -> Path:
    return ROOT / "sql" / "ddl" / "tables"


def routines_dir() -> Path:
    return ROOT / "sql" / "ddl" / "routines"


def triggers_dir() -> Path:
    return ROOT / "sql" / "ddl" / "triggers"


def indexes_dir() -> Path:
    return ROOT / "sql" / "ddl" / "indexes"


def views_dir() -> Path:
    return ROOT / "sql" / "views"


def relative_path(path: Path) -> str:
    """A file's path as recorded and shown: relative to the source tree when inside it."""
    try:
        return path.resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def source_path(recorded: str) -> Path:
    """The file a recorded path names, in today's source tree."""
    path = Path(recorded)
    return path if path.is_absolute() else ROOT / path


def file_checksum(text: str) -> str:
    """SHA-256 of a source file's text, line endings normalised (a CRLF checkout agrees)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


# --- configuration and commands --------------------------------------------------------


def alembic_config(url: str | URL | None = None, **attributes: object) -> Config:
    """Alembic's configuration for this repository, bound to a database URL when given.

    The URL travels in `attributes`, not in the ini options, so a `%` in a password is safe
    and the password never reaches Alembic's text configuration. Other attributes (lock
    wait, offline database name, ...) are read by alembic/env.py.
    """
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(alembic_dir()))
    if url is not None:
        config.attributes["url"] = url
    config.attributes.update(attributes)
    return config


def script_directory() -> ScriptDirectory:
    """The revision scripts of the source tree."""
    return ScriptDirectory.from_config(alembic_config())


@dataclass
class MigrationRun:
    """What one upgrade or downgrade did: the revisions it applied or reverted, in order,
    and notes for the DBA (for example revisions whose checksums it started keeping)."""

    revisions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _run_command(
    action: Callable[[Config, str], None], url: str | URL, revision: str, lock_wait: float | None
) -> MigrationRun:
    run = MigrationRun()
    attributes: dict[str, object] = {"sims_run": run}
    if lock_wait is not None:
        attributes["lock_wait"] = lock_wait
    action(alembic_config(url, **attributes), revision)
    return run


def upgrade(url: str | URL, revision: str = "head", lock_wait: float | None = None) -> MigrationRun:
    """Migrate the database up to `revision`, holding the migration lock (waiting at most
    `lock_wait` seconds for another migrator) and refusing when validation fails."""
    return _run_command(command.upgrade, url, revision, lock_wait)


def downgrade(url: str | URL, revision: str = "-1", lock_wait: float | None = None) -> MigrationRun:
    """Migrate the database down to `revision` (default: one revision)."""
    return _run_command(command.downgrade, url, revision, lock_wait)


def write_offline_script(
    output: io.TextIOBase | Path,
    target: str = "head",
    start: str | None = None,
    database: str = DEFAULT_DATABASE,
) -> None:
    """Write the SQL that migrates `database` from `start` (default: an empty database) to
    `target`, for the mariadb/mysql client. No server is contacted."""
    _refuse_backwards_range(start or "base", target)
    if isinstance(output, Path):
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as stream:
            write_offline_script(stream, target, start, database)
        return
    config = alembic_config(database=database)
    config.output_buffer = output
    command.upgrade(config, f"{start}:{target}" if start else target, sql=True)


def _refuse_backwards_range(start: str, target: str) -> None:
    """An offline script only goes forward: `target` must come after `start`."""
    script = script_directory()
    order = ["base"]
    order += [rev.revision for rev in reversed(list(script.walk_revisions("base", "heads")))]
    first, last = (
        getattr(script.get_revision(name), "revision", "base") for name in (start, target)
    )
    if order.index(last) <= order.index(first):
        raise SimsError(
            f"nothing to migrate from {first} to {last}: --to must come after --from "
            "(a script only upgrades; `db rollback` goes back)"
        )


@dataclass(frozen=True)
class RevisionState:
    """One revision of the chain and whether the database has it applied."""

    revision: str
    description: str
    applied: bool
    is_current: bool


def revision_description(script: object) -> str:
    """The first line of a revision's docstring."""
    doc = (getattr(script, "doc", None) or "").strip()
    return doc.splitlines()[0] if doc else ""


def revision_states(url: str | URL) -> list[RevisionState]:
    """Every revision from base to head, oldest first, marked applied or pending."""
    script = script_directory()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()
    applied = applied_revisions(script, current)
    chain = list(reversed(list(script.walk_revisions("base", "heads"))))
    return [
        RevisionState(
            revision=rev.revision,
            description=revision_description(rev),
            applied=rev.revision in applied,
            is_current=rev.revision in current,
        )
        for rev in chain
    ]


def applied_revisions(script: ScriptDirectory, heads: Iterable[str]) -> list[str]:
    """The revisions applied when Alembic's version table holds `heads`, oldest first."""
    applied: list[str] = []
    for head in heads:
        for rev in script.iterate_revisions(head, "base"):
            if rev.revision not in applied:
                applied.append(rev.revision)
    return list(reversed(applied))


# --- statements and who runs them ------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One statement a revision runs, with where it came from.

    `source` is the .sql file it was read from (None for a statement written in the
    revision, like a DROP TABLE); `obj` is the replaceable object whose body it installs, so
    that validation can find that body again after it moves to history/ (`as_of` is the
    revision whose body it is).
    """

    sql: str
    label: str
    source: Path | None = None
    checksum: str | None = None
    obj: ReplaceableObject | None = None
    as_of: str | None = None

    @classmethod
    def from_file(
        cls, path: Path, obj: ReplaceableObject | None = None, as_of: str | None = None
    ) -> Statement:
        text = path.read_text(encoding="utf-8")
        return cls(
            sql=read_sql_file(path),
            label=relative_path(path),
            source=path,
            checksum=file_checksum(text),
            obj=obj,
            as_of=as_of,
        )

    @property
    def is_compound(self) -> bool:
        """Whether the statement holds `;` (a routine or trigger body): the mariadb/mysql
        client then needs another DELIMITER to send it whole. Comment lines do not count."""
        code = (line for line in self.sql.splitlines() if not line.lstrip().startswith("--"))
        return any(";" in line for line in code)


class Executor(Protocol):
    """Whoever runs the statements of the revision being migrated."""

    database: str | None

    def run(self, statement: Statement) -> None: ...


_executors: list[Executor] = []


@contextmanager
def use_executor(executor: Executor) -> Iterator[Executor]:
    """Send the statements revisions run to `executor` while the block runs."""
    _executors.append(executor)
    try:
        yield executor
    finally:
        _executors.remove(executor)


def run_statement(statement: Statement) -> None:
    """Run one statement of the migration: through the active executor, if any."""
    if _executors:
        _executors[-1].run(statement)
    else:
        execute_now(statement)


def offline_text(statement: Statement) -> str:
    """The statement as the mariadb/mysql client reads it from a script."""
    if not statement.is_compound:
        return f"{statement.sql};"
    if OFFLINE_DELIMITER in statement.sql:
        raise ValueError(f"{statement.label} contains {OFFLINE_DELIMITER}, the offline delimiter")
    return f"DELIMITER {OFFLINE_DELIMITER}\n{statement.sql}{OFFLINE_DELIMITER}\nDELIMITER ;"


def execute_now(statement: Statement) -> None:
    """Execute the statement on the migration's connection, or write it out offline."""
    context = op.get_context()
    if context.as_sql:
        context.impl.static_output(f"-- {statement.label}\n{offline_text(statement)}")
    else:
        execute_verbatim(op.get_bind(), statement.sql)


def target_database() -> str:
    """The name of the database being migrated (also offline, where there is no server)."""
    if _executors and _executors[-1].database:
        return _executors[-1].database
    context = op.get_context()
    if context.as_sql:
        attributes = context.config.attributes if context.config else {}
        return str(attributes.get("database") or DEFAULT_DATABASE)
    return op.get_bind().exec_driver_sql("SELECT DATABASE()").scalar_one()


class _Collector:
    """An executor that only collects statements (planning and linting)."""

    def __init__(self, database: str | None, sink: list[Statement | str]) -> None:
        self.database = database
        self.sink = sink

    def run(self, statement: Statement) -> None:
        self.sink.append(statement)


class _SinkBuffer(io.StringIO):
    """Output buffer of a planning context: what Alembic's own operations (op.drop_column,
    op.execute, ...) would write offline lands in the sink, in order with our statements."""

    def __init__(self, sink: list[Statement | str]) -> None:
        super().__init__()
        self.sink = sink

    def write(self, text: str) -> int:
        if text.strip():
            self.sink.append(text.strip().removesuffix(";"))
        return len(text)


def _installed_context() -> MigrationContext | None:
    try:
        return op.get_context()
    except (AttributeError, NameError):  # no migration running: Alembic's op has no proxy
        return None


def plan(function: Callable[[], None], database: str | None) -> list[Statement | str]:
    """The statements `function` (a revision's upgrade or downgrade) would run, without
    running any: ours as Statements, those of Alembic's own operations as SQL text."""
    sink: list[Statement | str] = []
    context = MigrationContext.configure(
        dialect_name="mysql",
        opts={"as_sql": True, "output_buffer": _SinkBuffer(sink), "literal_binds": True},
    )
    outer = _installed_context()
    try:
        with Operations.context(context), use_executor(_Collector(database, sink)):
            function()
    finally:
        if outer is not None:
            # Operations.context removes op's proxy on exit: put the running migration's back.
            Operations(outer)._install_proxy()
    return sink


# --- helpers for revision files -------------------------------------------------------


def run_sql_file(path: Path) -> None:
    """Execute one hand-written .sql file (one statement) inside the running migration."""
    run_statement(Statement.from_file(path))


def create_tables(names: Iterable[str]) -> None:
    """Create tables from sql/ddl/tables/<name>.sql, in the order given."""
    for name in names:
        run_sql_file(tables_dir() / f"{name}.sql")


def drop_tables(names: Iterable[str]) -> None:
    """Drop tables in the order given (dependants first)."""
    for name in names:
        run_statement(Statement(sql=f"DROP TABLE `{name}`", label=f"DROP TABLE `{name}`"))


def create_indexes(names: Iterable[str]) -> None:
    """Create indexes from sql/ddl/indexes/<name>.sql, in the order given."""
    for name in names:
        run_sql_file(indexes_dir() / f"{name}.sql")


def drop_indexes(indexes: Iterable[tuple[str, str]]) -> None:
    """Drop (table, index) pairs in the order given."""
    for table, name in indexes:
        sql = f"DROP INDEX `{name}` ON `{table}`"
        run_statement(Statement(sql=sql, label=sql))


# --- replaceable objects: procedures, functions, triggers, views --------------------------
#
# The current body of an object is sql/ddl/routines/<name>.sql (or triggers/, sql/views/).
# A revision installs bodies "as of" itself. When a later revision changes an object, the
# body the earlier revision installed is kept as <dir>/history/<name>.<revision>.sql, so the
# earlier revision (never edited) still installs what it always did, and the later
# revision's downgrade puts that body back.

_OBJECT_DIRS = {"PROCEDURE": routines_dir, "FUNCTION": routines_dir, "TRIGGER": triggers_dir}


@dataclass(frozen=True)
class ReplaceableObject:
    """A procedure, function, trigger or view whose body lives in one .sql file."""

    kind: str
    name: str

    @property
    def directory(self) -> Path:
        return _OBJECT_DIRS.get(self.kind, views_dir)()

    def body_file(self, revision: str) -> Path:
        """The file holding the body that `revision` installs."""
        frozen = self.directory / "history" / f"{self.name}.{revision}.sql"
        return frozen if frozen.exists() else self.directory / f"{self.name}.sql"


def procedure(name: str) -> ReplaceableObject:
    return ReplaceableObject("PROCEDURE", name)


def function(name: str) -> ReplaceableObject:
    return ReplaceableObject("FUNCTION", name)


def trigger(name: str) -> ReplaceableObject:
    return ReplaceableObject("TRIGGER", name)


def view(name: str) -> ReplaceableObject:
    return ReplaceableObject("VIEW", name)


def drop_objects(objects: Iterable[ReplaceableObject]) -> None:
    """Drop the objects, last first (dependants before what they use)."""
    for obj in reversed(list(objects)):
        sql = f"DROP {obj.kind} IF EXISTS `{obj.name}`"
        run_statement(Statement(sql=sql, label=sql))


def install_objects(objects: Iterable[ReplaceableObject], revision: str) -> None:
    """(Re)install the objects with the bodies `revision` installs, in the order given.

    Upgrades pass their own revision; the downgrade of a revision that changed bodies
    passes the revision whose bodies it restores.
    """
    objects = list(objects)
    drop_objects(objects)
    for obj in objects:
        run_statement(Statement.from_file(obj.body_file(revision), obj=obj, as_of=revision))
