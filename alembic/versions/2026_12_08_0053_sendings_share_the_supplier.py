"""send_purchase_order share-locks the supplier instead of locking its row exclusively.

Why: the draft was read joined to its supplier with FOR UPDATE, which locked the supplier's
row exclusively: two drafts of one supplier could not be sent at once, a draft being written
for the supplier (create_purchase_order holds it shared) held up a sending, and a review of
revision 0051 used that queue to close deadlocks. The draft is locked alone
(lock_draft_purchase_order), and the supplier and the warehouse read with a shared lock by
check_purchase_order_parties, both of which set_purchase_order_line shares (the same
refusals, the same messages): set_supplier_active still cannot stop the supplier before the
order is sent. The downgrade reinstalls the body of revision 0032.
"""

from sims import migrate

revision = "0053"
down_revision = "0052"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("send_purchase_order"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0032")
