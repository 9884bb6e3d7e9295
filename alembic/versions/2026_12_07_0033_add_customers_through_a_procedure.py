"""add_customer: the application registers customers through a procedure.

Why: the application role changes data only through procedures and holds no privilege on any
table, yet no procedure added a customer, so an application with that role could sell only
to the customers someone else had inserted by hand. add_customer checks the name, the e-mail
address (its shape, and that no customer has it: the unique key, put in words), the country
code (two letters, stored upper case) and the length of every text, then inserts the
customer in one transaction. Its texts lose white space of every kind at their ends (the new
function trimmed_text: TRIM cuts spaces only, and a line break at the end of an e-mail
address made it another address). The downgrade drops both.
"""

from sims import migrate

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

TRIMMING = migrate.function("trimmed_text")
ADDING = migrate.procedure("add_customer")
OBJECTS = (TRIMMING, ADDING)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
