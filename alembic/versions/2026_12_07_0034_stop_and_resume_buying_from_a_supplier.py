"""set_supplier_active: stop or resume buying from a supplier, its auto drafts cancelled.

Why: a supplier was stopped by an UPDATE of supplier.is_active, which the application role
cannot make, and which left the drafts automatic reordering had written to the supplier in
place: hidden from on order while the supplier was inactive (they could not be sent), so the
next run ordered the same stock elsewhere, and counted again the day the supplier came back,
so the stock was on order twice. set_supplier_active cancels those drafts when it stops a
supplier (a draft a person wrote stays, and cannot be sent), locking the reorder_run row,
then the drafts, then the supplier, the order reorder_stock and send_purchase_order keep.
The downgrade drops it.
"""

from sims import migrate

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

SETTING = migrate.procedure("set_supplier_active")
OBJECTS = (SETTING,)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
