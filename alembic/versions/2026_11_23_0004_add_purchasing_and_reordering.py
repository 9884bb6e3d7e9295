"""Add purchasing and reordering: the stock position view, purchase order receipt,
automatic restocking and demand-driven reorder parameters.

Why: stock must rise only through receipts traced to purchase order lines, never beyond
what was ordered; reordering tops each product and warehouse up to its target from the
right supplier, and the reorder parameters can follow the demand the ledger records.
"""

from sims import migrate

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OBJECTS = (migrate.view("stock_position"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
