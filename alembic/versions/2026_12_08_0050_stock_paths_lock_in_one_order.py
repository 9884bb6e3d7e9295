"""Stock paths lock in one order: stock levels by primary key, warehouses before stock.

Why: two reviews' stress runs found deadlocks (each retried) and one error that was not.
- MariaDB's optimizer took ix_stock_level__warehouse_id for UPDATE stock_level ... WHERE
  product_id = ? AND warehouse_id = ? (both keys estimate one row), so a sale, reservation or
  adjustment locked that index entry before the row, while transfer_stock and
  record_stocktake lock the row first (SELECT ... FOR UPDATE, by primary key): a sale coming
  between a transfer's two row locks deadlocked with it (37 in 3,000 mixed calls). The
  updates in post_stock_movement, reserve_sales_order_stock, record_stocktake,
  set_reorder_parameters and apply_reorder_parameters now force the primary key.
- post_stock_movement wrote the ledger row with INSERT ... SELECT, which holds the table's
  auto-increment lock for the whole statement (innodb_autoinc_lock_mode 1, MariaDB's
  default): a transfer whose foreign key check waited for a warehouse being changed held up
  every stock movement in the database, and they failed with 1467. It reads the balance,
  then inserts VALUES.
- transfer_stock share-locks both warehouses, in id order, before the stock (the source's
  lock came from the ledger row's foreign key, after the stock rows); set_reorder_parameters
  share-locks the warehouse and the product it checks (a product being deleted ended it in a
  raw 1452, and one being discontinued could start being stocked).
The downgrade reinstalls the bodies of revisions 0031, 0043 and 0032.
"""

from sims import migrate

revision = "0050"
down_revision = "0049"
branch_labels = None
depends_on = None

OF_0031 = (
    migrate.procedure("post_stock_movement"),
    migrate.procedure("reserve_sales_order_stock"),
)
OF_0043 = (migrate.procedure("record_stocktake"), migrate.procedure("transfer_stock"))
OF_0032 = (
    migrate.procedure("set_reorder_parameters"),
    migrate.procedure("apply_reorder_parameters"),
)
OBJECTS = OF_0031 + OF_0043 + OF_0032


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OF_0031, "0031")
    migrate.install_objects(OF_0043, "0043")
    migrate.install_objects(OF_0032, "0032")
