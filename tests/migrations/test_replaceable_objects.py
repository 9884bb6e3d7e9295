"""Procedures, functions and triggers through the revision chain: at every revision, on the
way up and on the way back down, each object's live body is the one the latest revision at
or below it installed. So a revision that changes a body installs the new one, and its
downgrade puts the previous one back (kept in <dir>/history/<name>.<revision>.sql). A
routine's rights (SQL SECURITY) count as part of its body."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import URL

from sims import migrate
from sims.db import create_engine, read_sql_file

# Views are left out: the server stores a view's definition rewritten, not as written.
_LIVE_ROUTINE = (
    "SELECT CONCAT('SQL SECURITY ', SECURITY_TYPE, CHAR(10), ROUTINE_DEFINITION) "
    "FROM information_schema.ROUTINES "
    "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = '{kind}' AND ROUTINE_NAME = %s"
)
_LIVE_BODY = {
    "PROCEDURE": _LIVE_ROUTINE.format(kind="PROCEDURE"),
    "FUNCTION": _LIVE_ROUTINE.format(kind="FUNCTION"),
    "TRIGGER": "SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS "
    "WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = %s",
}

Expected = dict[migrate.ReplaceableObject, str]  # object -> revision whose body is live


def expected_bodies_by_revision() -> list[tuple[str, Expected]]:
    """Oldest first: each revision, and which revision's body every object has there."""
    script = migrate.script_directory()
    chain = list(reversed(list(script.walk_revisions("base", "heads"))))
    states: list[tuple[str, Expected]] = []
    installed: Expected = {}
    for revision in chain:
        for obj in getattr(revision.module, "OBJECTS", ()):
            if obj.kind in _LIVE_BODY:
                installed[obj] = revision.revision
        states.append((revision.revision, dict(installed)))
    return states


# An executable comment (/*! ... */, an index hint sqlfluff cannot parse) is stored opened:
# the server keeps what it holds, without the markers.
_EXECUTABLE_COMMENT = re.compile(r"/\*!(.*?)\*/", re.DOTALL)


def written_body(obj: migrate.ReplaceableObject, revision: str) -> str:
    """The body (BEGIN ... END) of the file that `revision` installs for `obj`, after the
    rights it runs with when it is a routine, as _LIVE_BODY reads them."""
    text = read_sql_file(obj.body_file(revision))
    body = _EXECUTABLE_COMMENT.sub(r"\1", text[text.index("\nBEGIN\n") + 1 :].strip())
    if obj.kind == "TRIGGER":
        return body
    security = "INVOKER" if "\nSQL SECURITY INVOKER\n" in text else "DEFINER"
    return f"SQL SECURITY {security}\n{body}"


def live_bodies(url: URL, objects: Expected) -> dict[migrate.ReplaceableObject, str | None]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                obj: conn.exec_driver_sql(_LIVE_BODY[obj.kind], (obj.name,)).scalar()
                for obj in objects
            }
    finally:
        engine.dispose()


def assert_bodies(url: URL, revision: str, expected: Expected) -> None:
    live = live_bodies(url, expected)
    for obj, installed_by in expected.items():
        assert live[obj] is not None, f"at {revision}: {obj.kind} {obj.name} is missing"
        assert live[obj].strip() == written_body(obj, installed_by), (
            f"at {revision}: {obj.kind} {obj.name} does not have the body of revision "
            f"{installed_by}"
        )


def test_a_changed_body_is_kept_in_history_for_the_revision_that_installed_it() -> None:
    changed = [
        (obj, revision)
        for _, expected in expected_bodies_by_revision()
        for obj, revision in expected.items()
        if obj.body_file(revision).parent.name == "history"
    ]
    assert changed, "no revision has replaced a body yet: this spec would prove nothing"


@pytest.mark.parametrize("direction", ["up", "down"])
def test_every_revision_has_the_bodies_its_chain_installed(
    empty_database_url: URL, direction: str
) -> None:
    states = expected_bodies_by_revision()
    if direction == "up":
        migrate.downgrade(empty_database_url, "base")
        order = states
        move = migrate.upgrade
    else:
        migrate.upgrade(empty_database_url, "head")
        order = list(reversed(states))
        move = migrate.downgrade
    for revision, expected in order:
        move(empty_database_url, revision)
        assert_bodies(empty_database_url, revision, expected)
