"""set_warehouse_active: close or reopen a warehouse, its auto drafts cancelled.

Why: a warehouse was closed by an UPDATE of warehouse.is_active, which the application role
cannot make, and which left the drafts automatic reordering had written for it in place:
they could never be sent, and counted as on order the day it reopened. set_warehouse_active
cancels them as it closes the warehouse, and says what is left there to deal with (open
sales orders, orders due, stock on hand). The walk over the auto drafts, which
set_supplier_active made itself, moves into the internal cancel_auto_drafts that both call
(set_supplier_active behaves as before). The downgrade drops the new routines and
reinstalls set_supplier_active's body of revision 0034.
"""

from sims import migrate

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None

CANCELLING = migrate.procedure("cancel_auto_drafts")
SUPPLIERS = migrate.procedure("set_supplier_active")
WAREHOUSES = migrate.procedure("set_warehouse_active")
OBJECTS = (CANCELLING, SUPPLIERS, WAREHOUSES)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects((WAREHOUSES,))
    migrate.install_objects((SUPPLIERS,), "0034")
    migrate.drop_objects((CANCELLING,))
