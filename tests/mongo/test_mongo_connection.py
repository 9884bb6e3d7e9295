"""Without MONGODB_URI the mirror runs on the embedded server: SecantusDB in the command's
own process, its data kept in a store that the next command finds again; a store another
server holds open is refused with a message that says so."""

from __future__ import annotations

import pytest

from sims.errors import SimsError
from sims.mirror.connection import DEFAULT_DATABASE, MONGODB_URI_VARIABLE, mongo_database


def test_without_a_uri_the_embedded_server_keeps_the_data_in_its_store(tmp_path, monkeypatch):
    monkeypatch.delenv(MONGODB_URI_VARIABLE, raising=False)
    with mongo_database(storage=tmp_path) as db:
        assert db.name == DEFAULT_DATABASE
        db.probe.insert_one({"_id": 1, "kept": True})
        with (
            pytest.raises(SimsError, match="cannot open the embedded MongoDB store"),
            mongo_database(storage=tmp_path),
        ):
            pass
    with mongo_database(storage=tmp_path) as db:
        assert db.probe.find_one({"_id": 1}) == {"_id": 1, "kept": True}
