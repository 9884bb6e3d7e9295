"""Generated data loaded into a migrated database: it passes every validation query, the
same seed and scale give identical tables whichever loader ran, a database holding data is
refused unless asked to replace it, and a load that breaks a reference fails loudly and
leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

import generate.run
from generate import LoadReport, Settings, generate_and_load
from generate import columns as col
from generate.loader import BackgroundLoader
from generate.pools import Pools
from generate.target import GENERATED_TABLES
from sims import migrate
from sims.checks import run_checks, table_fingerprints
from sims.db import create_engine
from sims.errors import SimsError
from sims.roles import throwaway_database

SCALE = 0.005
SEED = 7


@pytest.fixture(scope="module")
def other_url(server_url: URL) -> Iterator[URL]:
    """A second database of this module's, migrated to head; each test that loads into it
    replaces whatever an earlier test left there."""
    with throwaway_database(server_url, prefix="sims_test") as url:
        migrate.upgrade(url)
        yield url


def checksums(url: URL) -> dict[str, tuple[int, int]]:
    """Row count and a fingerprint of the stored values of every generated table: equal
    fingerprints, equal rows. Not CHECKSUM TABLE: on a table with a virtual column
    (stock_alert.is_open) MariaDB's checksum also depends on what the table's handle last held,
    so the same rows can give another checksum once the table was opened afresh."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return table_fingerprints(conn, GENERATED_TABLES)
    finally:
        engine.dispose()


def row_counts(engine: Engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as conn:
        return {
            table: conn.exec_driver_sql(f"SELECT COUNT(*) FROM `{table}`").scalar_one()
            for table in GENERATED_TABLES
        }


@pytest.fixture(scope="module")
def loaded(database_url: URL) -> LoadReport:
    return generate_and_load(database_url, Settings(SCALE, SEED))


@pytest.fixture(scope="module")
def loaded_checksums(loaded: LoadReport, database_url: URL) -> dict[str, tuple[int, int]]:
    return checksums(database_url)


def test_every_generated_table_is_filled(loaded: LoadReport, engine: Engine) -> None:
    counts = row_counts(engine)
    assert all(counts[table] > 0 for table in GENERATED_TABLES), counts
    assert counts == {t.table: t.rows for t in loaded.tables}
    assert loaded.method == "LOAD DATA LOCAL INFILE"


def test_generated_data_passes_every_validation_query(loaded: LoadReport, engine: Engine) -> None:
    findings = run_checks(engine)
    assert len(findings) >= 17
    assert {name: rows[:3] for name, rows in findings.items() if rows} == {}


def test_the_history_holds_every_kind_of_document_and_movement(
    loaded: LoadReport, engine: Engine
) -> None:
    with engine.connect() as conn:

        def kinds(sql: str) -> set[str]:
            return {row[0] for row in conn.exec_driver_sql(sql)}

        assert kinds("SELECT DISTINCT status FROM sales_order") == {"open", "shipped", "cancelled"}
        assert kinds("SELECT DISTINCT status FROM purchase_order") == {
            "draft", "sent", "partially_received", "received", "cancelled",
        }  # fmt: skip
        assert kinds("SELECT DISTINCT movement_type FROM stock_movement") == {
            "receipt", "sale", "return", "adjustment", "transfer",
        }  # fmt: skip
        assert kinds("SELECT DISTINCT status FROM stock_alert") == {"open", "resolved"}
        assert kinds("SELECT DISTINCT status FROM invoice") == {"issued", "paid", "void"}


def test_same_seed_and_scale_give_identical_tables(
    other_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    Pools.build.cache_clear()  # Faker makes the names and addresses afresh, too
    generate_and_load(other_url, Settings(SCALE, SEED), replace=True)
    assert checksums(other_url) == loaded_checksums


def test_the_comparison_holds_when_a_table_is_opened_afresh(
    database_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    """What made this module flaky: CHECKSUM TABLE of stock_alert changed after a flush."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"FLUSH TABLES `{database_url.database}`.`stock_alert`")
    finally:
        engine.dispose()
    assert checksums(database_url) == loaded_checksums


def test_batched_insert_fallback_loads_identical_data(
    other_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    """A client that does not allow local files gets the rows through batched INSERTs."""
    no_local_files = create_engine(other_url)
    try:
        report = generate_and_load(
            other_url, Settings(SCALE, SEED), replace=True, engine=no_local_files
        )
    finally:
        no_local_files.dispose()
    assert report.method == "batched INSERT"
    assert checksums(other_url) == loaded_checksums


def test_a_database_holding_data_is_refused_and_left_as_it_was(
    database_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    with pytest.raises(SimsError, match=r"already holds data \(in category, .*--replace"):
        generate_and_load(database_url, Settings(SCALE, SEED + 1))
    assert checksums(database_url) == loaded_checksums


def test_replace_deletes_other_data_and_loads_the_new(
    other_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    generate_and_load(other_url, Settings(SCALE, SEED + 1), replace=True)
    other_seed = checksums(other_url)
    assert all(other_seed[t] != loaded_checksums[t] for t in ("customer", "sales_order"))
    generate_and_load(other_url, Settings(SCALE, SEED), replace=True)
    assert checksums(other_url) == loaded_checksums


def test_bad_settings_are_refused_before_anything_is_deleted(
    database_url: URL, loaded_checksums: dict[str, tuple[int, int]]
) -> None:
    with pytest.raises(SimsError, match="unknown Faker locale 'xx_XX'"):
        generate.run.generate(database_url, SCALE, SEED, locale="xx_XX", replace=True)
    with pytest.raises(SimsError, match=r"scale must be above 0 .* got -1"):
        generate.run.generate(database_url, -1, SEED, replace=True)
    with pytest.raises(SimsError, match="seed must be 0 or more, got -3"):
        generate.run.generate(database_url, SCALE, -3, replace=True)
    assert checksums(database_url) == loaded_checksums


def test_an_unmigrated_database_is_refused(empty_database_url: URL) -> None:
    with pytest.raises(SimsError, match="lacks the table category: migrate it first"):
        generate_and_load(empty_database_url, Settings(SCALE, SEED))


def load_damaged(url: URL, monkeypatch: pytest.MonkeyPatch, damage: Callable) -> None:
    """Generate and load with `damage` done to each generated table (None leaves it out)."""
    every_table = generate.run.generate_tables

    def damaged(*args, **kwargs):
        for table in every_table(*args, **kwargs):
            if (table := damage(table)) is not None:
                yield table

    monkeypatch.setattr(generate.run, "generate_tables", damaged)
    generate_and_load(url, Settings(SCALE, SEED), replace=True)


def assert_left_empty(url: URL) -> None:
    engine = create_engine(url)
    try:
        assert set(row_counts(engine).values()) == {0}
    finally:
        engine.dispose()


def test_a_load_that_breaks_a_reference_fails_loudly_and_leaves_nothing(
    other_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Foreign-key checks are off during the load: the proof afterwards must catch rows
    whose parent never arrived (here: every warehouse is left out)."""

    def without_warehouses(table: col.Table) -> col.Table | None:
        return None if table.name == "warehouse" else table

    with pytest.raises(SimsError, match=r"loaded rows lack their parent \(orphan_"):
        load_damaged(other_url, monkeypatch, without_warehouses)
    assert_left_empty(other_url)


def test_rows_the_server_turns_away_during_a_load_fail_it(
    other_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LOAD DATA LOCAL skips a row that breaks a CHECK with a mere warning: the loader
    counts what arrived and fails (here: lower-case country codes for the warehouses)."""

    def with_bad_warehouses(table: col.Table) -> col.Table:
        if table.name == "warehouse":
            table.columns = [
                (name, col.constant("de", table.rows) if name == "country_code" else values)
                for name, values in table.columns
            ]
        return table

    with pytest.raises(
        SimsError,
        match=r"loading warehouse: the server took 0 of 2 rows with 2 warnings "
        r"\(CONSTRAINT `ck_warehouse__country_code_format` failed",
    ):
        load_damaged(other_url, monkeypatch, with_bad_warehouses)
    assert_left_empty(other_url)


def test_a_database_error_during_a_load_is_one_line_naming_the_table(
    other_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error (not a warning) from the server mid-load: here a table it does not have."""

    def with_a_missing_table(table: col.Table) -> col.Table:
        if table.name == "warehouse":
            table.name = "no_such_table"
        return table

    with pytest.raises(SimsError, match=r"^loading no_such_table: database error 1146: "):
        load_damaged(other_url, monkeypatch, with_a_missing_table)
    assert_left_empty(other_url)


def test_a_loader_that_cannot_connect_fails_instead_of_waiting() -> None:
    """Its worker thread cannot connect (nothing listens on port 9): the caller gets the
    error, where it used to wait for ever on the full queue."""
    unreachable = sa.create_engine("mysql+pymysql://root@127.0.0.1:9/none")
    table = col.Table("warehouse").add("code", col.texts(["WH-01"]))
    loader = BackgroundLoader(unreachable)
    with pytest.raises(SimsError, match=r"^connecting to load: database error 2003: Can't connect"):
        for _ in range(4):  # the queue holds two
            loader.submit(table)
        loader.finish()


def test_only_the_loader_lets_the_server_read_local_files(other_url: URL, tmp_path) -> None:
    """A server may ask the client for any file it names (LOAD DATA LOCAL): every other
    engine refuses, so a hostile server reached by `db diff --url` reads nothing."""
    local = tmp_path / "secret.tsv"
    local.write_text("1\n", encoding="utf-8")
    engine = create_engine(other_url)
    try:
        with engine.connect() as conn:  # else the server alone would refuse, proving nothing
            assert conn.exec_driver_sql("SELECT @@local_infile").scalar_one() == 1
        with pytest.raises(sa.exc.DatabaseError), engine.connect() as conn:
            conn.exec_driver_sql("CREATE TEMPORARY TABLE probe (n INT)")
            conn.exec_driver_sql("LOAD DATA LOCAL INFILE %s INTO TABLE probe", (str(local),))
    finally:
        engine.dispose()
