"""`runner.py erd`: the ER diagram (Mermaid, Graphviz DOT and SVG) and the data dictionary,
reverse-engineered from a live database."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from sims import erd
from sims.commands.output import out
from sims.config import PROJECT_ROOT, database_url_argument, mask_password
from sims.db import create_engine
from sims.errors import SimsError
from sims.server import resolve_database_url

EER_DIR = PROJECT_ROOT / "docs" / "eer"
DICTIONARY = PROJECT_ROOT / "docs" / "dictionary.md"


def write_erd(args: argparse.Namespace) -> None:
    if shutil.which("dot") is None:
        raise SimsError("Graphviz `dot` not found: install Debian's package graphviz")
    url = args.url or resolve_database_url()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            model = erd.read_model(conn)
    finally:
        engine.dispose()
    args.out.mkdir(parents=True, exist_ok=True)
    # The committed dictionary is written only with the committed diagrams: elsewhere it goes
    # with the diagrams, unless --dictionary says where.
    dictionary = args.dictionary or (
        DICTIONARY if args.out.resolve() == EER_DIR else args.out / "dictionary.md"
    )
    diagram = erd.graph(model)
    files = {
        args.out / "erd.md": erd.mermaid(model),
        args.out / "erd.dot": diagram.source,
        dictionary: erd.dictionary(model),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    (args.out / "erd.svg").write_bytes(diagram.pipe(format="svg"))
    out.print(f"read {len(model.tables)} tables from {mask_password(url)}; wrote:")
    for path in [*files, args.out / "erd.svg"]:
        out.print(f"  {path}")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("erd", help="ER diagram and data dictionary from a live database")
    parser.add_argument(
        "--url",
        type=database_url_argument,
        help="any MySQL/MariaDB database (default: DATABASE_URL/embedded)",
    )
    parser.add_argument("--out", type=Path, default=EER_DIR, help="directory for the diagrams")
    parser.add_argument(
        "--dictionary",
        type=Path,
        help="data dictionary file (default: docs/dictionary.md, or OUT/dictionary.md with --out)",
    )
    parser.set_defaults(handler=write_erd)
