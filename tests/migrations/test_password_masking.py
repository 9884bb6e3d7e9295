"""Passwords in database URLs never show: not in the runner's output, not in its error
lines, not in log records, whatever characters they hold (a raw @, % sequences, : / #)."""

from __future__ import annotations

import logging
import socket

import pytest
from sqlalchemy.engine import URL

from sims import cli, config
from sims.commands.db import masked_logging
from sims.config import mask_password, register_secret, url_problem

# Every password holds these three pieces: none may show, whole or in part.
PIECES = ("Zq9x", "Wv7k", "Lm3n")
PASSWORDS = {
    "plain": "Zq9xWv7kLm3n",
    "raw @": "Zq9x@Wv7k@Lm3n",
    "% sequences": "Zq9x%40Wv7k%Lm3n",
    ": / #": "Zq9x:Wv7k/Lm3n#",
}


@pytest.fixture(autouse=True)
def no_passwords_known_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty registry of passwords to mask, so none passes on
    what an earlier test registered."""
    monkeypatch.setattr(config, "_SECRETS", set())


def shown_pieces(text: str) -> list[str]:
    return [piece for piece in PIECES if piece in text]


def free_port() -> int:
    """A port on which nothing listens (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["wrong password", "unreachable port"])
def target(request: pytest.FixtureRequest, server_url: URL) -> tuple[str, str, int]:
    """The account, host and port of a database the password cannot open."""
    port = (server_url.port or 3306) if request.param == "wrong password" else free_port()
    return server_url.username or "root", server_url.host or "127.0.0.1", port


COMMANDS = {
    "status": ["db", "status"],
    "migrate": ["db", "migrate", "--lock-wait", "1"],
    "validate": ["db", "validate"],
    "diff": ["db", "diff", "--url", "{url}"],
    "clone": ["db", "clone", "--url", "{url}", "--to", "sims_test_never_made"],
}


def assert_commands_hide(
    password: str,
    target: tuple[str, str, int],
    commands: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each command fails (exit 1) on a URL with the password, in DATABASE_URL or --url,
    and shows the URL masked, never the password."""
    user, host, port = target
    url = f"mysql+pymysql://{user}:{password}@{host}:{port}/sims_test_masking"
    for name in commands:
        command = COMMANDS[name]
        if "{url}" in command:
            monkeypatch.delenv("DATABASE_URL", raising=False)
        else:
            monkeypatch.setenv("DATABASE_URL", url)
        assert cli.main([part.format(url=url) for part in command]) == 1, name
        captured = capsys.readouterr()
        shown = captured.out + captured.err
        assert shown_pieces(shown) == [], f"db {name} showed the password:\n{shown}"
        assert f"{user}:***@{host}:{port}/sims_test_masking" in shown, f"db {name}:\n{shown}"
        assert captured.err.startswith("error: database error"), f"db {name}:\n{shown}"


def test_no_db_command_shows_a_password_holding_at_signs(
    target: tuple[str, str, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert_commands_hide(PASSWORDS["raw @"], target, list(COMMANDS), monkeypatch, capsys)


@pytest.mark.parametrize("password", PASSWORDS.values(), ids=PASSWORDS.keys())
def test_no_password_shows_through_database_url_or_the_url_option(
    password: str,
    server_url: URL,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host, port = server_url.host or "127.0.0.1", server_url.port or 3306
    wrong_password = (server_url.username or "root", host, port)
    assert_commands_hide(password, wrong_password, ["status", "diff"], monkeypatch, capsys)


def test_a_url_that_does_not_parse_is_refused_with_its_password_masked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for password in PASSWORDS.values():
        monkeypatch.setenv("DATABASE_URL", f"mysql+pymysql//root:{password}@127.0.0.1/sims")
        assert cli.main(["db", "migrate"]) == 1
        captured = capsys.readouterr()
        assert "does not parse as a database URL" in captured.err
        assert "root:***@127.0.0.1/sims" in captured.err
        assert shown_pieces(captured.out + captured.err) == []


@pytest.mark.parametrize("password", PASSWORDS.values(), ids=PASSWORDS.keys())
def test_mask_password_hides_the_whole_password(password: str) -> None:
    url = f"mysql+pymysql://sims_owner:{password}@db.internal:3306/sims"
    assert mask_password(url) == "mysql+pymysql://sims_owner:***@db.internal:3306/sims"


def test_log_records_are_masked_while_a_command_runs(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"mysql+pymysql://sims_owner:{PASSWORDS['raw @']}@db.internal/sims"
    register_secret(url)
    with masked_logging(verbose=True):
        logging.getLogger("alembic.runtime.migration").info("connecting to %s", url)
        logging.getLogger("sims.migration_lock").warning("retrying with %r", PASSWORDS["raw @"])
        logging.getLogger("sqlalchemy.pool.impl").warning("%s: connection lost", url)
    logged = capsys.readouterr().err
    assert "connecting to mysql+pymysql://sims_owner:***@db.internal/sims" in logged
    assert "retrying with '***'" in logged
    assert "sims_owner:***@db.internal/sims: connection lost" in logged
    assert shown_pieces(logged) == []


@pytest.mark.parametrize("scheme", ["postgresql", "mysql+mysqldb", "sqlite"])
def test_a_url_for_another_database_or_driver_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys, scheme: str
) -> None:
    url = f"{scheme}://someone:{PASSWORDS['plain']}@db.example/x?sslmode=require"
    monkeypatch.setenv("DATABASE_URL", url)
    assert cli.main(["query", "low_stock"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: unsupported database URL {scheme}://someone:***@db.example/x")
    assert shown_pieces(error) == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql+pymysql://root:{pw}@127.0.0.1:abc/x", "its port is not a number"),
        ("mysql+pymysql://root:{pw}@[::1/x", "its port is not a number"),
        ("mysql+pymysql://root:{pw}@127.0.0.1:99999/x", "port 99999 is not between 1 and 65535"),
        ("mysql+pymysql://root:{pw}@127.0.0.1/x?foo=bar", "PyMySQL takes no option foo"),
    ],
)
def test_a_database_url_that_cannot_work_is_one_line_naming_the_fault(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, problem: str
) -> None:
    url = url.format(pw=PASSWORDS["plain"])
    monkeypatch.setenv("DATABASE_URL", url)
    assert cli.main(["stock"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: DATABASE_URL ") and error.rstrip().endswith(problem)
    assert shown_pieces(error) == []
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(SystemExit) as exited:
        cli.main(["db", "diff", "--url", url])
    assert exited.value.code == 2
    refused = capsys.readouterr().err
    assert "argument --url: " in refused and problem in refused
    assert shown_pieces(refused) == []


def test_diff_of_a_url_that_names_no_database_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"mysql+pymysql://root:{PASSWORDS['plain']}@127.0.0.1:1/"
    assert cli.main(["db", "diff", "--url", url]) == 1
    error = capsys.readouterr().err.strip()
    masked = "mysql+pymysql://root:***@127.0.0.1:1/"
    assert error == f"error: the database URL {masked} names no database"


def test_the_connection_options_a_url_may_carry_pass_the_check() -> None:
    options = "ssl_ca=/ca.pem&ssl_check_hostname=false&connect_timeout=5&unix_socket=/run/s"
    assert url_problem(f"mysql+pymysql://root@db.example/sims?{options}") is None
