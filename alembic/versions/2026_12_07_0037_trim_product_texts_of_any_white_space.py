"""add_product, update_product, check_product_name: a SKU or name loses white space of any kind.

Why: the product procedures cut spaces only (TRIM), where the procedures since 0033 cut tabs
and line breaks as well (trimmed_text). A SKU pasted with a trailing line break was stored
with it, and was a second SKU beside the same code without one; a name of nothing but a tab
was not blank. They now trim as the others do and refuse a blank SKU or name through
blank_text_problem (revision 0035), the length checked first as everywhere, and a SKU with
a tab, line break or other control character inside it (control_character_problem). The
messages for what was refused before stay the same. The downgrade reinstalls the bodies of
revisions 0032 (add_product, update_product) and 0031 (check_product_name).
"""

from sims import migrate

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

NAMING = migrate.procedure("check_product_name")
PRODUCTS = (migrate.procedure("add_product"), migrate.procedure("update_product"))
OBJECTS = (NAMING, *PRODUCTS)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(PRODUCTS, "0032")
    migrate.install_objects((NAMING,), "0031")
