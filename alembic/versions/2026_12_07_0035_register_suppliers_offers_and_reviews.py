"""add_supplier, set_supplier_offer, review_supplier: the application keeps its suppliers.

Why: the application role changes data only through procedures and holds no privilege on any
table, yet no procedure added a supplier, recorded what a supplier offers and on what terms,
or rated a supplier, so automatic reordering could only ever buy from suppliers and on terms
someone had inserted by hand, and supplier_performance had no way to hear of a review.
set_supplier_offer writes an offer or its new terms; making one preferred makes the
product's others not preferred. It takes its turn with reorder_stock on the reorder_run row,
then locks the product, then its offers. review_supplier rates a supplier, or one of its
deliveries (an order of that supplier, something of it received, reviewed once). The checks
add_customer made itself move into functions the new procedures share: blank_text_problem,
email_problem and country_code_problem (add_customer's messages stay the same), beside
control_character_problem for codes and flag_problem for 0-or-1 arguments (revision 0040's
set_supplier_active and set_warehouse_active call it too); check_customer_details and
check_supplier_details hold the rules for a customer's and a supplier's details, which
revision 0042's updates share.
trimmed_text cuts with patterns anchored at the start (the end's on the reversed text): its
pattern anchored at the end took time with the square of a long run of white space inside a
text, so callers had to check lengths and TRIM first. The downgrade drops the new routines
and reinstalls the bodies of revision 0033 (add_customer, trimmed_text).
"""

from sims import migrate

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

TRIMMING = migrate.function("trimmed_text")
CHECKS = (
    migrate.function("blank_text_problem"),
    migrate.function("control_character_problem"),
    migrate.function("email_problem"),
    migrate.function("country_code_problem"),
    migrate.function("flag_problem"),
    migrate.procedure("check_customer_details"),
    migrate.procedure("check_supplier_details"),
)
ADDING_CUSTOMERS = migrate.procedure("add_customer")
KEEPING_SUPPLIERS = (
    migrate.procedure("add_supplier"),
    migrate.procedure("set_supplier_offer"),
    migrate.procedure("review_supplier"),
)
OBJECTS = (TRIMMING, *CHECKS, ADDING_CUSTOMERS, *KEEPING_SUPPLIERS)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.drop_objects(KEEPING_SUPPLIERS)
    migrate.install_objects((TRIMMING, ADDING_CUSTOMERS), "0033")
    migrate.drop_objects(CHECKS)
