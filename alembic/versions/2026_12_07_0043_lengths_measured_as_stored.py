"""text_length_problem measures a text as stored: without tabs or line breaks at its ends.

Why: it measured the text after TRIM, which cuts spaces only, while every procedure stores
trimmed_text of the value, which cuts tabs and line breaks as well: a name that fitted its
column, pasted with a line break at the end, was refused as too long, though what would have
been stored fits. It now measures (and quotes) trimmed_text of the value. trimmed_text takes
one pass over the text since revision 0035, so measuring it costs no more than TRIM did.
The downgrade reinstalls the body of revision 0031.
"""

from sims import migrate

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None

OBJECTS = (migrate.function("text_length_problem"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0031")
