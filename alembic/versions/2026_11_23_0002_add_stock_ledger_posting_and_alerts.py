"""Add stock-ledger posting, adjustments, stocktakes, transfers and low-stock alerts.

Why: on-hand stock must only change together with a ledger row, so the ledger always sums
to on hand; post_stock_movement is that single path, with a conditional update that never
lets stock go negative or below what is reserved. The triggers on stock_level keep exactly
one open stock_alert per product and warehouse while available stock is at or below the
reorder point, whatever changed it, and resolve it when stock recovers.
"""

from sims import migrate

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OBJECTS = (
    migrate.procedure("post_stock_movement"),
    migrate.procedure("adjust_stock"),
    migrate.procedure("record_stocktake"),
    migrate.procedure("transfer_stock"),
    migrate.trigger("stock_level__after_insert"),
    migrate.trigger("stock_level__after_update"),
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
