"""Discontinuing cancels the auto drafts it empties, and a huge quantity is refused by name.

Why: supplier_review.purchase_order_id refers to a purchase order, drafts included, so
discontinue_product deleting the auto draft it had emptied failed on that foreign key (1451)
and nothing was discontinued; such a draft is now cancelled, which no reference forbids and
the validation queries accept (only a cancelled order may have no lines). (Revision 0024's
own data step does the same now: it had not been applied outside development.) And
whole_number_problem printed a whole number through CAST(... AS DECIMAL(65, 0)), which fails
with an error of its own (1916 or 1264) from 1e65 on, so adjust_stock(..., 1e300, ...) said
nothing about the value; past DECIMAL's range the value is printed as it is. The downgrade
reinstalls the bodies of revisions 0025 and 0024.
"""

from sims import migrate

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

DISCONTINUING = migrate.procedure("discontinue_product")
WHOLE_NUMBER = migrate.function("whole_number_problem")
OBJECTS = (DISCONTINUING, WHOLE_NUMBER)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((DISCONTINUING,), "0025")
    migrate.install_objects((WHOLE_NUMBER,), "0024")
