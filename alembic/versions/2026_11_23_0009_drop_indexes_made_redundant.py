"""Drop the two indexes that revision 0008's wider indexes made redundant.

Why: ix_stock_movement__occurred_at (occurred_at) is the leading column of
ix_stock_movement__occurred_at_product_id_change_qty, and ix_purchase_order_line__product_id
(product_id) of ix_purchase_order_line__product_id_received_qty_unit_cost. Every lookup the
narrow index served, the wide one serves (the foreign key on purchase_order_line.product_id
moves to it), while every stock movement and purchase order line written paid for both.
The downgrade creates them again from sql/ddl/indexes/ and rebuilds the indexes 0008 added
after them on the same tables, so each table lists its indexes in 0008's order again.
"""

from sims import migrate

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

REDUNDANT_INDEXES = (  # (table, index): the downgrade's file is sql/ddl/indexes/<index>.sql
    ("stock_movement", "ix_stock_movement__occurred_at"),
    ("purchase_order_line", "ix_purchase_order_line__product_id"),
)
# Revision 0008's indexes on those tables, created after the redundant ones, in 0008's order.
LATER_INDEXES = (
    ("purchase_order_line", "ix_purchase_order_line__product_id_received_qty_unit_cost"),
    ("stock_movement", "ix_stock_movement__movement_type_occurred_at"),
    ("stock_movement", "ix_stock_movement__occurred_at_product_id_change_qty"),
)


def upgrade() -> None:
    migrate.drop_indexes(REDUNDANT_INDEXES)


def downgrade() -> None:
    # The narrow indexes first: the product foreign key needs one of the two at every moment.
    migrate.create_indexes(name for _, name in REDUNDANT_INDEXES)
    migrate.drop_indexes(LATER_INDEXES)
    migrate.create_indexes(name for _, name in LATER_INDEXES)
