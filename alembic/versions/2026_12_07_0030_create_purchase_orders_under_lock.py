"""create_purchase_order checks and inserts in one transaction, holding what it checked.

Why: it checked the supplier, the warehouse, the products and their offers with plain reads
before its transaction, then inserted the lines with an INSERT ... SELECT joined to the
offers. An offer withdrawn in between left its line out of the draft without a word (the
draft was written, one line short), and a product deleted in between failed the insert with
a raw 1452. It now starts its transaction first and share-locks the supplier, the warehouse,
the products and their offers (in product order, as a sale locks) before checking them, so a
change to any of them waits for the draft, or the draft sees it and refuses by name. Its
check that each product is stocked in the warehouse stays a plain read (SELECT ... INTO):
held, those stock-level locks made a receipt of an order for the same products, which
locks that order's lines and then their stock, deadlock with the draft's line insert. The
downgrade reinstalls the body of revision 0004.
"""

from sims import migrate

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

CREATING = migrate.procedure("create_purchase_order")
OBJECTS = (CREATING,)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0004")
