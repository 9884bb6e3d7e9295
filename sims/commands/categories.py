"""`runner.py category add ...`: add a product category through the add_category procedure."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_category", (args.name, args.parent, args.description), title="category added"
    )


def register(commands: argparse._SubParsersAction) -> None:
    category = commands.add_parser("category", help="add product categories")
    actions = category.add_subparsers(dest="action", required=True)
    new = actions.add_parser("add", help="add a category, at the top or under a parent")
    new.add_argument("--name", required=True, help="unique across the catalogue")
    new.add_argument("--parent", type=identifier, help="id of the enclosing category")
    new.add_argument("--description", help="what belongs in the category")
    new.set_defaults(handler=add)
