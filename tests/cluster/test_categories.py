"""The category tests (tests/routines/test_categories.py), with calls spread over
the nodes: there the two moves that together would close a loop run on two nodes, where only
the conflict of their writes to the category_tree row keeps them apart."""

from tests.routines.test_categories import *  # noqa: F403

# Prove a session waiting for a row lock another holds: on a cluster a row lock on one node
# holds up no other node.
del test_a_move_waits_for_the_turn_another_move_holds  # noqa: F821
del test_a_product_filed_under_a_category_being_deleted_is_refused_in_words  # noqa: F821
