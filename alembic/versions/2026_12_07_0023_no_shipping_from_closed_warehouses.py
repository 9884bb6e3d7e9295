"""Nothing ships from an inactive warehouse, and a run of reorder_stock holds its products.

Why: ship_sales_order shipped an order placed before its warehouse was made inactive,
although a counter sale there is refused and the warehouse "ships and receives only while
active"; cancelling such an order, and returns into the warehouse, stay allowed. And
reorder_stock reads its suggestions through a cursor that locks nothing (revision 0019), so a
product deleted (delete_product) between that read and the writing of its line failed the
whole run on the lines' foreign key (1452), which callers do not retry. The run now
share-locks the products it is about to order, dropping any deleted or discontinued since;
a delete_product that comes after waits for the run and then finds the product has history.
The downgrade reinstalls the previous bodies.
"""

from sims import migrate

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

SHIPPING = migrate.procedure("ship_sales_order")
REORDERING = migrate.procedure("reorder_stock")
OBJECTS = (SHIPPING, REORDERING)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((SHIPPING,), "0003")
    migrate.install_objects((REORDERING,), "0021")
