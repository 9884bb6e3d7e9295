"""Create the core inventory tables.

Why: the catalogue (category, product, supplier, product_supplier), the parties (customer,
warehouse), stock (stock_level and its ledger stock_movement), the documents (sales and
purchase orders with their lines, invoices) and the follow-ups (stock_alert, supplier_review)
are the schema every later revision builds on. Each table's DDL is hand-written in
sql/ddl/tables/<table>.sql; this revision runs those files in foreign-key order and drops
the tables in reverse.
"""

from sims import migrate

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = (
    "category",
    "supplier",
    "customer",
    "warehouse",
    "product",
    "product_supplier",
    "stock_level",
    "sales_order",
    "sales_order_line",
    "purchase_order",
    "purchase_order_line",
    "invoice",
    "invoice_line",
    "stock_movement",
    "stock_alert",
    "supplier_review",
)


def upgrade() -> None:
    migrate.create_tables(TABLES)


def downgrade() -> None:
    migrate.drop_tables(reversed(TABLES))
