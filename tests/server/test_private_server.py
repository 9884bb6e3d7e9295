"""The embedded server: initialised once, reused while running, stopped cleanly."""

from __future__ import annotations

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

    started = server.start()
    assert started.running and started.port
    assert (home / "data" / "mysql").is_dir()
    pymysql.connect(host="127.0.0.1", port=started.port, user="root").close()

    assert server.start().pid == started.pid, "a running server is reused, not restarted"
    assert PrivateServer(home).status() == started, "status is read back from the files"

    assert server.stop() is True
    assert not server.status().running
    assert server.stop() is False


def test_missing_binaries_name_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_module, "find_program", lambda name: None)
    with pytest.raises(SimsError, match="mariadb-server"):
        server_module.find_server_program()
