"""update_warehouse: the application changes a warehouse's code, name, country or city.

Why: add_warehouse (revision 0036) opens a warehouse and set_warehouse_active (0040) closes
or reopens it, but nothing corrected a misspelt name or a code that changed, except an
account with UPDATE on the table, which the application role does not have. It changes the
values given (NULL keeps one; a blank city is cleared), checked as when the warehouse was
added: the rules move from add_warehouse into the internal check_warehouse_details, which
both now call (add_warehouse refuses the same values with the same messages), and a clash
with another warehouse's code is put in words. The downgrade drops the two new procedures
and reinstalls add_warehouse of revision 0036.
"""

from sims import migrate

revision = "0045"
down_revision = "0044"
branch_labels = None
depends_on = None

CHECKS = (migrate.procedure("check_warehouse_details"),)
ADDING = (migrate.procedure("add_warehouse"),)
UPDATING = (migrate.procedure("update_warehouse"),)
OBJECTS = CHECKS + ADDING + UPDATING


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(UPDATING)
    migrate.install_objects(ADDING, "0036")
    migrate.drop_objects(CHECKS)
