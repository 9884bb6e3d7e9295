"""The commands refuse an argument the database could not take before anything runs: argparse
names the option and the value (exit 2), where the server would have answered with a raw
error, or a traceback, that names neither."""

from __future__ import annotations

import datetime as dt

import pytest

from sims.cli import main
from sims.commands import arguments

# Should an argument get through, the command reaches the test database, never the embedded one.
pytestmark = pytest.mark.usefixtures("runner_on_test_database")

HUGE = "99999999999999999999"  # past BIGINT UNSIGNED
AN_ID = "expected an id (a whole number of 1 or more)"
A_TIME = "expected a UTC time as YYYY-MM-DD[ HH:MM:SS]"
A_NUMBER = "expected a number such as 0.95"


@pytest.mark.parametrize(
    ("argv", "refused"),
    [
        (["sale", "ship", "-1"], f"argument ORDER_ID: {AN_ID}, got '-1'"),
        (["sale", "ship", HUGE], f"argument ORDER_ID: {AN_ID}, got '{HUGE}'"),
        (["invoice", "pay", "0"], f"argument INVOICE_ID: {AN_ID}, got '0'"),
        (["stock", "transfer", "9", "-1", "2", "1"], f"argument FROM: {AN_ID}, got '-1'"),
        (["stock", "transfer", "9", "1", HUGE, "1"], f"argument TO: {AN_ID}, got '{HUGE}'"),
        (["purchase", "set-line", "1", f"{HUGE}:5"], f"PRODUCT_ID:QTY: {AN_ID}, got '{HUGE}'"),
        (["purchase", "set-line", "1", "0:5"], f"PRODUCT_ID:QTY: {AN_ID}, got '0'"),
        (["stock", "--limit", "-1"], "argument --limit: expected a whole number of 0 or more"),
        (["stock", "--limit", HUGE], f"0 or more, got '{HUGE}'"),
        (["recommend", "--service-level", "nan"], f"--service-level: {A_NUMBER}, got 'nan'"),
        (["recommend", "--service-level", "inf"], f"--service-level: {A_NUMBER}, got 'inf'"),
        (["db", "migrate", "--lock-wait", "inf"], f"--lock-wait: {A_NUMBER}, got 'inf'"),
        (["db", "migrate", "--lock-wait", "-5"], "--lock-wait: expected seconds, 0 or more"),
        (["invoice", "pay", "1", "--paid-at", "2026-13-45"], f"{A_TIME}, got '2026-13-45'"),
        (["invoice", "refund", "1", "--refunded-at", "now"], f"--refunded-at: {A_TIME}"),
        (["mongo", "export", "--batch-size", "0"], "--batch-size: expected a whole number of 1"),
        (
            ["generate", "--scale", "0.01", "--seed", "1", "--history-end", "31/12/2025"],
            "--history-end: expected a day as YYYY-MM-DD or today (UTC), got '31/12/2025'",
        ),
    ],
)
def test_an_argument_the_database_could_not_take_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], argv: list[str], refused: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert refused in capsys.readouterr().err


def test_a_time_given_with_its_offset_is_the_same_instant_in_utc() -> None:
    assert arguments.moment("2026-03-01 10:00:00+02:00") == dt.datetime(2026, 3, 1, 8, 0)
    assert arguments.moment("2026-03-01") == dt.datetime(2026, 3, 1)


def test_a_day_is_a_date_or_today_in_utc() -> None:
    assert arguments.day("2025-06-30") == dt.date(2025, 6, 30)
    before = dt.datetime.now(dt.UTC).date()
    assert before <= arguments.day(" Today ") <= dt.datetime.now(dt.UTC).date()
