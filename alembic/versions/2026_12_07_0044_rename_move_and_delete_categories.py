"""update_category, move_category and delete_category keep the category tree.

Why: the application role, which changes data only through procedures, could add categories
(revision 0036) but not rename one, file it under another parent or remove one made by
mistake. A move is refused when the new parent lies within the category moved, which would
make the tree a loop; two moves checked at once could each pass that check and together
close a loop, so every move first writes the one row of the new table category_tree: on one
server the second waits for the first, on a Galera cluster the two writes conflict (1213)
and the one retried sees the other (the migration writes that row, as 0041 did reorder_run's:
callers waiting for a row that is not there yet lock only a gap, and do not take turns). A
category is deleted only when nothing is filed under it. The downgrade drops the procedures
and the table.
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

TABLES = ("category_tree",)

OBJECTS = (
    migrate.procedure("update_category"),
    migrate.procedure("move_category"),
    migrate.procedure("delete_category"),
)


def upgrade() -> None:
    migrate.create_tables(TABLES)
    migrate.run_sql_file(SQL_DIR / "data" / "category_tree_row.sql")
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
    migrate.drop_tables(reversed(TABLES))
