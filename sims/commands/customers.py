"""`runner.py customer add|update ...`: register a customer (add_customer) or change its
details (update_customer)."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def _details(args: argparse.Namespace) -> tuple:
    """A customer's details as add_customer and update_customer take them, in order."""
    return (
        args.name,
        args.email,
        args.country,
        args.phone,
        args.address,
        args.city,
        args.postal_code,
    )


def add(args: argparse.Namespace) -> None:
    call_and_print("add_customer", _details(args), title="customer added")


def update(args: argparse.Namespace) -> None:
    call_and_print("update_customer", (args.customer, *_details(args)), title="customer updated")


def _add_detail_options(parser: argparse.ArgumentParser, required: bool) -> None:
    """The details' options; the name, e-mail address and country code `required` (adding)."""
    parser.add_argument("--name", required=required, help="as printed on invoices")
    parser.add_argument(
        "--email", required=required, help="contact address, unique among customers"
    )
    parser.add_argument("--country", required=required, help="ISO 3166-1 code, such as GB")
    parser.add_argument("--phone")
    parser.add_argument("--address", help="street address")
    parser.add_argument("--city")
    parser.add_argument("--postal-code")


def register(commands: argparse._SubParsersAction) -> None:
    customer = commands.add_parser("customer", help="add customers and change their details")
    actions = customer.add_subparsers(dest="action", required=True)
    new = actions.add_parser("add", help="add a customer, who may then place sales orders")
    _add_detail_options(new, required=True)
    new.set_defaults(handler=add)
    change = actions.add_parser(
        "update", help="change the details given; an empty optional one (--phone '') is cleared"
    )
    change.add_argument("customer", type=identifier, metavar="CUSTOMER")
    _add_detail_options(change, required=False)
    change.set_defaults(handler=update)
