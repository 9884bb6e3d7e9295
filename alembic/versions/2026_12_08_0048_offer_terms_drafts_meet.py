"""set_supplier_offer refuses a minimum or pack size that a draft's quantity breaks.

Why: a draft purchase order is sent with the quantities it holds, written on the offer's
terms of the day (create_purchase_order refuses others, reorder_stock writes whole packs).
New terms were accepted whatever the drafts held, so a pack size changed from 6 to 12 left a
draft ordering 18 that send_purchase_order sent as it was; and reorder_stock, growing such a
line, added packs of the new size to the old quantity, still off the terms. Now
set_supplier_offer refuses terms that a draft of the supplier's for the product breaks,
naming the draft (change or cancel it first), and reorder_stock grows a line to the smallest
total on the offer's terms, which brings one written by hand back onto them. The validation
query draft_lines_off_terms reports draft lines off their offer: run it after upgrading, as
a draft already off its terms refuses every new term for its product (a price change too)
until the draft is changed or cancelled. It also refuses a minimum whose whole packs come to
more than an order line holds, and share-locks the supplier before the product, as
create_purchase_order does: a change of the supplier waiting for it between the two could
close a deadlock. The downgrade reinstalls set_supplier_offer of revision 0035 and
reorder_stock of 0032.
"""

from sims import migrate

revision = "0048"
down_revision = "0047"
branch_labels = None
depends_on = None

OFFERS = (migrate.procedure("set_supplier_offer"),)
REORDERING = (migrate.procedure("reorder_stock"),)
OBJECTS = OFFERS + REORDERING


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OFFERS, "0035")
    migrate.install_objects(REORDERING, "0032")
