"""Add the procedures pay_invoice and void_invoice: an invoice's life after it is issued.

Why: an invoice was issued when its order shipped and then nothing could change it except a
hand-written UPDATE, so invoice_ageing listed every invoice as unpaid forever and a void
invoice (which revenue_invoice leaves out of revenue) could only be made by hand, with no
check that it was not paid already. pay_invoice records a payment in full (issued to paid,
dated no earlier than the invoice and not in the future); void_invoice cancels an issued
invoice. Paid and void are final. The downgrade drops both procedures.
"""

from sims import migrate

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("pay_invoice"), migrate.procedure("void_invoice"))


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
