"""`runner.py generate`: loads the data with a summary, refuses a database that holds data
(exit 1, one line naming it and --replace), replaces it when asked, and refuses bad values
whatever the other options."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy.engine import Engine

from sims.checks import run_checks
from tests.support import run_cli, scalar

SCALE = "0.002"

pytestmark = pytest.mark.usefixtures("runner_on_test_database")


def test_generate_loads_verified_data_and_says_how_much(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    code, out, _ = run_cli(capsys, "generate", "--scale", SCALE, "--seed", "5")
    assert code == 0
    lines = scalar(engine, "SELECT COUNT(*) FROM sales_order_line")
    assert re.search(rf"│ sales_order_line +│ {lines:,} +│", out)
    assert "keys and references verified; scale 0.002, seed 5, locale en_US" in out
    assert not any(run_checks(engine).values())


def test_a_second_load_is_refused_without_replace(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    orders = scalar(engine, "SELECT COUNT(*) FROM sales_order")
    code, _, err = run_cli(capsys, "generate", "--scale", "0.003", "--seed", "5")
    assert code == 1
    assert err.startswith("error: database sims_test_")
    assert "already holds data (in category, credit_note, customer," in err
    assert "pass --replace" in err
    assert scalar(engine, "SELECT COUNT(*) FROM sales_order") == orders


def test_keep_existing_keeps_the_data_there_and_loads_nothing(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    orders = scalar(engine, "SELECT COUNT(*) FROM sales_order")
    code, out, _ = run_cli(capsys, "generate", "--scale", "0.003", "--seed", "6", "--keep-existing")
    assert code == 0
    assert "kept the data already in mysql+pymysql://" in out
    assert scalar(engine, "SELECT COUNT(*) FROM sales_order") == orders


def test_replace_loads_the_new_data_instead(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    before = scalar(engine, "SELECT COUNT(*) FROM sales_order")
    code, _, _ = run_cli(capsys, "generate", "--scale", "0.003", "--seed", "5", "--replace")
    assert code == 0
    assert scalar(engine, "SELECT COUNT(*) FROM sales_order") > before
    assert not any(run_checks(engine).values())


def test_the_history_ends_on_the_day_asked_for_and_the_data_holds_its_rules(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    argv = ("--scale", "0.003", "--seed", "5", "--history-end", "2025-06-30", "--replace")
    code, out, _ = run_cli(capsys, "generate", *argv)
    assert code == 0
    assert "history ending 2025-06-30" in out
    newest = scalar(engine, "SELECT DATE(MAX(ordered_at)) FROM sales_order")
    assert str(newest) in {"2025-06-28", "2025-06-29"}  # the last day before the end
    assert not any(run_checks(engine).values())


def test_the_history_can_end_today(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    code, out, _ = run_cli(
        capsys, "generate", "--scale", "0.002", "--seed", "5", "--history-end", "today", "--replace"
    )
    assert code == 0
    ended = dt.date.fromisoformat(re.search(r"history ending (\S+)", out).group(1))
    assert abs(ended - scalar(engine, "SELECT UTC_DATE()")) <= dt.timedelta(days=1)  # midnight
    newest = "SELECT DATEDIFF(%s, MAX(ordered_at)) FROM sales_order"
    assert scalar(engine, newest, (ended,)) <= 2
    assert not any(run_checks(engine).values())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--scale", "0", "--seed", "1"), "error: scale must be above 0 and at most 10, got 0.0"),
        (("--scale", "0.01", "--seed", "-1"), "error: seed must be 0 or more, got -1"),
        (
            ("--scale", "0.01", "--seed", "1", "--locale", "klingon"),
            "error: unknown Faker locale 'klingon'",
        ),
        (
            ("--scale", "0.01", "--seed", "1", "--history-end", "2999-01-01"),
            "error: history end must be a day from 2000-01-01 to today, UTC (",
        ),
        (
            ("--scale", "0.01", "--seed", "1", "--history-end", "1999-12-31"),
            "error: history end must be a day from 2000-01-01 to today, UTC (",
        ),
    ],
)
@pytest.mark.parametrize("mode", ["--replace", "--keep-existing"])
def test_bad_values_are_refused_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str, mode: str
) -> None:
    """Also when the database holds data that --keep-existing would keep."""
    code, out, err = run_cli(capsys, "generate", *argv, mode)
    assert code == 1
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert out == ""
