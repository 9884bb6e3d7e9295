"""Refuse a fractional or oversized quantity passed to a procedure, naming it.

Why: the procedures took their quantities as INT parameters, and MariaDB rounds a value
bound to an INT parameter without a word: a stocktake of 2.5 recorded 3, a return of 1.5
units took back 2 (and credited them), an adjustment of 0.4 was refused as "got 0", and a
reorder point of 1.5 was stored as 2. A value past the INT range (3000000000) failed with a
raw 1264 before any check ran, and a reorder point plus reorder quantity past it failed
on the target column. The quantities are now DOUBLE parameters, checked first by the new
function whole_number_problem (a whole number within the INT range) and refused with a
message naming the value; check_reorder_parameters also bounds the target. JSON order lines
already refused such values. The downgrade reinstalls the previous bodies and drops the
function.
"""

from sims import migrate

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

WHOLE_NUMBER = migrate.function("whole_number_problem")
REORDER_CHECK = migrate.procedure("check_reorder_parameters")
ADDING = migrate.procedure("add_product")
REORDER_PARAMETERS = migrate.procedure("set_reorder_parameters")
ADJUSTING = migrate.procedure("adjust_stock")
STOCKTAKE = migrate.procedure("record_stocktake")
TRANSFER = migrate.procedure("transfer_stock")
RETURNING = migrate.procedure("return_sales_order_line")
OBJECTS = (
    WHOLE_NUMBER,
    REORDER_CHECK,
    ADDING,
    REORDER_PARAMETERS,
    ADJUSTING,
    STOCKTAKE,
    TRANSFER,
    RETURNING,
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((REORDER_CHECK, ADDING, REORDER_PARAMETERS), "0010")
    migrate.install_objects((ADJUSTING,), "0002")
    migrate.install_objects((STOCKTAKE, TRANSFER), "0018")
    migrate.install_objects((RETURNING,), "0017")
    migrate.drop_objects((WHOLE_NUMBER,))
