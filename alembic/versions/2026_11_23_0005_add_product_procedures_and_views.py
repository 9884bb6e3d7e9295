"""Add product maintenance procedures and the reporting views.

Why: products are added, changed, discontinued and deleted through procedures that keep
history intact; the views give analysts and the runner a stable layer over the tables.
add_product stocks a new product in every active warehouse with its reorder parameters;
delete_product refuses a product with any history (discontinue it instead). The views
inventory_overview and low_stock build on stock_position (revision 0004);
supplier_performance and sales_by_category_month summarise purchasing and sales.
"""

from sims import migrate

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OBJECTS = (
    migrate.procedure("add_product"),
    migrate.procedure("update_product"),
    migrate.procedure("set_reorder_parameters"),
    migrate.procedure("discontinue_product"),
    migrate.procedure("delete_product"),
    migrate.view("inventory_overview"),
    migrate.view("low_stock"),
    migrate.view("supplier_performance"),
    migrate.view("sales_by_category_month"),
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
