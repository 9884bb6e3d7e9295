"""Ship and send read their warehouse under an explicit shared lock, as their comments now say.

Why: ship_sales_order and send_purchase_order checked that their warehouse is active with
`IF (SELECT is_active ...) = 0`, under a comment calling it a plain read that spares sales a
wait. MariaDB in fact share-locks what a subquery in IF reads, and that lock is what the
check needs: a warehouse being made inactive in another transaction makes the shipment wait
and then see it closed, where a plain read would ship from it on the old value. The read is
now `SELECT ... LOCK IN SHARE MODE`, so the lock no longer rests on how one server treats a
subquery (MySQL reads it without one), and the comment says what it does: the lock is
shared, as every sale's, so sales still do not wait for each other. The downgrade reinstalls
the bodies of revisions 0023 and 0021.
"""

from sims import migrate

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

SHIPPING = migrate.procedure("ship_sales_order")
SENDING = migrate.procedure("send_purchase_order")
OBJECTS = (SHIPPING, SENDING)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((SHIPPING,), "0023")
    migrate.install_objects((SENDING,), "0021")
