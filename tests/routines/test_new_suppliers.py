"""add_supplier (revision 0035), update_supplier (revision 0042) and `runner.py supplier
add|update`: a supplier is registered with its values trimmed, its country code upper case
and blank optional texts as NULL, may then make offers that reordering buys on, and is
refused, naming the value, for a blank name or one another supplier has (case and accents
aside), an e-mail address given that does not look like one, a country code that is not two
letters, and a text longer than its column. An update changes the values given, clears a
blank optional one, and refuses as an addition does."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.engine import Engine

from tests import support
from tests.support import assert_refused, call, printed_rows, run_cli, scalar, unknown_id

NO_EXTRAS = (None, None, None, None, None)  # contact, e-mail, phone, address line, city
TWO_LETTERS = "country code must be two letters (ISO 3166-1, such as GB), got"
SERIAL = itertools.count(1)


def stored(engine: Engine, supplier_id: int) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT name, country_code, contact_name, email, phone, address_line, city, "
                "is_active FROM supplier WHERE supplier_id = %s",
                (supplier_id,),
            ).one()
        )


def test_a_supplier_is_stored_trimmed_and_active_and_reordering_may_buy_from_it(
    engine: Engine,
) -> None:
    [row] = call(
        engine, "add_supplier", " Brass & Co\n", " fr ", "\tMarie ", " orders@brass.test ",
        "  ", "1 Rue du Port", "",
    )  # fmt: skip
    supplier = row["supplier_id"]
    assert stored(engine, supplier) == (
        "Brass & Co", "FR", "Marie", "orders@brass.test", None, "1 Rue du Port", None, 1,
    )  # fmt: skip
    with engine.begin() as conn:
        product, warehouse = support.product(conn), support.warehouse(conn)
        support.stock_level(conn, product, warehouse, 0, 2, 10)
    call(engine, "set_supplier_offer", product, supplier, "BR-1", 2.5, 3, 1, 1, 1)
    [line] = [row for row in call(engine, "reorder_stock") if row["product_id"] == product]
    assert (line["supplier_id"], line["ordered_qty"]) == (supplier, 10)


def test_the_e_mail_address_is_optional(engine: Engine) -> None:
    [row] = call(engine, "add_supplier", "No Mail Ltd", "GB", None, " \t", None, None, None)
    assert stored(engine, row["supplier_id"]) == ("No Mail Ltd", "GB", *[None] * 5, 1)


def test_a_name_belongs_to_one_supplier_case_and_ends_aside(engine: Engine) -> None:
    call(engine, "add_supplier", "Anvil Works", "GB", *NO_EXTRAS)
    assert_refused(
        engine,
        "add_supplier",
        ("ANVIL works\n", "DE", *NO_EXTRAS),
        "supplier 'ANVIL works' already exists",
    )


@pytest.mark.parametrize(
    ("name", "country", "email", "message"),
    [
        (None, "GB", None, "supplier name must not be blank, got NULL"),
        ("\t ", "GB", None, "supplier name must not be blank, got '\t '"),
        ("N" * 201, "GB", None, "supplier name is longer than 200 characters: NNN"),
        ("A", None, None, f"{TWO_LETTERS} NULL"),
        ("A", "GBR", None, f"{TWO_LETTERS} 'GBR'"),
        ("A", "G" + " " * 20_000 + "B", None, f"{TWO_LETTERS} 'G   "),
        ("A", "GB", "sales.example.test", "e-mail must look like name@example.com, got 'sales.ex"),
        ("A", "GB", "a@b.test x", "e-mail must look like name@example.com, got 'a@b.test x'"),
        ("A", "GB", "a@" + "e" * 250 + ".test", "e-mail is longer than 254 characters: a@eee"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_by_name(
    engine: Engine, name: str | None, country: str | None, email: str | None, message: str
) -> None:
    assert_refused(engine, "add_supplier", (name, country, None, email, None, None, None), message)


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        (("c" * 201, None, None, None, None), "contact name is longer than 200 characters"),
        ((None, None, "5" * 41, None, None), "phone is longer than 40 characters"),
        ((None, None, None, "x" * 201, None), "address line is longer than 200 characters"),
        ((None, None, None, None, "x" * 101), "city is longer than 100 characters"),
    ],
)
def test_an_optional_text_longer_than_its_column_is_refused_by_name(
    engine: Engine, extras: tuple, message: str
) -> None:
    assert_refused(engine, "add_supplier", ("Long Texts Ltd", "GB", *extras), message)


def test_an_update_changes_the_values_given_and_clears_blank_optional_ones(
    engine: Engine,
) -> None:
    [row] = call(
        engine, "add_supplier", "Forge Ltd", "GB", "Ann", "ann@forge.test", "+44 2", None, "York"
    )
    supplier = row["supplier_id"]
    [updated] = call(
        engine, "update_supplier", supplier, "FORGE ltd\n", "ie", None, "", None, "1 Quay", None
    )
    assert stored(engine, supplier) == (
        "FORGE ltd", "IE", "Ann", None, "+44 2", "1 Quay", "York", 1,
    )  # fmt: skip
    assert (updated["name"], updated["email"]) == ("FORGE ltd", None)  # its own name, recased


@pytest.fixture()
def two_suppliers(engine: Engine) -> tuple[int, str]:
    """A supplier to update, and the name of another."""
    n = next(SERIAL)
    call(engine, "add_supplier", f"Taken {n}", "GB", *NO_EXTRAS)
    [row] = call(engine, "add_supplier", f"Updated {n}", "GB", *NO_EXTRAS)
    return row["supplier_id"], f"Taken {n}"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((None,) * 7, "nothing to change for supplier {supplier}: give a value to change"),
        ((" ",) + (None,) * 6, "supplier name must not be blank, got ' '"),
        (("{taken}",) + (None,) * 6, "supplier '{taken}' already exists"),
        ((None, "G") + (None,) * 5, f"{TWO_LETTERS} 'G'"),
        ((None, None, None, "nobody") + (None,) * 3, "e-mail must look like name@example.com"),
        ((None, None, "c" * 201) + (None,) * 4, "contact name is longer than 200 characters"),
    ],
)
def test_an_update_is_refused_by_name_for_what_an_addition_refuses(
    engine: Engine, two_suppliers: tuple[int, str], change: tuple, message: str
) -> None:
    supplier, taken = two_suppliers
    change = tuple(taken if value == "{taken}" else value for value in change)
    assert_refused(
        engine,
        "update_supplier",
        (supplier, *change),
        message.format(supplier=supplier, taken=taken),
    )


def test_updating_an_unknown_supplier_is_refused(engine: Engine) -> None:
    missing = unknown_id(engine, "supplier")
    assert_refused(
        engine, "update_supplier", (missing, "A", *[None] * 6), f"unknown supplier {missing}"
    )


@pytest.mark.usefixtures("runner_on_test_database")
def test_supplier_update_prints_the_supplier_and_clears_an_empty_option(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    [row] = call(engine, "add_supplier", "Cli Update Ltd", "FR", "Jo", *[None] * 4)
    supplier = row["supplier_id"]
    code, out, _ = run_cli(
        capsys, "supplier", "update", supplier, "--contact", "", "--city", "Lyon"
    )
    assert code == 0 and "supplier updated" in out
    assert stored(engine, supplier) == ("Cli Update Ltd", "FR", None, None, None, None, "Lyon", 1)


@pytest.mark.usefixtures("runner_on_test_database")
def test_supplier_add_prints_the_new_id_and_a_refusal_as_one_line(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    argv = ("supplier", "add", "--name", "Cli Supplier", "--country", "nl")
    code, out, _ = run_cli(capsys, *argv, "--email", "cli@supplier.test")
    assert code == 0
    supplier = scalar(engine, "SELECT supplier_id FROM supplier WHERE name = 'Cli Supplier'")
    assert "supplier added" in out
    assert [row["supplier_id"] for row in printed_rows(out)] == [str(supplier)]
    assert stored(engine, supplier) == (
        "Cli Supplier", "NL", None, "cli@supplier.test", None, None, None, 1,
    )  # fmt: skip
    code, _, err = run_cli(capsys, *argv)
    assert code == 1
    assert err == "error: supplier 'Cli Supplier' already exists\n"
