"""Validation queries: SQL files that return zero rows when the data is sound."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from sims.config import SQL_DIR
from sims.db import execute_verbatim, read_sql_file

CHECKS_DIR = SQL_DIR / "queries" / "checks"


def check_files() -> list[Path]:
    """Every validation query, by name."""
    return sorted(CHECKS_DIR.glob("*.sql"))


def run_checks(engine: Engine) -> dict[str, list[dict]]:
    """Each check's findings (rows), keyed by the check's name; all empty when sound."""
    findings: dict[str, list[dict]] = {}
    with engine.connect() as conn:
        for path in check_files():
            result = execute_verbatim(conn, read_sql_file(path))
            findings[path.stem] = [dict(row._mapping) for row in result]
    return findings
