"""whole_number_problem prints a huge quantity as 1e63, keeping its message within 128 characters.

Why: it printed a whole number outside INT's range in digits as far as DECIMAL(65) goes, so
a quantity of 1e63 named in a message of a long-named quantity ('adjustment quantity',
'minimum order quantity') made a message of up to 135 characters, past the 128 MySQL
signals: MySQL refuses such a SIGNAL with an error of its own (MariaDB cuts nothing, so the
tests here, which hold every message to 128, first saw it with set_supplier_offer). It now
prints digits below 1e20 only, and the number as it is from there. The downgrade
reinstalls the body of revision 0031.
"""

from sims import migrate

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

OBJECTS = (migrate.function("whole_number_problem"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0031")
