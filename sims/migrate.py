"""Alembic glue: configuration, upgrade and downgrade, and the helpers revisions call to run
the hand-written .sql files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from alembic import command, op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData
from sqlalchemy.engine import URL

from sims.config import (
    ALEMBIC_DIR,
    PROJECT_ROOT,
    ROUTINES_DIR,
    TABLES_DIR,
    TRIGGERS_DIR,
    VIEWS_DIR,
)
from sims.db import create_engine, execute_verbatim, read_sql_file

# The names STYLE.md gives constraints and indexes, so anything Alembic generates agrees.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",
    "uq": "uq_%(table_name)s__%(column_0_N_name)s",
    "ck": "ck_%(table_name)s__%(constraint_name)s",
    "fk": "fk_%(table_name)s__%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
METADATA = MetaData(naming_convention=NAMING_CONVENTION)


def alembic_config(url: str | URL | None = None) -> Config:
    """Alembic's configuration for this repository, bound to a database URL when given.

    The URL travels in `attributes`, not in the ini options, so a `%` in a password is safe.
    """
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    if url is not None:
        config.attributes["url"] = url
    return config


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Migrate the database up to `revision`."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | URL, revision: str = "-1") -> None:
    """Migrate the database down to `revision` (default: one revision)."""
    command.downgrade(alembic_config(url), revision)


@dataclass(frozen=True)
class RevisionState:
    """One revision of the chain and whether the database has it applied."""

    revision: str
    description: str
    applied: bool
    is_current: bool


def revision_states(url: str | URL) -> list[RevisionState]:
    """Every revision from base to head, oldest first, marked applied or pending."""
    script = ScriptDirectory.from_config(alembic_config(url))
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()
    applied: set[str] = set()
    for head in current:
        applied.update(rev.revision for rev in script.iterate_revisions(head, "base"))
    chain = list(reversed(list(script.walk_revisions("base", "heads"))))
    return [
        RevisionState(
            revision=rev.revision,
            description=(rev.doc or "").strip().splitlines()[0] if rev.doc else "",
            applied=rev.revision in applied,
            is_current=rev.revision in current,
        )
        for rev in chain
    ]


# --- helpers for revision files -------------------------------------------------------


def run_sql_file(path: Path) -> None:
    """Execute one hand-written .sql file (one statement) inside the running migration."""
    execute_verbatim(op.get_bind(), read_sql_file(path))


def create_tables(names: Iterable[str]) -> None:
    """Create tables from sql/ddl/tables/<name>.sql, in the order given."""
    for name in names:
        run_sql_file(TABLES_DIR / f"{name}.sql")


def drop_tables(names: Iterable[str]) -> None:
    """Drop tables in the order given (dependants first)."""
    for name in names:
        execute_verbatim(op.get_bind(), f"DROP TABLE `{name}`")


# --- replaceable objects: procedures, functions, triggers, views --------------------------
#
# The current body of an object is sql/ddl/routines/<name>.sql (or triggers/, sql/views/).
# A revision installs bodies "as of" itself. When a later revision changes an object, the
# body the earlier revision installed is kept as <dir>/history/<name>.<revision>.sql, so the
# earlier revision (never edited) still installs what it always did, and the later
# revision's downgrade puts that body back.

_OBJECT_DIRS = {"PROCEDURE": ROUTINES_DIR, "FUNCTION": ROUTINES_DIR, "TRIGGER": TRIGGERS_DIR}


@dataclass(frozen=True)
class ReplaceableObject:
    """A procedure, function, trigger or view whose body lives in one .sql file."""

    kind: str
    name: str

    @property
    def directory(self) -> Path:
        return _OBJECT_DIRS.get(self.kind, VIEWS_DIR)

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
        execute_verbatim(op.get_bind(), f"DROP {obj.kind} IF EXISTS `{obj.name}`")


def install_objects(objects: Iterable[ReplaceableObject], revision: str) -> None:
    """(Re)install the objects with the bodies `revision` installs, in the order given.

    Upgrades pass their own revision; the downgrade of a revision that changed bodies
    passes the revision whose bodies it restores.
    """
    objects = list(objects)
    drop_objects(objects)
    for obj in objects:
        run_sql_file(obj.body_file(revision))
