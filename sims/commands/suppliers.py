"""`runner.py supplier add|update|offer|withdraw|review|correct-review|delete-review|stop|
resume`: keep suppliers, their offers and our reviews of them, and stop or resume buying
from one, each one call to a supplier procedure."""

from __future__ import annotations

import argparse

from sims.commands.arguments import amount, identifier
from sims.commands.procedures import call_and_print


def _details(args: argparse.Namespace) -> tuple:
    """A supplier's details as add_supplier and update_supplier take them, in order."""
    return (args.name, args.country, args.contact, args.email, args.phone, args.address, args.city)


def add(args: argparse.Namespace) -> None:
    call_and_print("add_supplier", _details(args), title="supplier added")


def update(args: argparse.Namespace) -> None:
    call_and_print("update_supplier", (args.supplier, *_details(args)), title="supplier updated")


def offer(args: argparse.Namespace) -> None:
    call_and_print(
        "set_supplier_offer",
        (
            args.product,
            args.supplier,
            args.sku,
            args.cost,
            args.lead_time,
            args.min_qty,
            args.multiple,
            int(args.preferred),
        ),
        title="supplier offer",
    )


def withdraw(args: argparse.Namespace) -> None:
    call_and_print(
        "withdraw_supplier_offer", (args.product, args.supplier), title="supplier offer withdrawn"
    )


def review(args: argparse.Namespace) -> None:
    call_and_print(
        "review_supplier",
        (args.supplier, args.order, args.rating, args.reviewer, args.text),
        title="supplier reviewed",
    )


def correct_review(args: argparse.Namespace) -> None:
    call_and_print(
        "update_supplier_review",
        (args.review, args.rating, args.reviewer, args.text),
        title="supplier review corrected",
    )


def delete_review(args: argparse.Namespace) -> None:
    call_and_print("delete_supplier_review", (args.review,), title="supplier review deleted")


def stop(args: argparse.Namespace) -> None:
    call_and_print("set_supplier_active", (args.supplier, 0), title="supplier stopped")


def resume(args: argparse.Namespace) -> None:
    call_and_print("set_supplier_active", (args.supplier, 1), title="supplier resumed")


def _add_detail_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """The details' options; the name and country code `required` (adding)."""
    parser.add_argument("--name", required=required, help="registered company name, unique")
    parser.add_argument("--country", required=required, help="ISO 3166-1 code, such as GB")
    parser.add_argument("--contact", help="person to ask about orders and deliveries")
    parser.add_argument("--email", help="address purchase orders are sent to")
    parser.add_argument("--phone")
    parser.add_argument("--address", help="street address")
    parser.add_argument("--city")


def _add_parser(actions: argparse._SubParsersAction) -> None:
    new = actions.add_parser("add", help="add a supplier, who may then make offers")
    _add_detail_options(new, required=True)
    new.set_defaults(handler=add)
    change = actions.add_parser(
        "update", help="change the details given; an empty optional one (--email '') is cleared"
    )
    change.add_argument("supplier", type=identifier, metavar="SUPPLIER")
    _add_detail_options(change, required=False)
    change.set_defaults(handler=update)


def _offer_parser(actions: argparse._SubParsersAction) -> None:
    terms = actions.add_parser(
        "offer", help="record the terms a supplier sells a product on (all of them, each time)"
    )
    terms.add_argument("supplier", type=identifier, metavar="SUPPLIER")
    terms.add_argument("--product", type=identifier, required=True, help="product id")
    terms.add_argument("--sku", required=True, help="the supplier's code for the product")
    terms.add_argument("--cost", type=amount, required=True, help="unit cost to us")
    terms.add_argument("--lead-time", type=int, required=True, help="promised days to deliver")
    terms.add_argument("--min-qty", type=int, default=1, help="smallest quantity per line")
    terms.add_argument("--multiple", type=int, default=1, help="pack size: order multiples")
    terms.add_argument(
        "--preferred",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="reordering buys from this offer first (the product's others stop being preferred)",
    )
    terms.set_defaults(handler=offer)
    gone = actions.add_parser(
        "withdraw", help="remove a supplier's offer for a product (refused while a draft holds it)"
    )
    gone.add_argument("supplier", type=identifier, metavar="SUPPLIER")
    gone.add_argument("--product", type=identifier, required=True, help="product id")
    gone.set_defaults(handler=withdraw)


def _add_review_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """A review's options; the rating and the reviewer `required` (writing one)."""
    parser.add_argument("--rating", type=int, required=required, help="1 (poor) to 5 (excellent)")
    parser.add_argument("--reviewer", required=required, help="who writes the review")
    parser.add_argument("--text", help="what went well or badly")


def _review_parser(actions: argparse._SubParsersAction) -> None:
    rate = actions.add_parser("review", help="rate a supplier, or one of its deliveries")
    rate.add_argument("supplier", type=identifier, metavar="SUPPLIER")
    rate.add_argument("--order", type=identifier, help="purchase order delivered, if any")
    _add_review_options(rate, required=True)
    rate.set_defaults(handler=review)
    fix = actions.add_parser(
        "correct-review",
        help="correct a review's rating, reviewer or words (--text '' clears them)",
    )
    fix.add_argument("review", type=identifier, metavar="REVIEW")
    _add_review_options(fix, required=False)
    fix.set_defaults(handler=correct_review)
    gone = actions.add_parser(
        "delete-review",
        help="delete a review written in error (its delivery may be reviewed again)",
    )
    gone.add_argument("review", type=identifier, metavar="REVIEW")
    gone.set_defaults(handler=delete_review)


def register(commands: argparse._SubParsersAction) -> None:
    supplier = commands.add_parser(
        "supplier", help="add suppliers, record their offers, review them, stop or resume them"
    )
    actions = supplier.add_subparsers(dest="action", required=True)
    _add_parser(actions)
    _offer_parser(actions)
    _review_parser(actions)
    for name, handler, text in (
        ("stop", stop, "stop buying: reordering skips it, its auto drafts are cancelled"),
        ("resume", resume, "buy from the supplier again"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("supplier", type=identifier, metavar="SUPPLIER")
        action.set_defaults(handler=handler)
