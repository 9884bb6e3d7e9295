"""add_warehouse, add_category: the application opens warehouses and grows the catalogue tree.

Why: the application role changes data only through procedures and holds no privilege on any
table, yet no procedure opened a warehouse or added a category, so a product could only be
filed under a category, and stocked in a warehouse, that someone had inserted by hand.
add_warehouse opens one (its code unique, case and accents aside, with no control character
inside); set_reorder_parameters then stocks products in it, as it already did for a
warehouse opened by hand. add_category adds a category at the top of the tree or under a
parent. The downgrade drops both.
"""

from sims import migrate

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("add_warehouse"), migrate.procedure("add_category"))


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
