"""`runner.py invoice pay|void|refund`: record an invoice's payment, void it, or record the
refund of a credit note owed back on it, through the database's procedures; each prints the
invoice or credit note as it now stands."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier, moment
from sims.commands.procedures import call_and_print


def pay(args: argparse.Namespace) -> None:
    call_and_print("pay_invoice", (args.invoice, args.paid_at), f"paid invoice {args.invoice}")


def void(args: argparse.Namespace) -> None:
    call_and_print("void_invoice", (args.invoice,), f"voided invoice {args.invoice}")


def refund(args: argparse.Namespace) -> None:
    call_and_print(
        "refund_credit_note",
        (args.credit_note, args.refunded_at),
        f"refunded credit note {args.credit_note}",
    )


def register(commands: argparse._SubParsersAction) -> None:
    invoice = commands.add_parser(
        "invoice", help="invoices: record a payment, void, refund a credit note"
    )
    actions = invoice.add_subparsers(dest="action", required=True, metavar="ACTION")

    paid = actions.add_parser("pay", help="record that an issued invoice was paid in full")
    paid.add_argument("invoice", type=identifier, metavar="INVOICE_ID")
    paid.add_argument(
        "--paid-at",
        type=moment,
        metavar="WHEN",
        help="when the payment arrived, UTC, as YYYY-MM-DD[ HH:MM:SS] (default: now)",
    )
    paid.set_defaults(handler=pay)

    voided = actions.add_parser("void", help="void an issued invoice: no longer owed")
    voided.add_argument("invoice", type=identifier, metavar="INVOICE_ID")
    voided.set_defaults(handler=void)

    refunded = actions.add_parser(
        "refund", help="record that a credit note owed back on a paid invoice was refunded"
    )
    refunded.add_argument("credit_note", type=identifier, metavar="CREDIT_NOTE_ID")
    refunded.add_argument(
        "--refunded-at",
        type=moment,
        metavar="WHEN",
        help="when the money was paid back, UTC, as YYYY-MM-DD[ HH:MM:SS] (default: now)",
    )
    refunded.set_defaults(handler=refund)
