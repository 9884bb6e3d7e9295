"""The reorder_run row is written by the migration, not by the first reorder run.

Why: reorder_stock, discontinue_product, set_supplier_active, set_warehouse_active,
set_supplier_offer and withdraw_supplier_offer take turns by locking the one reorder_run
row, but the first reorder run wrote that row. Until then each found no row: its read took
only a lock on the gap where the row would go, and gap locks do not exclude one another, so
the callers did not take turns at all. The row is now written here, with no run counted
(reorder_stock adds to it as before). The downgrade leaves the row: a run would have
written the same.
"""

from sims import migrate
from sims.config import SQL_DIR

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migrate.run_sql_file(SQL_DIR / "data" / "reorder_run_row.sql")


def downgrade() -> None:
    """Nothing to undo: see the module's docstring."""
