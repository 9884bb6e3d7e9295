"""control_character_problem refuses the Unicode line and paragraph separators inside a code.

Why: a SKU, a supplier's SKU or a warehouse code must hold no line break, so that it can be
typed and printed on one line, but the check looked for [[:cntrl:]] only, which U+2028 (line
separator) and U+2029 (paragraph separator) are not in: pasted from a web page or a word
processor, they made a code no one could type. They are now looked for as their UTF-8 bytes
(a pattern with \\x{2028} would be stored by the server with its escape undone). At the ends
of a value trimmed_text already cut them ([[:space:]] holds them). The downgrade reinstalls
the body of revision 0035.
"""

from sims import migrate

revision = "0047"
down_revision = "0046"
branch_labels = None
depends_on = None

OBJECTS = (migrate.function("control_character_problem"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0035")
