"""Fulfil sales orders with record locks only, so concurrent sales stop waiting on each other.

Why: fulfil_sales_order (revision 0003) marked lines shipped with `UPDATE ... WHERE
sales_order_id = ?` and copied them into the invoice with `INSERT ... SELECT`; under
REPEATABLE READ both lock the index gap after the newest order, so every other sale's new
lines waited for this sale's COMMIT: all sales were serialised. The new body reads the lines
without locking and writes them, and the invoice lines, one by one by primary key.
The downgrade reinstalls the body of revision 0003 (sql/ddl/routines/history/).
"""

from sims import migrate

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("fulfil_sales_order"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0003")
