"""Plan analysis: a full scan of a base table is flagged, an indexed lookup is not, and a
table is recognised behind its alias in the query and in a view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import URL, Connection

from sims import plans
from sims.db import create_engine


@pytest.fixture(scope="module")
def conn(empty_database_url: URL) -> Iterator[Connection]:
    engine = create_engine(empty_database_url)
    with engine.connect() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE parcel (parcel_id INT PRIMARY KEY, label VARCHAR(20) NOT NULL)"
        )
        conn.exec_driver_sql("INSERT INTO parcel VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
        conn.exec_driver_sql("CREATE VIEW labelled_parcel AS SELECT pa.label FROM parcel AS pa")
        conn.commit()
        yield conn
    engine.dispose()


def test_a_scan_of_every_row_is_flagged_under_its_alias(conn: Connection) -> None:
    sql = "SELECT x.parcel_id FROM parcel AS x WHERE x.label = :label"

    scans = plans.full_scans(conn, sql, {"label": "b"}, min_rows=0)

    assert [(scan.alias, scan.tables) for scan in scans] == [("x", ("parcel",))]


def test_a_scan_through_a_view_names_the_base_table(conn: Connection) -> None:
    scans = plans.full_scans(conn, "SELECT label FROM labelled_parcel", {}, min_rows=0)

    assert [scan.tables for scan in scans] == [("parcel",)]


def test_a_primary_key_lookup_is_not_a_full_scan(conn: Connection) -> None:
    sql = "SELECT label FROM parcel WHERE parcel_id = :parcel_id"

    assert plans.full_scans(conn, sql, {"parcel_id": 3}, min_rows=0) == []


def test_a_scan_of_a_table_no_larger_than_min_rows_is_not_flagged(conn: Connection) -> None:
    sql = "SELECT parcel_id FROM parcel WHERE label = :label"

    assert plans.full_scans(conn, sql, {"label": "b"}, min_rows=4) == []
