"""reorder_stock reads the suggestions without locking the stock they come from.

Why: the run copied reorder_suggestion into its temporary table with INSERT ... SELECT,
which under REPEATABLE READ is a locking read: it took a shared lock on every stock level
and open purchase line behind the view and kept them until the run committed, so while a
run was filling its drafts every sale, receipt and adjustment waited for it (and a receipt
could deadlock with it). The new body reads the view through a cursor, a consistent read
that locks nothing; runs still take turns on the reorder_run row, written before the first
read, so a second run still sees the first run's drafts. The downgrade reinstalls the body
of revision 0004.
"""

from sims import migrate

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

REORDER = migrate.procedure("reorder_stock")
OBJECTS = (REORDER,)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((REORDER,), "0004")
