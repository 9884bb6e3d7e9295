"""Count revenue net of returns: units returned no longer count as sold or as revenue.

Why: a return put the units back in stock, but every reader of revenue still counted them
as sold, at the price billed, so a returned sale inflated top_sellers, abc_analysis,
monthly_sales_trend, top_customers and sales_by_category_month, and invoice_ageing asked
the customer to pay for goods they had brought back. revenue_invoice_line now gives, per
billed line, the units returned, the units kept (sold_qty) and the revenue of the kept
units (the returned ones credited at the billed price); revenue_invoice keeps only the rule
of which invoices count, so no gross amount is left under the name revenue. The sales view
is reinstalled for its comment. top_customers now ranks from the revenue lines, so the
index revision 0008 added for it, ix_invoice__status_sales_order_id_total_amount, serves no
query and is dropped (every invoice written paid for it). The downgrade creates the index
again (sql/ddl/indexes/) and reinstalls the bodies of revision 0012 (sql/views/history/).
"""

from sims import migrate

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

UNUSED_INDEXES = (("invoice", "ix_invoice__status_sales_order_id_total_amount"),)
OBJECTS = (
    migrate.view("revenue_invoice"),
    migrate.view("revenue_invoice_line"),
    migrate.view("sales_by_category_month"),
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)
    migrate.drop_indexes(UNUSED_INDEXES)


def downgrade() -> None:
    migrate.create_indexes(name for _, name in UNUSED_INDEXES)
    migrate.install_objects(OBJECTS, "0012")
