"""Add the sales procedures: place, ship (with invoice), cancel, return, counter sale.

Why: selling must reserve, issue and invoice stock in single transactions that never
oversell under concurrency; the rules live in the database so every client obeys them.
Orders take their lines as JSON; the public procedures own the transaction and share the
work through internal ones (create_sales_order, fulfil_sales_order, ...) that start none.
Stock changes go through post_stock_movement (revision 0002), rows locked in product order.
"""

from sims import migrate

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OBJECTS = (
    # Internal building blocks: they start no transaction; the public procedures own it.
    migrate.function("sales_order_line_problem"),
    migrate.procedure("lock_open_sales_order"),
    migrate.procedure("reserve_sales_order_stock"),
    migrate.procedure("create_sales_order"),
    migrate.procedure("fulfil_sales_order"),
    # Public procedures.
    migrate.procedure("place_sales_order"),
    migrate.procedure("ship_sales_order"),
    migrate.procedure("cancel_sales_order"),
    migrate.procedure("return_sales_order_line"),
    migrate.procedure("sell_at_counter"),
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
