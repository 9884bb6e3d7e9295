"""Pipelines in nosql/pipelines/: each gives, from the MongoDB mirror, the rows its
equivalent saved SQL query gives from MySQL; `mongo query` prints them like `query` does."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from types import SimpleNamespace
from typing import Any

import pytest
from pymongo.database import Database
from sqlalchemy.engine import Engine

from sims import cli, queries
from sims.mirror import export, pipelines

CATALOGUE = pipelines.catalogue()


def comparable(row: dict[str, Any], numeric_text: bool = False) -> dict[str, Any]:
    """Numbers as Decimal and dates as ISO text, whichever store and type they come from
    (with `numeric_text`, text that is a number counts as one too)."""

    def value(v: Any) -> Any:
        if numeric_text and isinstance(v, str):
            try:
                return decimal.Decimal(v).normalize()
            except decimal.InvalidOperation:
                return v
        if isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool):
            return decimal.Decimal(str(v)).normalize()
        if isinstance(v, dt.datetime):
            return v.isoformat(sep=" ")
        if isinstance(v, dt.date):
            return v.isoformat()
        return v

    return {k: value(v) for k, v in row.items()}


@pytest.fixture(scope="module")
def mirrored(engine: Engine, mongo_db: Database, shop: SimpleNamespace) -> Database:
    export.export(engine, mongo_db)
    return mongo_db


def test_the_catalogue_holds_the_four_analyses_two_or_more_joining_with_lookup():
    assert set(CATALOGUE) >= {
        "low_stock",
        "monthly_sales_by_category",
        "average_purchase_price_by_supplier",
        "top_customers",
    }
    joining = [p.name for p in CATALOGUE.values() if any("$lookup" in s for s in p.stages)]
    assert len(joining) >= 2


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_pipeline_gives_the_rows_of_its_sql_query(name, engine, mirrored):
    pipeline = CATALOGUE[name]
    expected = queries.run(engine, queries.find(pipeline.sql_query))
    assert expected, (
        f"the data set gives {pipeline.sql_query} no rows: the test would prove nothing"
    )
    assert [comparable(r) for r in pipelines.run(mirrored, pipeline)] == [
        comparable(r) for r in expected
    ]


def test_mongo_query_prints_like_the_sql_runner(
    engine, mirrored, mongo_server_uri, runner_on_test_database, capsys
):
    uri = f"{mongo_server_uri.rstrip('/')}/{mirrored.name}"
    assert cli.main(["mongo", "query", "top_customers", "--format", "json", "--uri", uri]) == 0
    from_mongo = json.loads(capsys.readouterr().out)
    assert cli.main(["query", "top_customers", "--format", "json"]) == 0
    from_sql = json.loads(capsys.readouterr().out)
    # JSON writes decimals as text (exact) and whole numbers as numbers; MySQL's SUM gives a
    # decimal where MongoDB's $sum of integers gives an integer, so compare the values.
    assert [comparable(r, numeric_text=True) for r in from_mongo] == [
        comparable(r, numeric_text=True) for r in from_sql
    ]
    assert cli.main(["mongo", "query", "top_customers", "--uri", uri]) == 0
    table = capsys.readouterr().out
    assert "top_customers" in table and from_sql[0]["email"] in table


def test_mongo_query_list_and_unknown_names(capsys):
    assert cli.main(["mongo", "query", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in CATALOGUE)
    assert cli.main(["mongo", "query", "no_such_pipeline"]) == 1
    assert "no pipeline 'no_such_pipeline'; valid: " in capsys.readouterr().err
