"""Test harness: one server per test worker, one freshly migrated database per test module.

The server is, in this order: SIMS_TEST_DATABASE_URL when set (an account that may create
and drop databases; the workers share it, each database being its own); a MariaDB container
when a Docker daemon answers; otherwise a private throwaway server started from the local
mariadbd/mysqld binaries, its files in memory where there is room. pytest-xdist runs the
test files on several workers at once (pyproject.toml), each a session of its own with its
own server and migrated template; the cluster suite runs in one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, Engine, make_url

from sims import migrate, roles
from sims.db import create_engine, execute_verbatim, with_database
from sims.server import PrivateServer
from tests import client_programs

CONTAINER_IMAGE = os.environ.get("SIMS_TEST_IMAGE", "mariadb:10.11")


GiB = 1024**3
TEST_SERVER_PREFIX = "sims-test-server-"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """With -n auto (the default), the cluster suite (-m cluster) runs in one process: its
    session starts the one cluster, shares it among the modules, kills nodes in the fault
    drill and stops it."""
    selected = config.option.markexpr
    return 0 if "cluster" in selected and "not cluster" not in selected else None


def memory_directory() -> str | None:
    """Where a private test server keeps its files: /dev/shm, which lives in memory, when it
    has room (2 GiB free there, and 4 GiB of memory available for up to four workers'
    servers), else (None) the usual temporary directory. Its data is thrown away after the
    run, so nothing is lost there, and every test module's database created and dropped
    costs file syncs on a disk (a third of the suite's time here)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        return None
    remove_abandoned_servers(shm)
    if shutil.disk_usage(shm).free > 2 * GiB and memory_available() > 4 * GiB:
        return str(shm)
    return None


def memory_available() -> int:
    """MemAvailable of /proc/meminfo in bytes; 0 where it cannot be read."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def remove_abandoned_servers(directory: Path) -> None:
    """Remove the files of test servers that a killed run left in `directory` (no server
    running, untouched for an hour): in memory they would hold it until the machine
    restarts. A younger one may be another worker's server still initialising."""
    for home in directory.glob(f"{TEST_SERVER_PREFIX}*"):
        abandoned = time.time() - home.stat().st_mtime > 3600
        if abandoned and not PrivateServer(home).status().running:
            shutil.rmtree(home, ignore_errors=True)


def docker_answers() -> bool:
    """Whether a Docker daemon responds (honours DOCKER_HOST; a stale socket is a no)."""
    try:
        import docker

        docker.from_env(timeout=2).ping()
    except Exception:  # any failure to reach a daemon means: no container
        return False
    return True


@pytest.fixture(scope="session")
def server_url() -> Iterator[URL]:
    """A server account that may create and drop databases, with no database selected."""
    if url := os.environ.get("SIMS_TEST_DATABASE_URL"):
        yield with_database(url, None)
    elif docker_answers():
        from testcontainers.community.mysql import MySqlContainer

        with MySqlContainer(
            CONTAINER_IMAGE, username="root", password="test", dialect="pymysql"
        ) as container:
            yield with_database(container.get_connection_url(), None)
    else:
        home = Path(tempfile.mkdtemp(prefix=TEST_SERVER_PREFIX, dir=memory_directory()))
        server = PrivateServer(home)
        try:
            yield make_url(server.start().url())
        finally:
            server.stop()
            shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def empty_database_url(server_url: URL) -> Iterator[URL]:
    """A database of this module's own, with nothing in it."""
    with roles.throwaway_database(server_url, prefix="sims_test") as url:
        yield url


@pytest.fixture(scope="session")
def migrated_dump(server_url: URL) -> Iterator[str | None]:
    """A database migrated to head once per session, as a dump script: loading it (with
    the client program) takes a third of the time migrating does. None when the dump and
    client programs are not installed here; each module then migrates its own database."""
    if client_programs.DUMP is None or client_programs.CLIENT is None:
        yield None
        return
    with roles.throwaway_database(server_url, prefix="sims_test_template") as url:
        migrate.upgrade(url)
        yield client_programs.dump_database(url)


@pytest.fixture(scope="module")
def database_url(server_url: URL, migrated_dump: str | None) -> Iterator[URL]:
    """A database of this module's own, migrated to head: a copy of the session's migrated
    database (its schema, its migration journal and roles of its own), else migrated."""
    with roles.throwaway_database(server_url, prefix="sims_test") as url:
        if migrated_dump is None:
            migrate.upgrade(url)
        else:
            copy_migrated_database(url, migrated_dump)
        yield url


def copy_migrated_database(url: URL, dump: str) -> None:
    loaded = client_programs.pipe_into_client(url, dump, "--comments")  # keep those in bodies
    assert loaded.returncode == 0, f"loading the migrated database failed: {loaded.stderr}"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in roles.role_statements(url.database):
                execute_verbatim(conn, statement.sql)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def engine(database_url: URL) -> Iterator[Engine]:
    """An engine on the module's migrated database."""
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def runner_on_test_database(database_url: URL) -> Iterator[None]:
    """Point the runner at this module's database (never the embedded one). Command modules
    use it for all their tests:
    `pytestmark = pytest.mark.usefixtures("runner_on_test_database")`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))
        yield


# --- pytest-alembic: each of its tests gets an empty database of its own ---------------


@pytest.fixture
def alembic_config() -> object:
    return migrate.alembic_config()


@pytest.fixture
def alembic_engine(server_url: URL) -> Iterator[Engine]:
    with roles.throwaway_database(server_url, prefix="sims_test_alembic") as url:
        engine = create_engine(url)
        yield engine
        engine.dispose()
