"""update_customer, update_supplier: the application changes a customer's or supplier's details.

Why: add_customer (revision 0033) and add_supplier (0035) register them, but nothing changed
an address, a phone number or an e-mail address afterwards, except an account with UPDATE on
the tables, which the application role does not have. Each changes the values given (NULL
keeps one; a blank clears an optional text), checked as when they were added (the same
check_customer_details and check_supplier_details) and trimmed, and puts a clash with
another customer's e-mail address or another supplier's name in words. The downgrade drops
both.
"""

from sims import migrate

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("update_customer"), migrate.procedure("update_supplier"))


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
