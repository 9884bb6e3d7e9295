"""The pipeline catalogue: MongoDB aggregation pipelines kept one per file in
nosql/pipelines/, run by name like the saved SQL queries.

A file NAME.json holds (Extended JSON, so {"$numberDecimal": "0.5"} is an exact decimal):
    {"purpose": "...", "grain": "one row per ...", "collection": "products",
     "sql_query": "low_stock", "pipeline": [ ...stages... ]}
`sql_query` names the saved query in sql/queries/ that gives the same rows from MySQL; an
optional "comment" says why the stages are as they are (JSON has no comments).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bson import json_util
from pymongo.database import Database

from sims.config import PROJECT_ROOT
from sims.errors import SimsError
from sims.mirror.values import from_bson

NOSQL_DIR = PROJECT_ROOT / "nosql"
PIPELINES_DIR = NOSQL_DIR / "pipelines"
_FIELDS = {"purpose": str, "grain": str, "collection": str, "sql_query": str, "pipeline": list}


@dataclass(frozen=True)
class Pipeline:
    name: str
    purpose: str
    grain: str
    collection: str
    sql_query: str
    stages: list[dict[str, Any]]
    path: Path


def read_json(path: Path) -> Any:
    try:
        return json_util.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise SimsError(f"{path}: not valid JSON: {exc}") from None


def load_pipeline(path: Path) -> Pipeline:
    spec = read_json(path)
    if not isinstance(spec, dict):
        raise SimsError(f"{path}: expected an object with {', '.join(_FIELDS)}")
    for field, kind in _FIELDS.items():
        if not isinstance(spec.get(field), kind):
            raise SimsError(f"{path}: {field!r} is missing or not a {kind.__name__}")
    return Pipeline(
        name=path.stem,
        purpose=spec["purpose"],
        grain=spec["grain"],
        collection=spec["collection"],
        sql_query=spec["sql_query"],
        stages=spec["pipeline"],
        path=path,
    )


def catalogue(directory: Path = PIPELINES_DIR) -> dict[str, Pipeline]:
    """Every pipeline in the directory, by name (the file name without .json)."""
    return {p.name: p for p in map(load_pipeline, sorted(directory.glob("*.json")))}


def find(name: str, directory: Path = PIPELINES_DIR) -> Pipeline:
    pipelines = catalogue(directory)
    if name not in pipelines:
        raise SimsError(f"no pipeline {name!r}; valid: {', '.join(pipelines)}")
    return pipelines[name]


def run(db: Database, pipeline: Pipeline) -> list[dict[str, Any]]:
    """The pipeline's result documents as rows, decimals as Decimal (as the SQL side gives)."""
    return [
        {key: from_bson(value) for key, value in doc.items()}
        for doc in db[pipeline.collection].aggregate(pipeline.stages)
    ]
