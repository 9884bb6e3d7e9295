"""Add credit notes: a return is credited on a numbered document, and a refund is recorded.

Why: since revision 0015 returned units are no longer revenue nor owed, and since 0016 a
return says what it credits, but nothing kept that credit: a customer who returned goods
after paying was owed money that no table recorded, and no one could record paying it
back. credit_note holds one credit per return on an invoice that counts (the returned units
at the billed price); credit_note_settlement derives from the invoice whether it was
deducted from an unpaid invoice or is owed back (the invoice was paid when it was issued);
refund_credit_note records the refund; return_sales_order_line issues the credit note in
the return's transaction and names it. Returns recorded before this revision get their
credit notes, dated when the goods came back (sql/data/credit_notes_for_past_returns.sql);
those on invoices paid by then show as refunds due, since no refund of them was recorded.
The downgrade reinstalls the return body of revision 0016 and drops the rest.
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("credit_note",)

ADDED = (migrate.view("credit_note_settlement"), migrate.procedure("refund_credit_note"))
CHANGED = (migrate.procedure("return_sales_order_line"),)
OBJECTS = ADDED + CHANGED


def upgrade() -> None:
    migrate.create_tables(TABLES)
    migrate.run_sql_file(SQL_DIR / "data" / "credit_notes_for_past_returns.sql")
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(CHANGED, "0016")
    migrate.drop_objects(ADDED)
    migrate.drop_tables(reversed(TABLES))
