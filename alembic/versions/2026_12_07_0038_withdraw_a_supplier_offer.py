"""withdraw_supplier_offer: a supplier's offer for a product is removed through a procedure.

Why: set_supplier_offer (revision 0035) records offers and their terms, but nothing removed
one, so an offer a supplier no longer made stayed, and automatic reordering kept buying on it
while it was the preferred or the cheapest. withdraw_supplier_offer removes it, refused while
a draft of that supplier holds the product (cancel the draft first), and takes its turn with
reorder_stock on the reorder_run row, so no run writes a draft from the offer meanwhile. The
downgrade drops it.
"""

from sims import migrate

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("withdraw_supplier_offer"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
