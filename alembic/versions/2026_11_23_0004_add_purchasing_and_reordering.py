"""Add purchasing and reordering: the stock position view, purchase orders and their
receipt, automatic restocking and demand-driven reorder parameters.

Why: stock must rise only through receipts traced to purchase order lines, never beyond
what was ordered; reordering tops each product and warehouse up to its target from the
right supplier, and the reorder parameters can follow the demand the ledger records.
Two small tables come with it: inventory_setting (one row: service level, history window,
ordering cost, holding rate, forecast smoothing) and reorder_run (the one row every
reorder run writes first, so concurrent runs, on one server or across a Galera cluster,
cannot order the same shortfall twice).
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("inventory_setting", "reorder_run")

OBJECTS = (
    migrate.view("stock_position"),
    migrate.view("reorder_supplier"),
    migrate.view("reorder_suggestion"),
    migrate.function("normal_quantile"),
    migrate.procedure("read_purchase_lines"),
    migrate.procedure("create_purchase_order"),
    migrate.procedure("send_purchase_order"),
    migrate.procedure("cancel_purchase_order"),
    migrate.procedure("receive_purchase_order"),
    migrate.procedure("reorder_stock"),
    migrate.procedure("compute_reorder_parameters"),
    migrate.procedure("recommend_reorder_parameters"),
    migrate.procedure("apply_reorder_parameters"),
)


def upgrade() -> None:
    migrate.create_tables(TABLES)
    migrate.run_sql_file(SQL_DIR / "data" / "inventory_setting.sql")
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
    migrate.drop_tables(reversed(TABLES))
