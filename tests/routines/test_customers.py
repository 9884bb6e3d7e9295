"""add_customer (revision 0033), update_customer (revision 0042) and `runner.py customer
add|update`: a customer is registered with its values trimmed, its country code upper case
and blank optional texts as NULL, may then buy, and is refused, naming the value, for a
blank name, an e-mail address that does not look like one or is already a customer's (case
and accents aside), a country code that is not two letters, and a text longer than its
column. An update changes the values given, clears a blank optional one, and refuses as an
addition does."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_refused, call, run_cli, unknown_id

NO_EXTRAS = (None, None, None, None)  # phone, address line, city, postal code
SERIAL = itertools.count(1)
TWO_LETTERS = "country code must be two letters (ISO 3166-1, such as GB), got"


def stored(engine: Engine, customer_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT name, email, country_code, phone, address_line, city, postal_code "
                "FROM customer WHERE customer_id = %s",
                (customer_id,),
            ).one()
        )


def test_a_customer_is_stored_trimmed_with_an_upper_case_country_and_may_then_buy(
    engine: Engine,
) -> None:
    [row] = call(
        engine, "add_customer", "  Ada Lovelace Ltd ", " ada@example.test ", " gb ",
        " +44 20 7946 0000 ", "12 Analytical Row", "   ", "",
    )  # fmt: skip
    customer = row["customer_id"]
    assert stored(engine, customer) == (
        "Ada Lovelace Ltd", "ada@example.test", "GB", "+44 20 7946 0000", "12 Analytical Row",
        None, None,
    )  # fmt: skip
    with engine.begin() as conn:
        product, warehouse = support.product(conn), support.warehouse(conn)
        support.stock_level(conn, product, warehouse, on_hand_qty=3)
    call(engine, "sell_at_counter", customer, warehouse, support.order_lines((product, 1)))
    support.assert_data_sound(engine)


def test_white_space_of_any_kind_is_cut_from_the_ends_of_the_texts(engine: Engine) -> None:
    """Tabs and line breaks too, where TRIM cuts only spaces; the country code is a code, and
    loses its spaces only."""
    [row] = call(
        engine, "add_customer", "\tEdsger Dijkstra\n", "edsger@example.test\r\n", " nl ",
        "\t", "\n", " \t ", "1234 AB\n",
    )  # fmt: skip
    assert stored(engine, row["customer_id"]) == (
        "Edsger Dijkstra", "edsger@example.test", "NL", None, None, None, "1234 AB",
    )  # fmt: skip


def test_an_e_mail_address_belongs_to_one_customer_case_and_ends_aside(engine: Engine) -> None:
    call(engine, "add_customer", "Grace Hopper", "grace@example.test", "US", *NO_EXTRAS)
    for again in ("Grace@Example.TEST", "grace@example.test\n"):
        assert_refused(
            engine,
            "add_customer",
            ("Grace H.", again, "US", *NO_EXTRAS),
            "e-mail 'grace@example.test' is already a customer's"
            if again.endswith("\n")
            else "e-mail 'Grace@Example.TEST' is already a customer's",
        )


@pytest.mark.parametrize(
    ("name", "email", "country", "message"),
    [
        (None, "a@example.test", "GB", "customer name must not be blank, got NULL"),
        ("  ", "a@example.test", "GB", "customer name must not be blank, got '  '"),
        ("A", None, "GB", "e-mail must look like name@example.com, got NULL"),
        ("A", "a.example.test", "GB", "e-mail must look like name@example.com, got 'a.example"),
        ("A", "a b@example.test", "GB", "must look like name@example.com, got 'a b@example.test'"),
        ("A", "a@example", "GB", "e-mail must look like name@example.com, got 'a@example'"),
        ("A", "a@@example.test", "GB", "e-mail must look like name@example.com, got 'a@@"),
        ("A", "a@exam\tple.test", "GB", "e-mail must look like name@example.com, got 'a@exam\t"),
        ("A", "a@exam\nple.test", "GB", "e-mail must look like name@example.com, got 'a@exam\n"),
        ("\t\n", "a@example.test", "GB", "customer name must not be blank, got '\t\n'"),
        ("A", "a@example.test", None, f"{TWO_LETTERS} NULL"),
        ("A", "a@example.test", "GBR", f"{TWO_LETTERS} 'GBR'"),
        ("A", "a@example.test", "1A", "got '1A'"),
        ("A", "a@example.test", "GB\n", "got 'GB\n'"),
        ("A", "a@example.test", "G" + "\n" * 20_000 + "B", f"{TWO_LETTERS} 'G\n\n"),  # at once
        ("A", "a@example.test", "Ü", "got 'Ü'"),
        ("N" * 201, "a@example.test", "GB", "customer name is longer than 200 characters: NNN"),
        ("A", "a@" + "e" * 250 + ".test", "GB", "e-mail is longer than 254 characters: a@eee"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_by_name(
    engine: Engine, name: str | None, email: str | None, country: str | None, message: str
) -> None:
    assert_refused(engine, "add_customer", (name, email, country, *NO_EXTRAS), message)


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        (("5" * 41, None, None, None), "phone is longer than 40 characters"),
        ((None, "x" * 201, None, None), "address line is longer than 200 characters"),
        ((None, None, "x" * 101, None), "city is longer than 100 characters"),
        ((None, None, None, "9" * 21), "postal code is longer than 20 characters"),
    ],
)
def test_an_optional_text_longer_than_its_column_is_refused_by_name(
    engine: Engine, extras: tuple, message: str
) -> None:
    assert_refused(engine, "add_customer", ("A", "x@example.test", "GB", *extras), message)


@pytest.mark.usefixtures("runner_on_test_database")
def test_customer_update_prints_the_customer_and_clears_an_empty_option(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    [row] = call(
        engine, "add_customer", "Cli Update", "cliupd@example.test", "FR", "+33 1", None, None, None
    )
    customer = row["customer_id"]
    code, out, _ = run_cli(capsys, "customer", "update", customer, "--phone", "", "--city", "Lyon")
    assert code == 0 and "customer updated" in out
    assert stored(engine, customer) == (
        "Cli Update", "cliupd@example.test", "FR", None, None, "Lyon", None,
    )  # fmt: skip


@pytest.mark.usefixtures("runner_on_test_database")
def test_customer_add_prints_the_new_id_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    argv = ("customer", "add", "--name", "Cli Customer", "--email", "cli@example.test")
    code, out, _ = run_cli(capsys, *argv, "--country", "de", "--city", "Köln")
    assert code == 0
    customer = support.scalar(
        engine, "SELECT customer_id FROM customer WHERE email = 'cli@example.test'"
    )
    assert "customer added" in out and str(customer) in out
    assert stored(engine, customer)[2::3] == ("DE", "Köln")
    code, _, err = run_cli(capsys, *argv, "--country", "DE")
    assert code == 1
    assert err == "error: e-mail 'cli@example.test' is already a customer's\n"


def test_an_update_changes_the_values_given_and_clears_blank_optional_ones(
    engine: Engine,
) -> None:
    [row] = call(
        engine, "add_customer", "Alan Turing", "alan@example.test", "GB",
        "+44 1", "Bletchley Park", "Milton Keynes", "MK3 6EB",
    )  # fmt: skip
    customer = row["customer_id"]
    [updated] = call(
        engine, "update_customer", customer, None, " Alan@Turing.test\n", "ie", "  ", None,
        "Dublin", None,
    )  # fmt: skip
    assert stored(engine, customer) == (
        "Alan Turing", "Alan@Turing.test", "IE", None, "Bletchley Park", "Dublin", "MK3 6EB",
    )  # fmt: skip
    assert (updated["email"], updated["city"]) == ("Alan@Turing.test", "Dublin")
    # Its own address again, in another case, is not another customer's.
    call(engine, "update_customer", customer, None, "alan@turing.test", *[None] * 5)
    assert stored(engine, customer)[:2] == ("Alan Turing", "alan@turing.test")


@pytest.fixture()
def two_customers(engine: Engine) -> tuple[int, str]:
    """A customer to update, and the e-mail address of another."""
    n = next(SERIAL)
    call(engine, "add_customer", "Taken", f"taken{n}@example.test", "GB", *NO_EXTRAS)
    [row] = call(engine, "add_customer", "Updated", f"updated{n}@example.test", "GB", *NO_EXTRAS)
    return row["customer_id"], f"taken{n}@example.test"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((None,) * 7, "nothing to change for customer {customer}: give a value to change"),
        (("\t",) + (None,) * 6, "customer name must not be blank, got '\t'"),
        ((None, " ") + (None,) * 5, "e-mail must look like name@example.com, got ' '"),
        ((None, "{taken}") + (None,) * 5, "e-mail '{taken}' is already a customer's"),
        ((None, None, "") + (None,) * 4, f"{TWO_LETTERS} ''"),
        ((None,) * 3 + ("5" * 41, None, None, None), "phone is longer than 40 characters"),
    ],
)
def test_an_update_is_refused_by_name_for_what_an_addition_refuses(
    engine: Engine, two_customers: tuple[int, str], change: tuple, message: str
) -> None:
    customer, taken = two_customers
    change = tuple(taken if value == "{taken}" else value for value in change)
    assert_refused(
        engine,
        "update_customer",
        (customer, *change),
        message.format(customer=customer, taken=taken),
    )


def test_an_unknown_customer_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "customer")
    assert_refused(
        engine, "update_customer", (missing, "A", *[None] * 6), f"unknown customer {missing}"
    )
