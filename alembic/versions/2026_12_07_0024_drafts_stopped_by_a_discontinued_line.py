"""A draft with a discontinued line is not on order and is not extended; discontinuing takes
turns with reordering; quantity refusals name the INT range and print the value in digits.

Why: since revision 0021 send_purchase_order refuses a draft with a line for a discontinued
product, but stock_position still counted that draft's other lines as on order, and
reorder_stock kept adding lines to it: the products on it were stuck, neither ordered nor
reordered. stock_position now leaves the whole draft out, and reorder_stock passes such an
auto draft by. The lines of discontinued products are taken off auto drafts (products
discontinued before 0021, or by a plain UPDATE, kept them), and auto drafts left empty are
cancelled. discontinue_product locked a product and then drafts, reorder_stock products and
then drafts in another order, so the two could deadlock (1213): discontinuing now first
takes its turn on the reorder_run row. whole_number_problem printed 1e15 for
1000000000000000 and refused -2147483648, which an INT holds, as over "at most 2147483647".
The downgrade reinstalls the previous bodies; the removed draft lines are not put back.
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

DESTRUCTIVE = (
    "removes the lines of discontinued products from auto-generated drafts, which can never "
    "be sent with them: proposals, never orders (the drafts left empty are cancelled)"
)

POSITION = migrate.view("stock_position")
REORDERING = migrate.procedure("reorder_stock")
DISCONTINUING = migrate.procedure("discontinue_product")
WHOLE_NUMBER = migrate.function("whole_number_problem")
OBJECTS = (POSITION, REORDERING, DISCONTINUING, WHOLE_NUMBER)


def upgrade() -> None:
    migrate.run_sql_file(SQL_DIR / "data" / "discontinued_lines_off_auto_drafts.sql")
    migrate.run_sql_file(SQL_DIR / "data" / "empty_auto_drafts.sql")
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((POSITION, DISCONTINUING), "0021")
    migrate.install_objects((REORDERING,), "0023")
    migrate.install_objects((WHOLE_NUMBER,), "0022")
