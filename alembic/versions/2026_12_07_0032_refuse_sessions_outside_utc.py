"""Every procedure that writes refuses a session whose time zone is not UTC, naming it.

Why: the procedures date rows with UTC_TIMESTAMP(), but created_at and updated_at take their
defaults from the session's clock in the session's time_zone. sims sets '+00:00' on its own
connections; any other client (an application's driver, the mariadb client on a server
whose system zone is, say, Europe/Berlin) wrote local times into those two columns beside
UTC ones in the same row, without a word. The new internal procedure check_session_time_zone
compares the session's clock with UTC (the offset, not the zone's name) and each public
procedure that writes calls it first, before its transaction, so a refused call has written
nothing and committed nothing the session had pending. The downgrade reinstalls the bodies
of revisions 0030 back to 0003 and drops the check.
"""

from sims import migrate

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

TIME_ZONE_CHECK = migrate.procedure("check_session_time_zone")
# The public procedures that write, by the revision that installed their previous body.
CHECKING = {
    "0030": ("create_purchase_order",),
    "0029": ("ship_sales_order", "send_purchase_order"),
    "0028": (
        "add_product",
        "update_product",
        "adjust_stock",
        "record_stocktake",
        "transfer_stock",
        "return_sales_order_line",
        "receive_purchase_order",
    ),
    "0027": ("discontinue_product",),
    "0025": ("delete_product",),
    "0024": ("reorder_stock",),
    "0022": ("set_reorder_parameters",),
    "0021": ("place_sales_order", "sell_at_counter"),
    "0020": ("refund_credit_note",),
    "0017": ("pay_invoice",),
    "0013": ("void_invoice",),
    "0004": ("cancel_purchase_order", "apply_reorder_parameters"),
    "0003": ("cancel_sales_order",),
}
OBJECTS = (
    TIME_ZONE_CHECK,
    *(migrate.procedure(name) for names in CHECKING.values() for name in names),
)


def upgrade() -> None:
    migrate.install_objects(OBJECTS, revision)


def downgrade() -> None:
    for previous, names in CHECKING.items():
        migrate.install_objects([migrate.procedure(name) for name in names], previous)
    migrate.drop_objects((TIME_ZONE_CHECK,))
