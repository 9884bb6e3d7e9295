"""set_purchase_order_line: a buyer changes a draft purchase order line by line before sending.

Why: a draft, whether a buyer's or one reorder_stock proposed, could only be sent as it was
or cancelled: a quantity to change, a product to add or one to take off meant cancelling
the draft and writing it again (and set_supplier_offer, since revision 0048, asks for just
that when new terms break a draft's quantity). The new procedure sets one product's quantity
on a draft, 0 taking its line off, checked as create_purchase_order checks a line: those
checks move from create_purchase_order into the internal check_purchase_lines, which both
now call (the same refusals, the same messages), as they call show_purchase_order for their
result; set_purchase_order_line locks the draft and refuses a stopped supplier's or closed
warehouse's draft as send_purchase_order does (lock_draft_purchase_order and
check_purchase_order_parties, which 0053 makes it share); both write a draft's header and
lines with VALUES (an INSERT ... SELECT holds the table's auto-increment lock for as long as
its insert waits, and every other draft waited with it). withdraw_supplier_offer, refused
while a draft holds the product, now says the product may be taken off the draft as well.
The downgrade drops the five new procedures and reinstalls create_purchase_order of
revision 0032 and withdraw_supplier_offer of 0038.
"""

from sims import migrate

revision = "0049"
down_revision = "0048"
branch_labels = None
depends_on = None

CHECKS = (
    migrate.procedure("check_purchase_lines"),
    migrate.procedure("check_purchase_order_parties"),
    migrate.procedure("lock_draft_purchase_order"),
    migrate.procedure("show_purchase_order"),
)
CREATING = (migrate.procedure("create_purchase_order"),)
CHANGING = (migrate.procedure("set_purchase_order_line"),)
WITHDRAWING = (migrate.procedure("withdraw_supplier_offer"),)
OBJECTS = CHECKS + CREATING + CHANGING + WITHDRAWING


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(WITHDRAWING, "0038")
    migrate.drop_objects(CHANGING)
    migrate.install_objects(CREATING, "0032")
    migrate.drop_objects(CHECKS)
