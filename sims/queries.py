"""The saved-query catalogue: SQL files in sql/queries/ with a header that names the query,
says what it is for and declares its parameters; run by name with bound parameters.

Header (README, Schema conventions):
    -- name: low_stock
    -- purpose: Products whose available stock is at or below their reorder point.
    -- params: warehouse_id (int, optional: all warehouses), limit (int, default 50)
    -- grain: one row per product and warehouse
In the SQL, a parameter is written `:name`; an optional one is NULL when not given.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sims.config import SQL_DIR
from sims.errors import SimsError

if TYPE_CHECKING:
    import pandas as pd

QUERIES_DIR = SQL_DIR / "queries"
_HEADER = re.compile(r"^--\s*(name|purpose|params|grain):\s*(.*?)\s*$", re.MULTILINE)
_PARAM = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*(optional|default)\s*:?\s*(.*))?\)$")
# Every int parameter is an id, a count of rows or of days: 0 or more, and within BIGINT, so
# the server never sees a negative LIMIT (a syntax error, not a refusal).
MAX_INT_PARAMETER = 2**63 - 1


def _whole_number(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_INT_PARAMETER:
        raise ValueError(text)
    return value


_CONVERTERS = {
    "int": _whole_number,
    "decimal": decimal.Decimal,
    "float": float,
    "str": str,
    "date": dt.date.fromisoformat,
    "bool": lambda text: text.lower() in {"1", "true", "yes"},
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool
    default: str | None
    description: str

    def convert(self, text: str) -> Any:
        try:
            return _CONVERTERS[self.type](text)
        except (ValueError, decimal.InvalidOperation):
            expected = f"whole number from 0 to {MAX_INT_PARAMETER}" if self.type == "int" else ""
            raise SimsError(
                f"parameter {self.name}: {text!r} is not a valid {expected or self.type}"
            ) from None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    purpose: str
    grain: str
    parameters: tuple[Parameter, ...]
    sql: str
    path: Path

    def bind(self, given: Mapping[str, str]) -> dict[str, Any]:
        """Parameter values from text, with defaults; an unknown or missing one is an error."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise SimsError(f"query {self.name} has no parameter {unknown[0]!r}; valid: {valid}")
        values: dict[str, Any] = {}
        for parameter in self.parameters:
            text = given.get(parameter.name, parameter.default)
            if text is None and parameter.required:
                raise SimsError(f"query {self.name} needs --param {parameter.name}=...")
            values[parameter.name] = None if text is None else parameter.convert(text)
        return values


def _split_params(text: str) -> list[str]:
    """Split 'a (int, default 1), b (str)' at the commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    return [item for item in [*items, current.strip()] if item]


def parse_parameters(text: str, path: Path) -> tuple[Parameter, ...]:
    if text.strip().lower() == "none":
        return ()
    parameters = []
    for item in _split_params(text):
        match = _PARAM.match(item)
        if not match or match.group(2) not in _CONVERTERS:
            raise SimsError(
                f"{path}: cannot read parameter {item!r} (types: {', '.join(_CONVERTERS)})"
            )
        name, type_, kind, rest = match.groups()
        parameters.append(
            Parameter(
                name=name,
                type=type_,
                required=kind is None,
                default=rest.strip() if kind == "default" else None,
                description=(rest or "").strip(),
            )
        )
    return tuple(parameters)


def load_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header = dict(_HEADER.findall(text))
    missing = {"name", "purpose", "params", "grain"} - set(header)
    if missing:
        raise SimsError(f"{path}: header lacks {', '.join(sorted(missing))}")
    return SavedQuery(
        name=header["name"],
        purpose=header["purpose"],
        grain=header["grain"],
        parameters=parse_parameters(header["params"], path),
        sql=text.strip().removesuffix(";"),
        path=path,
    )


def catalogue(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in the directory (not its subdirectories), by name."""
    return {query.name: query for query in map(load_query, sorted(directory.glob("*.sql")))}


def find(name: str, directory: Path = QUERIES_DIR) -> SavedQuery:
    queries = catalogue(directory)
    if name not in queries:
        raise SimsError(f"no saved query {name!r}; valid: {', '.join(queries)}")
    return queries[name]


def run(engine: Engine, query: SavedQuery, given: Mapping[str, str] | None = None) -> Rows:
    """The query's rows, as dicts, with its parameters bound (never formatted into SQL)."""
    with engine.connect() as conn:
        return fetch(conn, query, given)


class Rows(list):
    """Result rows as dicts, with the result's column names, known even when no row came."""

    def __init__(self, rows: Iterable[dict], columns: Iterable[str]) -> None:
        super().__init__(rows)
        self.columns = tuple(columns)


def fetch(conn: Connection, query: SavedQuery, given: Mapping[str, str] | None = None) -> Rows:
    """As `run`, on a connection of the caller's (inside its transaction, if it has one)."""
    result = conn.execute(sa.text(query.sql), query.bind(given or {}))
    return Rows((dict(row._mapping) for row in result), result.keys())


def dataframe(engine: Engine, name: str, **params: Any) -> pd.DataFrame:
    """A saved query's result as a pandas DataFrame, for notebooks and charts."""
    import pandas as pd

    query = find(name)
    return pd.DataFrame(run(engine, query, {k: str(v) for k, v in params.items()}))


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def to_csv(rows: list[dict]) -> str:
    """CSV with a header row: the columns of the first row, or of the result when it has none
    (rows from `fetch`), so an empty result is still a file with the query's columns."""
    buffer = io.StringIO()
    columns = list(rows[0]) if rows else list(getattr(rows, "columns", ()))
    if columns:
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _plain(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def to_json(rows: list[dict]) -> str:
    return json.dumps([{k: _plain(v) for k, v in row.items()} for row in rows], indent=2) + "\n"
