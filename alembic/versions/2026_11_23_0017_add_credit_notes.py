"""Add credit notes: a return is credited on a numbered document, and its settlement kept.

Why: since revision 0015 returned units are no longer revenue nor owed, and since 0016 a
return says what it credits, but nothing kept that credit: a customer who returned goods
after paying was owed money that no table recorded, and no one could record paying it
back. credit_note holds one credit per return on an invoice that counts (the returned units
at the billed price) and when it was settled; credit_note_settlement derives from the
invoice whether it was deducted (issued before the payment) or is owed back (issued after);
return_sales_order_line issues the credit note in the return's transaction and names it;
pay_invoice settles the credits it paid net of; refund_credit_note settles one owed back.
Returns recorded before this revision get their credit notes, dated when the goods came
back (sql/data/credit_notes_for_past_returns.sql); those on invoices paid before them show
as refunds due, since no refund of them was recorded. The downgrade reinstalls the bodies
of return_sales_order_line (revision 0016) and pay_invoice (0013) and drops the rest.
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("credit_note",)

ADDED = (migrate.view("credit_note_settlement"), migrate.procedure("refund_credit_note"))
RETURN = migrate.procedure("return_sales_order_line")
PAY = migrate.procedure("pay_invoice")
OBJECTS = (*ADDED, RETURN, PAY)


def upgrade() -> None:
    migrate.create_tables(TABLES)
    migrate.run_sql_file(SQL_DIR / "data" / "credit_notes_for_past_returns.sql")
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((RETURN,), "0016")
    migrate.install_objects((PAY,), "0013")
    migrate.drop_objects(ADDED)
    migrate.drop_tables(reversed(TABLES))
