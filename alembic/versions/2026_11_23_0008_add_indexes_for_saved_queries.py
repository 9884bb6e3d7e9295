"""Add the indexes the saved queries need at scale 1.

Why: at scale 1 (a million order lines and stock movements) EXPLAIN of the saved queries
showed full scans and random-order joins: sales_by_category_month walked the order lines
product by product (192 s for monthly_sales_by_category), stock value read every purchase
order line and stock value over time every stock movement, supplier performance every
purchase order, top customers every invoice, slow movers every product's ledger. Each
index lives in sql/ddl/indexes/<name>.sql and lets a query read only the rows it needs, in
key order, most from the index alone. Adding indexes loses nothing; the downgrade drops them.
The view sales_by_category_month reaches the order lines only from their order (FORCE
INDEX): with fresh statistics the optimizer started from the categories and read the lines
product by product in random order (80 s against 10). The downgrade reinstalls the body of
revision 0005 (sql/views/history/).
"""

from sims import migrate

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEXES = (  # (table, index): the file is sql/ddl/indexes/<index>.sql
    ("sales_order", "ix_sales_order__status_shipped_at"),
    ("invoice", "ix_invoice__status_sales_order_id_total_amount"),
    ("purchase_order", "ix_purchase_order__status_supplier_id"),
    ("purchase_order_line", "ix_purchase_order_line__product_id_received_qty_unit_cost"),
    ("stock_movement", "ix_stock_movement__movement_type_occurred_at"),
    ("stock_movement", "ix_stock_movement__occurred_at_product_id_change_qty"),
)


OBJECTS = (migrate.view("sales_by_category_month"),)


def upgrade() -> None:
    migrate.create_indexes(name for _, name in INDEXES)
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0005")
    migrate.drop_indexes(reversed(INDEXES))
