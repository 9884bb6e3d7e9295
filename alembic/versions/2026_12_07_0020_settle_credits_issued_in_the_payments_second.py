"""A credit note issued in the same second as its invoice's payment is settled by what happened.

Why: credit_note_settlement called a credit issued up to the second of the payment
`deducted`. When the payment came first and the return in the same second, the payment had
not settled the credit (it was not there yet), yet the view called it deducted: the customer,
who had paid in full, was owed the money back, but refund_credit_note refused it as deducted,
refunds_due left it out and no check saw it. Within the payment's second the view now asks
whether the payment settled the credit (a return locks the invoice, so a credit issued first
is always there to be settled); a credit the payment did not settle is owed back. A refund
must be dated after the payment, so that one can never look like the payment's settlement.
The downgrade reinstalls the bodies of revision 0017.
"""

from sims import migrate

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

OBJECTS = (migrate.view("credit_note_settlement"), migrate.procedure("refund_credit_note"))


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0017")
