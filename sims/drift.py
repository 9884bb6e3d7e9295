"""Drift and forward engineering.

`db diff` compares a live database with the reviewed snapshot sql/schema.sql, object by
object: missing (in the snapshot, not in the database), extra (in the database only) and
changed (with a unified diff). `db clone` builds a second database on the same server
from the migrations, at the first one's revision, and proves the two identical by
comparing their dumps.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from sims import migrate, roles
from sims.config import SCHEMA_SNAPSHOT, mask_password
from sims.db import (
    create_database,
    create_engine,
    database_name,
    drop_database,
    quote_identifier,
    with_database,
)
from sims.errors import SimsError
from sims.schema import OBJECT_KINDS, dump_schema, snapshot_flavor

_OBJECT_HEADER = re.compile(rf"^-- ({'|'.join(OBJECT_KINDS)}): (\S+)$", re.MULTILINE)
MISSING, EXTRA, CHANGED = "missing", "extra", "changed"


def split_dump(text: str) -> dict[tuple[str, str], str]:
    """(kind, name) -> the object's statement, from a dump_schema text."""
    matches = list(_OBJECT_HEADER.finditer(text))
    objects = {}
    for match, following in itertools.pairwise([*matches, None]):
        end = following.start() if following else len(text)
        objects[(match.group(1), match.group(2))] = text[match.end() : end].strip() + "\n"
    return objects


@dataclass(frozen=True)
class ObjectDifference:
    kind: str
    name: str
    status: str
    diff: str = ""

    def describe(self) -> str:
        head = f"{self.status:<8} {self.kind} {self.name}"
        return f"{head}\n{self.diff}" if self.diff else head


def compare_dumps(
    expected: str, actual: str, expected_name: str, actual_name: str
) -> list[ObjectDifference]:
    """Per-object differences between two dumps, in kind and name order."""
    want, have = split_dump(expected), split_dump(actual)
    differences = []
    for key in sorted(want.keys() | have.keys()):
        kind, name = key
        if key not in have:
            differences.append(ObjectDifference(kind, name, MISSING))
        elif key not in want:
            differences.append(ObjectDifference(kind, name, EXTRA))
        elif want[key] != have[key]:
            diff = "".join(
                difflib.unified_diff(
                    want[key].splitlines(keepends=True),
                    have[key].splitlines(keepends=True),
                    fromfile=f"{expected_name} ({kind} {name})",
                    tofile=f"{actual_name} ({kind} {name})",
                )
            )
            differences.append(ObjectDifference(kind, name, CHANGED, diff))
    return differences


def object_counts(dump: str) -> dict[str, int]:
    counts = Counter(kind for kind, _ in split_dump(dump))
    return {kind: counts[kind] for kind in ("table", "view", "procedure", "function", "trigger")}


def live_dump(url: str | URL) -> tuple[str, tuple[str, ...]]:
    """The database's dump and its Alembic heads."""
    database_name(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return dump_schema(conn), migrate.MigrationContext.configure(conn).get_current_heads()
    finally:
        engine.dispose()


@dataclass
class DiffReport:
    database: str
    revisions: tuple[str, ...]
    notes: list[str] = field(default_factory=list)
    differences: list[ObjectDifference] = field(default_factory=list)


def diff_database(url: str | URL, snapshot: Path = SCHEMA_SNAPSHOT) -> DiffReport:
    """Compare the live database with the snapshot file."""
    expected = snapshot.read_text(encoding="utf-8")
    actual, heads = live_dump(url)
    report = DiffReport(database=mask_password(url), revisions=heads)
    want, have = snapshot_flavor(expected), snapshot_flavor(actual)
    if want != have:
        report.notes.append(
            f"the snapshot was written from {want}, the database is on {have}: SHOW CREATE "
            "prints differently there, so some differences may be only how it prints"
        )
    head = migrate.script_directory().get_current_head()
    if tuple(heads) != (head,):
        report.notes.append(
            f"the database is at revision {', '.join(heads) or 'none'}, the snapshot "
            f"describes the newest revision, {head}"
        )
    report.differences = compare_dumps(expected, actual, snapshot.name, "database")
    return report


@dataclass
class CloneReport:
    source: str
    target: str
    revisions: tuple[str, ...]
    counts: dict[str, int]
    differences: list[ObjectDifference]


def clone_database(source_url: str | URL, name: str) -> CloneReport:
    """Create database `name` on the source's server, migrate it to the source's revision
    and compare the two schemas. A clone whose migration fails is dropped again, with the
    roles its migration made: half a schema proves nothing."""
    quote_identifier(name)  # refuses a bad name before anything is created
    source = make_url(source_url)
    if name == source.database:
        raise SimsError(f"cannot clone database {name} onto itself: choose another name")
    server = with_database(source, None)
    engine = create_engine(server)
    try:
        with engine.connect() as conn:
            exists = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s",
                (name,),
            ).scalar_one()
            # Left by a database of that name dropped earlier: the clone would take them over,
            # and dropping them after a failure would drop what it did not make.
            leftover = [r for r in roles.role_names(name).values() if roles.role_exists(conn, r)]
    finally:
        engine.dispose()
    if exists:
        raise SimsError(f"database {name} already exists: drop it or choose another name")
    if leftover:
        raise SimsError(
            f"roles of a database {name} already exist ({', '.join(leftover)}): drop them or "
            "choose another name"
        )
    before, heads = live_dump(source)
    if not heads:
        raise SimsError(
            f"database {source.database} has no migration revision applied: there is nothing "
            "to clone (migrate it first)"
        )
    target = create_database(server, name)
    try:
        for head in heads:
            migrate.upgrade(target, head)
    except BaseException:
        drop_database(server, name)
        roles.drop_database_roles(server, name)
        raise
    after, _ = live_dump(target)
    return CloneReport(
        source=mask_password(source),
        target=mask_password(target),
        revisions=heads,
        counts=object_counts(after),
        differences=compare_dumps(before, after, source.database or "source", name),
    )
