"""A text is measured as it is stored: without tabs or line breaks at its ends.

Why: text_length_problem measured a text after TRIM, which cuts spaces only, while most
procedures store trimmed_text of the value, which cuts tabs and line breaks as well: a name
that fitted its column, pasted with a line break at the end, was refused as too long,
though what would have been stored fits. It now measures (and quotes) trimmed_text of the
value. The four procedures that still stored a movement's reason after TRIM (adjust_stock,
record_stocktake, return_sales_order_line, transfer_stock) now store trimmed_text of it,
so that what is measured is what is stored (a reason of a tab and 255 letters would
otherwise pass the check and fail at the column with a raw error), and adjust_stock counts
a reason of line breaks or tabs only as none. The downgrade reinstalls the bodies of
revisions 0031 (text_length_problem) and 0032 (the four procedures).
"""

from sims import migrate

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None

MEASURING = (migrate.function("text_length_problem"),)
STORING_REASONS = (
    migrate.procedure("adjust_stock"),
    migrate.procedure("record_stocktake"),
    migrate.procedure("return_sales_order_line"),
    migrate.procedure("transfer_stock"),
)
OBJECTS = MEASURING + STORING_REASONS


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(STORING_REASONS, "0032")
    migrate.install_objects(MEASURING, "0031")
