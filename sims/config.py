"""Where things live and which database to use, with passwords masked for display."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
TABLES_DIR = SQL_DIR / "ddl" / "tables"
ROUTINES_DIR = SQL_DIR / "ddl" / "routines"
TRIGGERS_DIR = SQL_DIR / "ddl" / "triggers"
VIEWS_DIR = SQL_DIR / "views"
SCHEMA_SNAPSHOT = SQL_DIR / "schema.sql"
ALEMBIC_DIR = PROJECT_ROOT / "alembic"
STATE_DIR = PROJECT_ROOT / ".sims"
EMBEDDED_SERVER_HOME = STATE_DIR / "server"

DEFAULT_DATABASE = "sims"
DATABASE_URL_VARIABLE = "DATABASE_URL"


def configured_database_url() -> str | None:
    """The DATABASE_URL the user set, which replaces the embedded server entirely."""
    return os.environ.get(DATABASE_URL_VARIABLE) or None


def mask_password(url: str | URL) -> str:
    """The URL as text with its password replaced by ***, safe for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)
