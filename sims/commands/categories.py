"""`runner.py category add|update|move|delete ...`: keep the product categories through the
add_category, update_category, move_category and delete_category procedures."""

from __future__ import annotations

import argparse

from sims.commands.arguments import identifier
from sims.commands.procedures import call_and_print


def add(args: argparse.Namespace) -> None:
    call_and_print(
        "add_category", (args.name, args.parent, args.description), title="category added"
    )


def update(args: argparse.Namespace) -> None:
    call_and_print(
        "update_category", (args.category, args.name, args.description), title="category updated"
    )


def move(args: argparse.Namespace) -> None:
    call_and_print("move_category", (args.category, args.parent), title="category moved")


def delete(args: argparse.Namespace) -> None:
    call_and_print("delete_category", (args.category,), title="category deleted")


def register(commands: argparse._SubParsersAction) -> None:
    category = commands.add_parser("category", help="add, rename, move and delete categories")
    actions = category.add_subparsers(dest="action", required=True)

    new = actions.add_parser("add", help="add a category, at the top or under a parent")
    new.add_argument("--name", required=True, help="unique across the catalogue")
    new.add_argument("--parent", type=identifier, help="id of the enclosing category")
    new.add_argument("--description", help="what belongs in the category")
    new.set_defaults(handler=add)

    change = actions.add_parser(
        "update", help="rename a category or change its description ('' clears it)"
    )
    change.add_argument("category", type=identifier, metavar="CATEGORY")
    change.add_argument("--name", help="unique across the catalogue")
    change.add_argument("--description", help="what belongs in the category")
    change.set_defaults(handler=update)

    moved = actions.add_parser(
        "move", help="file a category, with all under it, under another parent or at the top"
    )
    moved.add_argument("category", type=identifier, metavar="CATEGORY")
    where = moved.add_mutually_exclusive_group(required=True)
    where.add_argument("--parent", type=identifier, help="id of the new enclosing category")
    where.add_argument(
        "--top", action="store_const", const=None, dest="parent", help="to the top of the tree"
    )
    moved.set_defaults(handler=move)

    gone = actions.add_parser(
        "delete", help="delete a category that no product and no category is filed under"
    )
    gone.add_argument("category", type=identifier, metavar="CATEGORY")
    gone.set_defaults(handler=delete)
