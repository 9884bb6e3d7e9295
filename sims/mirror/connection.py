"""Which MongoDB the mirror uses: the one MONGODB_URI (or --uri) names; without one, an
in-process MongoDB-wire-protocol server (SecantusDB, installed with the development extra)
that keeps its data under .sims/mongo/, so one command's export is there for the next."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import BulkWriteError, PyMongoError, ServerSelectionTimeoutError

from sims.config import STATE_DIR, mask_secrets
from sims.errors import SimsError

MONGODB_URI_VARIABLE = "MONGODB_URI"
EMBEDDED_MONGO_HOME = STATE_DIR / "mongo"
DEFAULT_DATABASE = "sims"  # when the URI names none
SERVER_SELECTION_TIMEOUT_MS = 5000


@contextmanager
def embedded_server(storage: Path) -> Iterator[str]:
    """SecantusDB serving `storage` from a thread of this process, on a free loopback port;
    yields its URI and stops it afterwards."""
    try:
        from secantus import SecantusDBServer
    except ImportError:
        raise SimsError(
            f"{MONGODB_URI_VARIABLE} is not set and the embedded MongoDB server (SecantusDB) "
            f"is not installed: set {MONGODB_URI_VARIABLE}=mongodb://HOST:27017/sims, or "
            "install the development extra (pip install -e '.[dev]')"
        ) from None
    storage.mkdir(parents=True, exist_ok=True)
    try:
        # No replica set: a standalone server, which skips the change-stream oplog.
        server = SecantusDBServer(
            host="127.0.0.1", port=0, storage_path=str(storage), replica_set_name=None
        )
    except Exception as exc:  # WiredTiger refuses a store another process has open
        raise SimsError(
            f"cannot open the embedded MongoDB store {storage}: {exc} (another sims command "
            f"may be using it; wait for it, or set {MONGODB_URI_VARIABLE})"
        ) from exc
    server.start()
    try:
        yield server.uri
    finally:
        server.stop()


def configured_uri(uri: str | None = None) -> str | None:
    """The URI given, else MONGODB_URI, else None (the embedded server)."""
    return uri or os.environ.get(MONGODB_URI_VARIABLE) or None


@contextmanager
def mongo_database(
    uri: str | None = None, storage: Path = EMBEDDED_MONGO_HOME
) -> Iterator[Database]:
    """The mirror's database: the URI's (default `sims`) on the server it names, or on the
    embedded server when there is no URI. MongoDB errors reach the caller as SimsError."""
    uri = configured_uri(uri)
    with ExitStack() as stack:
        if uri is None:
            uri = stack.enter_context(embedded_server(storage))
        try:
            client: MongoClient = MongoClient(
                uri, serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS
            )
            stack.callback(client.close)
            yield client.get_default_database(DEFAULT_DATABASE)
        except ServerSelectionTimeoutError:
            raise SimsError(
                f"no MongoDB server answered at {mask_secrets(uri)} within "
                f"{SERVER_SELECTION_TIMEOUT_MS // 1000} s: check {MONGODB_URI_VARIABLE} or --uri"
            ) from None
        except BulkWriteError as exc:  # its text holds every refused document in full
            errors = exc.details.get("writeErrors") or [{"errmsg": str(exc)}]
            raise SimsError(
                f"MongoDB at {mask_secrets(uri)} refused {len(errors)} write(s), the first: "
                f"{errors[0].get('errmsg')}"
            ) from exc
        except PyMongoError as exc:
            raise SimsError(f"MongoDB at {mask_secrets(uri)}: {mask_secrets(str(exc))}") from exc
