"""Refuse three kinds of bad input that slipped through the checks, each naming the value.

Why: a NULL product or warehouse id made the refusal's message NULL (CONCAT of a NULL), and
SIGNAL refuses a NULL message with an error of its own (1231), so adjust_stock,
record_stocktake and transfer_stock failed without saying why; transfer_stock given no
destination went on to a constraint error on the ledger. A purchase line's quantity written
with an exponent (25e-1), which MariaDB's JSON_TYPE calls an INTEGER, was rounded to a whole
number (3) and ordered or received; the sales lines already refused it. And a transfer
could move stock into an inactive warehouse, where no order can sell it and reordering does
not see it (taking stock out of one, to empty it, stays allowed). Every refusal rolls back
as before. The downgrade reinstalls the previous bodies.
"""

from sims import migrate

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

POSTING = migrate.procedure("post_stock_movement")
PURCHASE_LINES = migrate.procedure("read_purchase_lines")
STOCKTAKE = migrate.procedure("record_stocktake")
TRANSFER = migrate.procedure("transfer_stock")
OBJECTS = (POSTING, PURCHASE_LINES, STOCKTAKE, TRANSFER)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((POSTING,), "0014")
    migrate.install_objects((PURCHASE_LINES,), "0004")
    migrate.install_objects((STOCKTAKE, TRANSFER), "0002")
