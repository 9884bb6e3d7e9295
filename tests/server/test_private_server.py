"""The embedded server: initialised once, reused while running, stopped cleanly."""

from __future__ import annotations

import os
from pathlib import Path

import pymysql
import pytest

from sims import server as server_module
from sims.errors import SimsError
from sims.server import PrivateServer


def test_start_status_reuse_and_stop(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = Path(tmp_path_factory.mktemp("server"))
    server = PrivateServer(home)
    assert not server.status().running
    try:
        started = server.start()
        assert started.running and started.port
        assert (home / "data" / "mysql").is_dir()
        pymysql.connect(host="127.0.0.1", port=started.port, user="root").close()

        assert server.start().pid == started.pid, "a running server is reused, not restarted"
        assert PrivateServer(home).status() == started, "status is read back from the files"

        assert server.stop() is True
        assert not server.status().running
        assert server.stop() is False

        with pytest.raises(SimsError, match="did not accept connections within 0 s"):
            server.start(timeout=0)
        assert server._process.poll() is not None, "a server that never came up is killed"
        assert not server.status().running
    finally:
        server.stop()


def test_initialising_leaves_the_temporary_files_of_others_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server deletes every #sql* file in its tmpdir as it starts: the temporary tables of
    another server initialising at the same moment, when both used the shared one (test
    workers starting their servers together failed so)."""
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    others = shared_tmp / "#sql-temptable-of-another-server.MAD"
    others.write_text("")
    monkeypatch.setenv("TMPDIR", str(shared_tmp))
    server = PrivateServer(tmp_path / "server")
    try:
        assert server.start().running
    finally:
        server.stop()
    assert others.exists()


def test_a_stale_pid_file_naming_another_process_is_not_the_server(tmp_path: Path) -> None:
    """After a reboot or a kill -9 the pid may belong to anything: here, this test."""
    server = PrivateServer(tmp_path)
    server.pid_file.write_text(str(os.getpid()))
    assert not server.status().running
    assert server.stop() is False  # and this process was not sent SIGTERM


def test_missing_binaries_name_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_module, "find_program", lambda name: None)
    with pytest.raises(SimsError, match="mariadb-server"):
        server_module.find_server_program()
