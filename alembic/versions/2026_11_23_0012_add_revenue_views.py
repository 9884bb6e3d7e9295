"""Add the views revenue_invoice and revenue_invoice_line: what counts as revenue, written once.

Why: the rule "a void invoice is not revenue" was written in two of the five places that
sum revenue (the view sales_by_category_month and the saved query top_customers) and missing
from the other three (top_sellers, abc_analysis, monthly_sales_trend), which counted a void
invoice's lines as sales. revenue_invoice holds the rule; revenue_invoice_line gives the
lines of those invoices; the sales view and the five queries read them. The downgrade puts
back the body of sales_by_category_month that revision 0008 installed (sql/views/history/)
and drops the two views.
"""

from sims import migrate

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

RULE = (migrate.view("revenue_invoice"), migrate.view("revenue_invoice_line"))
READERS = (migrate.view("sales_by_category_month"),)
OBJECTS = RULE + READERS


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(READERS, "0008")
    migrate.drop_objects(RULE)
