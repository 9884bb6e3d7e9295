"""Write sales and every stock movement in fewer statements, with the same checks.

Why: a sale's cost on the server follows the statements it runs more than the rows it writes
(docs/benchmarks.md), and three of them only repeated what another statement could do.
post_stock_movement read the new balance in a SELECT of its own before writing the ledger
row; it now reads it in the ledger row's INSERT ... SELECT (every stock path gains).
create_sales_order checked the customer and the warehouse in a query before inserting the
order; the insert itself now selects them, and only a refused insert reads them again to
name the bad value. A counter sale was written open and then marked shipped, order and
lines, in the same transaction; create_sales_order now writes it shipped and
fulfil_sales_order marks only placed orders shipped. fulfil_sales_order also walks an
order's lines in product order with one keyed read each instead of a cursor, which
materialised its result first. Messages, results and the lock order are unchanged.
The downgrade reinstalls the bodies of revisions 0002, 0003 and 0007
(sql/ddl/routines/history/).
"""

from sims import migrate

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

POSTING = migrate.procedure("post_stock_movement")
CREATING = migrate.procedure("create_sales_order")
FULFILLING = migrate.procedure("fulfil_sales_order")
OBJECTS = (POSTING, CREATING, FULFILLING)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((POSTING,), "0002")
    migrate.install_objects((CREATING,), "0003")
    migrate.install_objects((FULFILLING,), "0007")
