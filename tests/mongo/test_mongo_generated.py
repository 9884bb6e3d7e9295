"""The mirror of a small generated data set (the Faker generator, scale 0.001): exported,
it agrees with MySQL in every count, key and sum, and every pipeline gives the rows of its
SQL query."""

from __future__ import annotations

import pytest
from pymongo.database import Database
from sqlalchemy.engine import URL, Engine

from generate import generate
from sims import queries
from sims.mirror import check, export, pipelines
from tests.mongo.test_mongo_pipelines import CATALOGUE, comparable


@pytest.fixture(scope="module")
def mirrored(database_url: URL, engine: Engine, mongo_db: Database) -> Database:
    generate(database_url, 0.001, seed=11)
    export.export(engine, mongo_db)
    return mongo_db


def test_the_generated_data_and_its_mirror_agree(engine, mirrored):
    results = check.check(engine, mirrored)
    assert [m for result in results for m in result.mismatches] == []
    assert all(result.mongodb.documents > 0 for result in results)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_pipeline_gives_the_rows_of_its_sql_query_on_generated_data(name, engine, mirrored):
    pipeline = CATALOGUE[name]
    expected = queries.run(engine, queries.find(pipeline.sql_query))
    assert expected
    assert [comparable(r) for r in pipelines.run(mirrored, pipeline)] == [
        comparable(r) for r in expected
    ]
