"""The saved-query catalogue: every query has a header, runs, and binds its parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, Engine

from sims import cli, migrate, queries
from sims.checks import CHECKS_DIR
from sims.commands.output import print_rows
from sims.db import create_engine
from sims.errors import SimsError
from sims.roles import throwaway_database

SAMPLE_VALUES = {"int": "1", "date": "2026-01-01", "decimal": "1.5", "str": "x", "bool": "1"}


def required_samples(query: queries.SavedQuery) -> dict[str, str]:
    return {p.name: SAMPLE_VALUES[p.type] for p in query.parameters if p.required}


def test_the_catalogue_has_the_analysts_queries() -> None:
    assert set(queries.catalogue()) >= {
        "top_sellers", "slow_movers", "abc_analysis", "stock_value",
        "average_purchase_price_by_supplier", "customer_order_history",
        "monthly_sales_trend", "open_orders", "invoice_ageing", "inventory_overview",
        "low_stock", "reorder_list_by_supplier", "supplier_performance",
    }  # fmt: skip


@pytest.mark.parametrize("directory", [queries.QUERIES_DIR, CHECKS_DIR], ids=["saved", "checks"])
def test_every_query_file_is_named_after_its_header(directory: Path) -> None:
    for name, query in queries.catalogue(directory).items():
        assert query.path.stem == name
        assert query.purpose and query.grain


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_saved_query_runs_on_the_migrated_schema(engine: Engine, name: str) -> None:
    query = queries.find(name)
    assert queries.run(engine, query, required_samples(query)) == []


def test_parameters_are_parsed_from_the_header() -> None:
    params = {p.name: p for p in queries.find("top_sellers").parameters}
    assert params["limit"].default == "20" and not params["limit"].required
    assert params["date_from"].type == "date" and params["date_from"].default is None
    assert queries.find("customer_order_history").parameters[0].required


def test_an_unknown_parameter_is_refused_listing_the_valid_ones() -> None:
    with pytest.raises(SimsError, match="no parameter 'bogus'; valid: customer_id, limit"):
        queries.find("customer_order_history").bind({"customer_id": "1", "bogus": "2"})


def test_a_missing_required_parameter_is_refused() -> None:
    with pytest.raises(SimsError, match="needs --param customer_id"):
        queries.find("customer_order_history").bind({})


def test_a_badly_typed_parameter_is_refused_naming_the_value() -> None:
    with pytest.raises(SimsError, match="'soon' is not a valid date"):
        queries.find("top_sellers").bind({"date_from": "soon"})


@pytest.mark.parametrize("limit", ["-1", "99999999999999999999999"])
def test_a_count_out_of_range_is_refused_naming_the_value(limit: str) -> None:
    """Before it reached the server as LIMIT -1, a syntax error rather than a refusal."""
    with pytest.raises(SimsError, match=f"parameter limit: '{limit}' is not a valid whole number"):
        queries.find("low_stock").bind({"limit": limit})


def test_an_unknown_query_is_refused_listing_the_valid_ones() -> None:
    with pytest.raises(SimsError, match=r"no saved query 'nosuch'; valid: .*top_sellers"):
        queries.find("nosuch")


def test_values_are_bound_not_formatted_into_the_sql(engine: Engine) -> None:
    hostile = "1 OR 1=1"
    with pytest.raises(SimsError, match="'1 OR 1=1' is not a valid whole number"):
        queries.find("customer_order_history").bind({"customer_id": hostile})
    query = queries.find("open_orders")
    assert ":warehouse_id" in query.sql and queries.run(engine, query, {"warehouse_id": "7"}) == []


def test_runner_writes_json_and_csv(
    database_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))
    target = tmp_path / "out.json"
    assert cli.main(["query", "stock_value", "--format", "json", "--output", str(target)]) == 0
    assert json.loads(target.read_text()) == []
    assert cli.main(["query", "--list"]) == 0
    assert "top_sellers" in capsys.readouterr().out
    assert cli.main(["query", "nosuch"]) == 1
    assert "no saved query 'nosuch'" in capsys.readouterr().err
    nowhere = tmp_path / "no such folder" / "out.csv"
    assert cli.main(["query", "stock_value", "--format", "csv", "--output", str(nowhere)]) == 1
    assert capsys.readouterr().err.strip() == f"error: No such file or directory: {nowhere}"


def test_check_exits_zero_on_sound_data(database_url: URL, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))
    assert cli.main(["check"]) == 0
    assert "checks passed" in capsys.readouterr().out


def test_check_exits_non_zero_naming_the_failed_check(server_url: URL, monkeypatch, capsys):
    with throwaway_database(server_url, prefix="sims_test_check") as url:
        migrate.upgrade(url)
        engine = create_engine(url)
        with engine.begin() as conn:  # stock with no ledger behind it
            conn.exec_driver_sql("INSERT INTO category (name) VALUES ('c')")
            conn.exec_driver_sql(
                "INSERT INTO warehouse (code, name, country_code) VALUES ('W', 'W', 'GB')"
            )
            conn.exec_driver_sql(
                "INSERT INTO product (sku, name, category_id, unit_price) "
                "SELECT 'S', 'P', category_id, 1 FROM category"
            )
            conn.exec_driver_sql(
                "INSERT INTO stock_level (product_id, warehouse_id, on_hand_qty) "
                "SELECT product_id, warehouse_id, 5 FROM product, warehouse"
            )
        engine.dispose()
        monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
        assert cli.main(["check"]) == 1
    captured = capsys.readouterr()
    assert "FAIL ledger_differs_from_on_hand" in captured.out
    assert "checks found problems" in captured.err


def test_an_empty_result_as_csv_still_has_the_header(database_url: URL, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    argv = ["query", "refunds_due", "--format", "csv", "--output", str(target)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))
        assert cli.main(argv) == 0
    assert target.read_text(encoding="utf-8").startswith("credit_note_id,invoice_id,customer_id,")


def test_a_table_printed_to_a_file_keeps_every_cell_whole(monkeypatch, capsys) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    long_name = "Cordless hammer drill with two batteries, a charger and a case " * 2
    print_rows([{"sku": "ELEC-000123", "name": long_name, "on_hand_qty": 7}])
    printed = capsys.readouterr().out
    assert "ELEC-000123" in printed and long_name.strip() in printed


def test_a_command_on_a_database_not_migrated_says_so(server_url: URL, monkeypatch, capsys):
    with throwaway_database(server_url, prefix="sims_test_bare") as url:
        monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
        assert cli.main(["check"]) == 1
        assert cli.main(["sale", "ship", "1"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert [line.startswith("error: database error 1") for line in errors] == [True, True]
    assert all(line.endswith("(is the database migrated? db migrate)") for line in errors)
