"""`runner.py customer add|update ...`: register a customer (add_customer) or change its
details (update_customer)."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_customer",
        (
            args.name,
            args.email,
            args.country,
            args.phone,
            args.address,
            args.city,
            args.postal_code,
        ),
        title="customer added",
    )


def update(args: argparse.Namespace) -> None:
    call_and_print(
        "update_customer",
        (
            args.customer,
            args.name,
            args.email,
            args.country,
            args.phone,
            args.address,
            args.city,
            args.postal_code,
        ),
        title="customer updated",
    )


def register(commands: argparse._SubParsersAction) -> None:
    customer = commands.add_parser("customer", help="add customers and change their details")
    actions = customer.add_subparsers(dest="action", required=True)
    new = actions.add_parser("add", help="add a customer, who may then place sales orders")
    new.add_argument("--name", required=True, help="as printed on invoices")
    new.add_argument("--email", required=True, help="contact address, unique among customers")
    new.add_argument("--country", required=True, help="ISO 3166-1 code, such as GB")
    new.add_argument("--phone")
    new.add_argument("--address", help="street address")
    new.add_argument("--city")
    new.add_argument("--postal-code")
    new.set_defaults(handler=add)
    change = actions.add_parser(
        "update", help="change the details given; an empty optional one (--phone '') is cleared"
    )
    change.add_argument("customer", type=identifier, metavar="CUSTOMER")
    change.add_argument("--name", help="as printed on invoices")
    change.add_argument("--email", help="contact address, unique among customers")
    change.add_argument("--country", help="ISO 3166-1 code, such as GB")
    change.add_argument("--phone")
    change.add_argument("--address", help="street address")
    change.add_argument("--city")
    change.add_argument("--postal-code")
    change.set_defaults(handler=update)
