"""Computing the demand-driven reorder parameters no longer holds up sales.

Why: compute_reorder_parameters, behind recommend_reorder_parameters and
apply_reorder_parameters, read the stock levels with an INSERT ... SELECT and the sales
ledger through an UPDATE joined to a query; both are locking reads under REPEATABLE READ,
so it share-locked every stock level it read until the caller committed, and every sale,
receipt and adjustment, of any product, waited (a lock audit saw a sale of an unrelated
product time out behind a recommendation). Both reads now go through cursors, which lock
nothing, as reorder_stock's did in revision 0019; the numbers are the same. The downgrade
reinstalls the body of revision 0004.
"""

from sims import migrate

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("compute_reorder_parameters"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0004")
