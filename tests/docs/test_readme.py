"""The README documents every public procedure (a file in sql/ddl/routines whose COMMENT does
not start with 'Internal:') by its call, its parameters in order as the procedure names them
without the p_ prefix: `add_customer(name, email, ...)`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "sql" / "ddl" / "routines"
PROCEDURE = re.compile(r"^CREATE PROCEDURE (\w+)\((.*?)\)$", re.MULTILINE | re.DOTALL)
PARAMETER = re.compile(r"\b(?:IN|OUT|INOUT)\s+p_(\w+)")


def public_procedure_calls() -> list[str]:
    calls = []
    for path in sorted(ROUTINES.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        found = PROCEDURE.search(text)
        if found and "\nCOMMENT 'Internal:" not in text:
            name, parameters = found.groups()
            calls.append(f"`{name}({', '.join(PARAMETER.findall(parameters))})`")
    return calls


def test_the_public_procedures_are_found() -> None:
    assert "`add_customer(name, email, country_code, phone, address_line, city, postal_code)`" in (
        public_procedure_calls()
    )
    assert "`reorder_stock()`" in public_procedure_calls()


@pytest.mark.parametrize("call", public_procedure_calls())
def test_every_public_procedure_is_documented_with_its_parameters(call: str) -> None:
    assert call in (ROOT / "README.md").read_text(encoding="utf-8")
