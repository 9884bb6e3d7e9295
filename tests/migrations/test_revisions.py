"""The revision chain: one head, upgrades and downgrades that work and undo each other."""

from __future__ import annotations

from pytest_alembic.tests import test_single_head_revision
from sqlalchemy.engine import URL

from sims import migrate
from sims.config import ALEMBIC_DIR
from sims.roles import throwaway_database
from tests.migrations.conftest import dump

# pytest-alembic's test_upgrade and test_up_down_consistency walk the chain as the two
# walks below do, without comparing schemas: they would only repeat them, more slowly.
__all__ = ["test_single_head_revision"]


def test_downgrade_to_base_and_back_leaves_an_identical_schema(empty_database_url: URL) -> None:
    migrate.upgrade(empty_database_url)
    first = dump(empty_database_url)
    migrate.downgrade(empty_database_url, "base")
    assert "CREATE TABLE" not in dump(empty_database_url)
    migrate.upgrade(empty_database_url)
    assert dump(empty_database_url) == first


def test_every_revision_downgrades_to_exactly_the_schema_before_it(server_url: URL) -> None:
    script = migrate.script_directory()
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    with throwaway_database(server_url, prefix="sims_test") as url:
        schema_at = {None: dump(url)}
        for revision in revisions:
            migrate.upgrade(url, revision)
            schema_at[revision] = dump(url)
        for revision in reversed(revisions):
            migrate.downgrade(url, "-1")
            before = script.get_revision(revision).down_revision
            assert dump(url) == schema_at[before], f"downgrade of {revision}"


def test_every_revision_says_what_and_why() -> None:
    for path in sorted((ALEMBIC_DIR / "versions").glob("*.py")):
        text = path.read_text()
        assert "Why:" in text, f"{path.name}: the docstring must say why"
        assert "def downgrade() -> None:" in text, f"{path.name}: no downgrade"
        assert "NotImplementedError" not in text, f"{path.name}: a step is not written"
