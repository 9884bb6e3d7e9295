"""update_supplier_review, delete_supplier_review: a review written wrong is corrected or removed.

Why: review_supplier (revision 0035) writes a review, and a delivery is reviewed once, so a
rating mistyped or a review of the wrong delivery stayed in the supplier's score, and that
delivery could not be reviewed again, except through an account with UPDATE or DELETE on
the table, which the application role does not have. The rating, the reviewer's name and
the words are corrected as they were checked when written: the rules move from
review_supplier into the internal check_review_details, which both now call (the same
refusals, the same messages). The downgrade drops the three new procedures and reinstalls
review_supplier of revision 0035.
"""

from sims import migrate

revision = "0046"
down_revision = "0045"
branch_labels = None
depends_on = None

CHECKS = (migrate.procedure("check_review_details"),)
REVIEWING = (migrate.procedure("review_supplier"),)
CORRECTING = (
    migrate.procedure("update_supplier_review"),
    migrate.procedure("delete_supplier_review"),
)
OBJECTS = CHECKS + REVIEWING + CORRECTING


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(CORRECTING)
    migrate.install_objects(REVIEWING, "0035")
    migrate.drop_objects(CHECKS)
