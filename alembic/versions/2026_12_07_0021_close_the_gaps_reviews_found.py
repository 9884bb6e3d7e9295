"""Close gaps a review found in the sales lines, the ledger and purchasing.

Why: a review found each of these, object by object:
- sales_order_line_problem: a line key written with a JSON escape ("q\\u0074y") or written
  twice was passed over by the checks (JSON_EXTRACT) but read by JSON_TABLE, which writes
  the line, so an unchecked quantity or price was ordered (a fraction rounded, a negative
  one reaching a constraint error). A line may now hold product_id, qty and unit_price only,
  each once. create_sales_order, place_sales_order and sell_at_counter take the lines as
  LONGTEXT: an order over 64 KB of JSON failed with a raw 1406.
- post_stock_movement: a change taking on hand past the INT column's 2147483647 failed with a
  raw 1264; it is refused, naming the product, the stock and the change.
- stock_position: a draft counted as on order even when it could never be sent (supplier or
  warehouse made inactive, product discontinued), so it held the position up for good and
  reordering never ordered from the supplier that could deliver. Such drafts no longer count.
- send_purchase_order: refuses an order into an inactive warehouse and a line for a
  discontinued product (create_purchase_order refuses both already).
- discontinue_product: takes the product's lines off the drafts automatic reordering wrote
  (and a draft left without lines); they would have restocked a product no longer sold.
- reorder_stock: a line that grows on an existing draft added the supplier's minimum order
  again, on top of a line that already met it (100 + 100 ordered where 160 was the target).
The downgrade reinstalls the previous bodies.
"""

from sims import migrate

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

LINE_CHECK = migrate.function("sales_order_line_problem")
ORDER_WRITER = migrate.procedure("create_sales_order")
PLACING = migrate.procedure("place_sales_order")
COUNTER_SALE = migrate.procedure("sell_at_counter")
POSTING = migrate.procedure("post_stock_movement")
POSITION = migrate.view("stock_position")
SENDING = migrate.procedure("send_purchase_order")
DISCONTINUING = migrate.procedure("discontinue_product")
REORDERING = migrate.procedure("reorder_stock")
OBJECTS = (
    LINE_CHECK,
    ORDER_WRITER,
    PLACING,
    COUNTER_SALE,
    POSTING,
    POSITION,
    SENDING,
    DISCONTINUING,
    REORDERING,
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects((LINE_CHECK, PLACING, COUNTER_SALE), "0003")
    migrate.install_objects((ORDER_WRITER,), "0014")
    migrate.install_objects((POSTING,), "0018")
    migrate.install_objects((POSITION, SENDING), "0004")
    migrate.install_objects((DISCONTINUING,), "0005")
    migrate.install_objects((REORDERING,), "0019")
