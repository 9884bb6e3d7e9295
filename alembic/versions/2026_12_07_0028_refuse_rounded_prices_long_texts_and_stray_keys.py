"""Refuse a rounded price, an over-long text and a stray purchase-line key, naming the value.

Why: prices were DECIMAL(12, 2) parameters, which round what they are given before any
check runs: add_product and update_product stored 12.345 as 12.35 and -0.001 as 0.00
without a word, and refused 100000000000 with a raw 1264. They are DOUBLE now, checked by
the new function amount_problem (0 to 9999999999.99, 2 decimals at most), as sales lines'
prices already were. Texts were VARCHAR parameters, which refuse a longer value with a raw
1406 before the checks: a reason (adjust_stock, record_stocktake, return_sales_order_line,
transfer_stock), a product name or a SKU is now LONGTEXT, measured by the new function
text_length_problem against its column. Purchase lines (read_purchase_lines) took any key and
read a key written twice as its first value, where most JSON readers take the last: like
sales lines, they may hold product_id and qty only, each once. receive_purchase_order with
no lines built them with JSON_ARRAYAGG, which MariaDB cuts at the session's
group_concat_max_len (an error past about 30,000 lines, or far fewer in a session that
lowered it): it lifts the limit for that statement. record_stocktake of a count below the
reserved quantity is refused in words of the count ("cancel orders for 10 units first"), not
as an adjustment of a change the caller never gave. transfer_stock reads the receiving
warehouse in its transaction, with a shared lock, so it cannot be made inactive meanwhile.
The downgrade reinstalls the bodies of revisions 0022, 0018, 0010 and 0004 and drops the
two functions.
"""

from sims import migrate

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

AMOUNT = migrate.function("amount_problem")
TEXT_LENGTH = migrate.function("text_length_problem")
NAME_CHECK = migrate.procedure("check_product_name")
ADDING = migrate.procedure("add_product")
UPDATING = migrate.procedure("update_product")
ADJUSTING = migrate.procedure("adjust_stock")
STOCKTAKE = migrate.procedure("record_stocktake")
RETURNING = migrate.procedure("return_sales_order_line")
TRANSFER = migrate.procedure("transfer_stock")
PURCHASE_LINES = migrate.procedure("read_purchase_lines")
RECEIVING = migrate.procedure("receive_purchase_order")
OBJECTS = (
    AMOUNT,
    TEXT_LENGTH,
    NAME_CHECK,
    ADDING,
    UPDATING,
    ADJUSTING,
    STOCKTAKE,
    RETURNING,
    TRANSFER,
    PURCHASE_LINES,
    RECEIVING,
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((ADDING, ADJUSTING, STOCKTAKE, RETURNING, TRANSFER), "0022")
    migrate.install_objects((PURCHASE_LINES,), "0018")
    migrate.install_objects((NAME_CHECK, UPDATING), "0010")
    migrate.install_objects((RECEIVING,), "0004")
    migrate.drop_objects((AMOUNT, TEXT_LENGTH))
