"""Internal routines run with their caller's rights (SQL SECURITY INVOKER).

Why: the application role holds EXECUTE on the whole database and no privilege on any table,
so that it changes data only through the public procedures, which check every rule. But the
internal routines ran with their definer's rights too, so the application could call them
directly and skip the checks they rely on their callers for: fulfil_sales_order issued the
stock of an open order and invoiced it while its reservation stayed and the order stayed
open, post_stock_movement wrote any movement to any stock level, each statement committed on
its own when the call ran in autocommit. Called from a public procedure, an invoker routine
runs with that procedure's definer's rights, as before; called by the application itself, it
has the application's rights, none on any table, so its first read or write is refused
(1142; 1044 for a temporary table) and nothing is written. Routine-level grants were the
other way, but dropping a routine drops its grants, and every revision that replaces a body
drops it. The bodies are unchanged. The downgrade reinstalls the bodies of revisions 0028,
0027, 0026, 0022, 0021, 0014 and 0003.
"""

from sims import migrate

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

AMOUNT = migrate.function("amount_problem")
TEXT_LENGTH = migrate.function("text_length_problem")
WHOLE_NUMBER = migrate.function("whole_number_problem")
SALES_LINE = migrate.function("sales_order_line_problem")
NAME_CHECK = migrate.procedure("check_product_name")
REORDER_CHECK = migrate.procedure("check_reorder_parameters")
DEMAND = migrate.procedure("compute_reorder_parameters")
PURCHASE_LINES = migrate.procedure("read_purchase_lines")
POSTING = migrate.procedure("post_stock_movement")
RESERVING = migrate.procedure("reserve_sales_order_stock")
LOCKING = migrate.procedure("lock_open_sales_order")
CREATING = migrate.procedure("create_sales_order")
FULFILLING = migrate.procedure("fulfil_sales_order")
OBJECTS = (
    AMOUNT,
    TEXT_LENGTH,
    WHOLE_NUMBER,
    SALES_LINE,
    NAME_CHECK,
    REORDER_CHECK,
    DEMAND,
    PURCHASE_LINES,
    POSTING,
    RESERVING,
    LOCKING,
    CREATING,
    FULFILLING,
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((AMOUNT, TEXT_LENGTH, NAME_CHECK, PURCHASE_LINES), "0028")
    migrate.install_objects((WHOLE_NUMBER,), "0027")
    migrate.install_objects((DEMAND,), "0026")
    migrate.install_objects((REORDER_CHECK,), "0022")
    migrate.install_objects((SALES_LINE, POSTING, CREATING), "0021")
    migrate.install_objects((FULFILLING,), "0014")
    migrate.install_objects((LOCKING, RESERVING), "0003")
