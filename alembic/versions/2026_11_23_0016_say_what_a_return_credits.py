"""return_sales_order_line says what the return takes off the invoice.

Why: since revision 0015 the units a customer returns are no longer owed nor revenue, but
the clerk taking them back was not told what that is worth. The procedure's result now adds
the line's invoice and credited_amount: the returned units at the billed price, or 0 when the
invoice does not count (void; the rule is revenue_invoice's). Nothing else changes. The
downgrade reinstalls the body of revision 0003 (sql/ddl/routines/history/).
"""

from sims import migrate

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("return_sales_order_line"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0003")
