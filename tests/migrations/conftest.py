"""Fixtures for the migration-safety tests: scratch databases (their server-global roles
dropped with them), a copy of the source tree to change files in, and a schema dump."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, Engine

from sims import migrate, roles
from sims.config import PROJECT_ROOT
from sims.db import create_engine
from sims.schema import dump_schema


def dump(url: URL) -> str:
    """The normalised schema of the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return dump_schema(conn)
    finally:
        engine.dispose()


@pytest.fixture
def scratch_url(server_url: URL) -> Iterator[URL]:
    """An empty database of this test's own; it and its roles are dropped afterwards."""
    with roles.throwaway_database(server_url, prefix="sims_test") as url:
        yield url


@pytest.fixture
def new_database(server_url: URL) -> Iterator[Callable[[], URL]]:
    """Makes more empty databases on demand; all are dropped, with their roles, after."""
    with ExitStack() as made:
        yield lambda: made.enter_context(roles.throwaway_database(server_url, prefix="sims_test"))


@pytest.fixture
def source_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of alembic/ and sql/ that migrations read instead of the repository, so a
    test can change, break or move files."""
    root = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PROJECT_ROOT / "alembic", root / "alembic", ignore=ignore)
    shutil.copytree(PROJECT_ROOT / "sql", root / "sql", ignore=ignore)
    monkeypatch.setattr(migrate, "ROOT", root)
    return root


@pytest.fixture(scope="module")
def clean_dump(engine: Engine) -> str:
    """The schema of a database migrated to head the ordinary way (the module's own)."""
    with engine.connect() as conn:
        return dump_schema(conn)
