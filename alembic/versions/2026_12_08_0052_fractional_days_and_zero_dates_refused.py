"""History days that are not whole, and zero dates, are refused by name instead of taken.

Why: a review found two inputs taken without a word. recommend_reorder_parameters and
apply_reorder_parameters took the history window as an INT parameter, which rounds 2.5 days
to 3 and refuses 1e10 with a raw 1264: it is now a DOUBLE, checked by whole_number_problem
in compute_reorder_parameters, as the procedures' quantities are (revision 0022). pay_invoice
and refund_credit_note took a zero date (0 or '0000-00-00') for the payment or the refund:
now refused, naming it. The downgrade reinstalls the bodies of revisions 0031, 0004, 0050
and 0032.
"""

from sims import migrate

revision = "0052"
down_revision = "0051"
branch_labels = None
depends_on = None

OF_0031 = (migrate.procedure("compute_reorder_parameters"),)
OF_0004 = (migrate.procedure("recommend_reorder_parameters"),)
OF_0050 = (migrate.procedure("apply_reorder_parameters"),)
OF_0032 = (migrate.procedure("pay_invoice"), migrate.procedure("refund_credit_note"))
OBJECTS = OF_0031 + OF_0004 + OF_0050 + OF_0032


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OF_0031, "0031")
    migrate.install_objects(OF_0004, "0004")
    migrate.install_objects(OF_0050, "0050")
    migrate.install_objects(OF_0032, "0032")
