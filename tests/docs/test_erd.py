"""The ER diagram and data dictionary are read from information_schema, work on any
database, and the committed copies match the migrated schema."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.engine import URL, Engine

from sims import cli, erd
from sims.commands.docs import DICTIONARY, EER_DIR
from sims.db import create_engine
from sims.roles import throwaway_database


@pytest.fixture(scope="module")
def sims_model(engine: Engine) -> erd.Model:
    with engine.connect() as conn:
        return erd.read_model(conn)


@pytest.mark.parametrize(
    ("committed", "render"),
    [
        (EER_DIR / "erd.md", erd.mermaid),
        (EER_DIR / "erd.dot", lambda model: erd.graph(model).source),
        (DICTIONARY, erd.dictionary),
    ],
    ids=["mermaid", "graphviz", "dictionary"],
)
def test_committed_documents_match_the_migrated_schema(sims_model, committed, render) -> None:
    assert committed.read_text(encoding="utf-8") == render(sims_model), (
        f"{committed.name} is stale: run `make erd` and commit the result"
    )


def test_every_foreign_key_is_drawn(sims_model: erd.Model) -> None:
    diagram = erd.mermaid(sims_model)
    assert 'product ||--o{ sales_order_line : "product_id"' in diagram
    assert 'stock_level ||--o{ stock_movement : "product_id, warehouse_id"' in diagram
    assert 'sales_order ||--o| invoice : "sales_order_id"' in diagram, "one invoice per order"
    assert 'warehouse |o--o{ stock_movement : "counterpart_warehouse_id"' in diagram


def test_the_svg_is_drawn_by_graphviz(sims_model: erd.Model) -> None:
    assert shutil.which("dot"), "Graphviz is needed: make graphviz-binaries"
    svg = erd.graph(sims_model).pipe(format="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "stock_movement" in svg and "balance_after_qty" in svg


@pytest.fixture(scope="module")
def foreign_database(server_url: URL):
    """A small database that is not sims: a self reference, a composite key, a nullable FK,
    a one-to-one link and a table without comments."""
    statements = [
        "CREATE TABLE team (id INT PRIMARY KEY, parent_id INT NULL, "
        "FOREIGN KEY (parent_id) REFERENCES team (id)) COMMENT 'Teams'",
        "CREATE TABLE person (team_id INT, seq INT, name TEXT COMMENT 'Full name', "
        "PRIMARY KEY (team_id, seq), FOREIGN KEY (team_id) REFERENCES team (id))",
        "CREATE TABLE badge (badge_id INT PRIMARY KEY, team_id INT NOT NULL, seq INT NOT NULL, "
        "UNIQUE (team_id, seq), CONSTRAINT badge_owner FOREIGN KEY (team_id, seq) "
        "REFERENCES person (team_id, seq))",
    ]
    with throwaway_database(server_url, prefix="erd_foreign") as url:
        engine = create_engine(url)
        with engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        with engine.connect() as conn:
            yield erd.read_model(conn)
        engine.dispose()


def test_any_database_can_be_drawn(foreign_database: erd.Model) -> None:
    diagram = erd.mermaid(foreign_database)
    assert 'team |o--o{ team : "parent_id"' in diagram
    assert 'team ||--o{ person : "team_id"' in diagram
    assert 'person ||--o| badge : "team_id, seq"' in diagram
    assert "int team_id PK, FK" in diagram


def test_the_dictionary_shows_comments_and_their_absence(foreign_database: erd.Model) -> None:
    text = erd.dictionary(foreign_database)
    assert "| `name` | text | yes |" in text and "Full name" in text
    assert "## badge\n\n_no comment_" in text
    assert "`team_id, seq` → `person(team_id, seq)` (badge_owner)" in text


def test_erd_elsewhere_writes_its_dictionary_there_and_leaves_the_committed_one(
    database_url: URL, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url.render_as_string(hide_password=False))
    committed = DICTIONARY.stat().st_mtime_ns
    assert cli.main(["erd", "--out", str(tmp_path / "eer")]) == 0
    assert sorted(p.name for p in (tmp_path / "eer").iterdir()) == [
        "dictionary.md", "erd.dot", "erd.md", "erd.svg",
    ]  # fmt: skip
    assert DICTIONARY.stat().st_mtime_ns == committed
    assert "dictionary.md" in capsys.readouterr().out
