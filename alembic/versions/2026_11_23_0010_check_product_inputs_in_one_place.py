"""Check product names and reorder parameters in one place each.

Why: add_product and update_product each carried the rule for a sound product name (not
blank, at most the 200 characters product.name holds), and add_product and
set_reorder_parameters each carried the rule for reorder parameters (a point and a quantity
of 0 or more); a change to either rule had to be made twice. The new internal procedures
check_product_name and check_reorder_parameters hold them, and the three procedures call
them, with the same messages as before. The downgrade puts back the bodies of revision 0005
(sql/ddl/routines/history/) and drops the two checks.
"""

from sims import migrate

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CHECKS = (
    migrate.procedure("check_product_name"),
    migrate.procedure("check_reorder_parameters"),
)
CALLERS = (
    migrate.procedure("add_product"),
    migrate.procedure("update_product"),
    migrate.procedure("set_reorder_parameters"),
)
OBJECTS = CHECKS + CALLERS


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(CALLERS, "0005")
    migrate.drop_objects(CHECKS)
