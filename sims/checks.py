"""Validation queries: saved queries in sql/queries/checks/ that return zero rows when the
data is sound."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from sims import queries

CHECKS_DIR = queries.QUERIES_DIR / "checks"


def run_checks(engine: Engine) -> dict[str, list[dict]]:
    """Each check's findings (rows), keyed by the check's name; all empty when sound."""
    return {
        name: queries.run(engine, check) for name, check in queries.catalogue(CHECKS_DIR).items()
    }
