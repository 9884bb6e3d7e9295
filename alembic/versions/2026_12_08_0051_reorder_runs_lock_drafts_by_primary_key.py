"""reorder_stock finds the draft to extend with a plain read and locks it by primary key.

Why: a review's stress run found reorder_stock's SELECT ... FOR UPDATE of the supplier's
auto draft going through the (supplier, status) index: it locked the index entries of the
supplier's drafts, manual ones too, and the gaps between, before the rows. send_purchase_order
and cancel_purchase_order lock a draft's row and then move its entry in that index, so they
deadlocked with a run (68 in 20 seconds of mixed calls, each retried), and a new purchase
order waiting for such a gap held up every other one. The run now takes its candidate from
a plain read (runs take turns, and every writer of auto drafts takes that turn too), locks
it by primary key alone and reads its status again, passing it by when it has been sent or
cancelled since, as cancel_auto_drafts does. It locks every draft it extends before it
writes a new one, whose insert share-locks the warehouse (holding it while waiting for a
draft being sent, queued behind a change of that warehouse, closed a deadlock of three);
and it writes new lines one by one with VALUES
(its INSERT ... SELECT and a draft's being written each waited for what the other held, the
table's auto-increment lock among them). A line whose whole packs come to more than an
order line holds (a target near the top of an INT) is refused by name, where the run failed
with a raw 1264. The downgrade reinstalls the body of 0048.
"""

from sims import migrate

revision = "0051"
down_revision = "0050"
branch_labels = None
depends_on = None

OBJECTS = (migrate.procedure("reorder_stock"),)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    migrate.install_objects(OBJECTS, "0048")
