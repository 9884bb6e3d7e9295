"""Three pairs of procedures that could deadlock take their locks in one order.

Why: each of these deadlocked on one server (1213):
- A sale lowering one product and a stock recovery of the next (a receipt, a return, a
  cancel, an adjustment) in the same warehouse: the alert trigger's INSERT ... ON DUPLICATE
  KEY UPDATE X-locked the next entry of stock_alert's unique key, the next product's, and the
  resolve, selecting by status, locked that product's resolved alerts too. The trigger now
  inserts plainly (a duplicate, an alert already open, is caught) and resolves by the unique
  key itself, so each touches only its own stock level's entries.
- discontinue_product and a receipt of a sent order with a line for the product: it X-locked
  every line of the product, sent orders' included, and every purchase order (its last
  DELETE scanned the table). It now locks only the auto drafts it changes, each draft before
  its line, as receipts and reorder runs lock an order before its lines.
- delete_product and a sale of the product: it locked the stock levels and then the product;
  a sale locks the product (shared) and then the stock. The product now comes first.
The downgrade reinstalls the previous bodies.
"""

from sims import migrate

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

ALERT_TRIGGER = migrate.trigger("stock_level__after_update")
DISCONTINUING = migrate.procedure("discontinue_product")
DELETING = migrate.procedure("delete_product")
OBJECTS = (ALERT_TRIGGER, DISCONTINUING, DELETING)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((ALERT_TRIGGER,), "0002")
    migrate.install_objects((DISCONTINUING,), "0024")
    migrate.install_objects((DELETING,), "0005")
