"""Add the view product_unit_cost: the unit cost stock is valued at, written once.

Why: the saved queries stock_value and stock_value_over_time each carried the valuation rule
(the average cost paid per unit received, else the cheapest supplier offer, else 0), so a
change to it had to be made twice and the two could drift apart. The view holds the rule,
says which basis each product is valued on, and both queries read it. The downgrade drops
the view (the queries of then carried the rule themselves).
"""

from sims import migrate

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OBJECTS = (migrate.view("product_unit_cost"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(OBJECTS)
