"""`runner.py mongo ...`: export the MySQL data into the MongoDB document mirror, run the
aggregation pipelines in nosql/pipelines/ by name, and check the two stores agree."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from sims.commands.arguments import positive_count
from sims.commands.output import emit_rows, err, out, print_rows, print_table
from sims.commands.procedures import database
from sims.mirror import check, export, pipelines
from sims.mirror.connection import MONGODB_URI_VARIABLE, mongo_database


class ExportBar:
    """One progress bar per collection: documents written of the rows in MySQL."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def start(self, collection: str, total: int) -> None:
        self.tasks[collection] = self.progress.add_task(collection, total=total)

    def advance(self, collection: str, count: int) -> None:
        self.progress.advance(self.tasks[collection], count)


def run_export(args: argparse.Namespace) -> None:
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with database() as engine, mongo_database(args.uri) as db:
        with Progress(*columns, console=out) as progress:
            results = export.export(engine, db, args.batch_size, ExportBar(progress))
        name = db.name
    print_rows(
        [{"collection": r.collection, "written": r.written, "removed": r.removed} for r in results],
        title=f"exported to MongoDB database {name}",
    )


def list_pipelines() -> None:
    table = Table("name", "collection", "purpose", "same rows as")
    for pipeline in pipelines.catalogue().values():
        table.add_row(pipeline.name, pipeline.collection, pipeline.purpose, pipeline.sql_query)
    print_table(table)


def run_query(args: argparse.Namespace) -> None:
    if args.list or not args.name:
        list_pipelines()
        return
    pipeline = pipelines.find(args.name)
    with mongo_database(args.uri) as db:
        rows = pipelines.run(db, pipeline)
    emit_rows(rows, pipeline.name, args.format, args.output)


def run_check(args: argparse.Namespace) -> int:
    with database() as engine, mongo_database(args.uri) as db:
        results = check.check(engine, db)
    summary = Table("collection", "MySQL rows", "MongoDB documents", "mismatches")
    for result in results:
        summary.add_row(
            result.collection,
            str(result.mysql.documents),
            str(result.mongodb.documents),
            str(len(result.mismatches)),
        )
    print_table(summary)
    mismatches = [m for result in results for m in result.mismatches]
    if not mismatches:
        out.print("MySQL and MongoDB agree: counts, keys and sums")
        return 0
    print_rows(
        [
            {
                "collection": m.collection,
                "key": "(total)" if m.key is None else m.key,
                "field": m.field,
                "MySQL": m.mysql,
                "MongoDB": m.mongodb,
            }
            for m in mismatches
        ],
        title="mismatches",
    )
    err.print(f"{len(mismatches)} mismatch(es) between MySQL and MongoDB")
    return 1


def register(commands: argparse._SubParsersAction) -> None:
    connection = argparse.ArgumentParser(add_help=False)
    connection.add_argument(
        "--uri",
        help=f"MongoDB URI (default: ${MONGODB_URI_VARIABLE}, else the embedded server "
        "storing under .sims/mongo/)",
    )
    mongo = commands.add_parser(
        "mongo", help="the MongoDB document mirror: export, query pipelines, check"
    )
    actions = mongo.add_subparsers(dest="action", metavar="ACTION", required=True)

    exporting = actions.add_parser(
        "export", parents=[connection], help="build or refresh the collections from MySQL"
    )
    exporting.add_argument(
        "--batch-size",
        type=positive_count,
        default=export.DEFAULT_BATCH_SIZE,
        help=f"rows read per page (default {export.DEFAULT_BATCH_SIZE})",
    )
    exporting.set_defaults(handler=run_export)

    query = actions.add_parser(
        "query", parents=[connection], help="run a pipeline from nosql/pipelines/ by name"
    )
    query.add_argument("name", nargs="?", help="the pipeline (see --list)")
    query.add_argument("--list", action="store_true", help="list the pipelines")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--output", type=Path, help="write to a file (csv or json)")
    query.set_defaults(handler=run_query)

    checking = actions.add_parser(
        "check",
        parents=[connection],
        help="compare counts, keys and sums with MySQL; non-zero on any mismatch",
    )
    checking.set_defaults(handler=run_check)
