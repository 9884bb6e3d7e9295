"""Where things live and which database to use, with passwords masked for display."""

from __future__ import annotations

import argparse
import inspect
import logging
import os
import re
from pathlib import Path
from urllib.parse import quote

import pymysql
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from sims.errors import SimsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
SCHEMA_SNAPSHOT = SQL_DIR / "schema.sql"
ALEMBIC_DIR = PROJECT_ROOT / "alembic"
STATE_DIR = PROJECT_ROOT / ".sims"
EMBEDDED_SERVER_HOME = STATE_DIR / "server"

DEFAULT_DATABASE = "sims"
DATABASE_URL_VARIABLE = "DATABASE_URL"


def configured_database_url() -> str | None:
    """The DATABASE_URL the user set, which replaces the embedded server entirely."""
    url = os.environ.get(DATABASE_URL_VARIABLE) or None
    if url is None:
        return None
    url = normalise_url(url)
    register_secret(url)
    if problem := url_problem(url):
        raise SimsError(f"{DATABASE_URL_VARIABLE} {mask_secrets(url)}: {problem}")
    return url


# The options a database URL's query may carry: those PyMySQL's connect() takes, and the TLS
# ones SQLAlchemy gathers into its `ssl` argument.
_CONNECT_OPTIONS = frozenset(inspect.signature(pymysql.connections.Connection).parameters) | {
    "ssl_capath", "ssl_cipher", "ssl_check_hostname",
}  # fmt: skip


def url_problem(url: str) -> str | None:
    """What keeps the URL from being one a connection can use, in words (None when sound):
    checked where a URL comes in, as PyMySQL would fail on it with a traceback later."""
    try:
        parsed = make_url(url)
        port = parsed.port
    except ArgumentError:
        return "it does not parse as a database URL (mysql+pymysql://...)"
    except ValueError:
        return "its port is not a number"
    if port is not None and not 0 < port < 65536:
        return f"port {port} is not between 1 and 65535"
    # (Another driver's URL is refused as such when an engine is made: its options are its own.)
    if parsed.get_driver_name() != "pymysql":
        return None
    if unknown := sorted(set(parsed.query) - _CONNECT_OPTIONS):
        return f"PyMySQL takes no option {', '.join(unknown)}"
    return None


# --- passwords: never shown --------------------------------------------------------------

# scheme://user:PASSWORD@ : the password runs to the last @ of the word, as people mean it
# when a password holds a raw @.
_URL_CREDENTIALS = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"]*:)\S*@")
_URL_PARTS = re.compile(r"^(?P<head>[^:/]+://[^:/@]*:)(?P<password>.*)@(?P<rest>[^@]*)$", re.S)
_SECRETS: set[str] = set()
SHORTEST_SECRET = 4  # shorter strings would mask ordinary words


def normalise_url(url: str) -> str:
    """The URL with any raw @ in its password percent-encoded, so it parses as meant: a
    URL parser would otherwise take the text after the first @ for the host (and put part
    of the password in its error messages)."""
    match = _URL_PARTS.match(url)
    if not match or "@" not in match["password"]:
        return url
    return f"{match['head']}{match['password'].replace('@', '%40')}@{match['rest']}"


# user:PASSWORD@host in a URL that does not parse (a scheme without ://, no scheme at all).
_LOOSE_CREDENTIALS = re.compile(r"^(?:[^:/@\s]*:?/+)?[^:/@\s]*:(?P<password>.+)@[^@]*$", re.S)


def register_secret(url: str | URL) -> None:
    """Remember the URL's password, so mask_secrets hides it wherever it appears."""
    try:
        password = make_url(url).password
    except Exception:  # an unparsable URL: find user:password@ in it as best we can
        match = _LOOSE_CREDENTIALS.match(str(url))
        password = match["password"] if match else None
    if password and len(str(password)) >= SHORTEST_SECRET:
        _SECRETS.update({str(password), quote(str(password), safe="")})
    as_written = _URL_PARTS.match(str(url))  # the password as typed, before %-decoding
    if as_written and len(as_written["password"]) >= SHORTEST_SECRET:
        _SECRETS.add(as_written["password"])


def database_url_argument(text: str) -> str:
    """A database URL given on the command line (--url): normalised like DATABASE_URL and
    its password registered for masking, before anything can print it."""
    url = normalise_url(text)
    register_secret(url)
    if problem := url_problem(url):
        raise argparse.ArgumentTypeError(f"{mask_secrets(url)}: {problem}")
    return url


def mask_secrets(text: str) -> str:
    """The text with every URL password, and every registered password, replaced by ***."""
    text = _URL_CREDENTIALS.sub(r"\1***@", text)
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def mask_password(url: str | URL) -> str:
    """The URL as text with its password replaced by ***, safe for messages and logs
    (also when the password holds @ or %, and when the URL does not parse)."""
    text = url.render_as_string(hide_password=False) if isinstance(url, URL) else str(url)
    return mask_secrets(text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks passwords in every record it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_secrets(record.getMessage())
        record.args = None
        return True
