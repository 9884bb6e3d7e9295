"""The destructive-change lint (`make lint`): a new revision that drops a table or a column,
empties a table or deletes rows, or narrows a column's type or a table's character set is
flagged, naming revision, file and change, unless the revision says it means it with
DESTRUCTIVE = "why"; the repository passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sims import lint_migrations, migrate

REVISION = '''"""A revision written by the lint test."""

import sqlalchemy as sa
from alembic import op

from sims import migrate

{marker}
revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def sql(statement: str) -> str:
    """A revision body line that runs one statement, as revisions do."""
    return f"    migrate.run_statement(migrate.Statement(sql={statement!r}, label='probe'))"


DESTRUCTIVE_CHANGES = {
    "drop column (Alembic op)": (
        '    op.drop_column("product", "name")',
        "drops column product.name",
    ),
    "drop table": ('    migrate.drop_tables(["stock_alert"])', "drops table stock_alert"),
    "shorter varchar": (
        sql("ALTER TABLE product MODIFY COLUMN sku VARCHAR(20) NOT NULL"),
        "shortens varchar(40) in column product.sku",
    ),
    "smaller integer": (
        sql("ALTER TABLE stock_level MODIFY on_hand_qty SMALLINT NOT NULL"),
        "narrows int to smallint in column stock_level.on_hand_qty",
    ),
    "narrowed type (Alembic op)": (
        '    op.alter_column("product", "sku", type_=sa.String(12), existing_nullable=False)',
        "shortens varchar(40) in column product.sku",
    ),
    "truncate": (sql("TRUNCATE TABLE stock_movement"), "empties table stock_movement"),
    "delete every row": (sql("DELETE FROM supplier_review"), "empties table supplier_review"),
    "delete some rows": (
        sql("DELETE FROM stock_alert WHERE status = 'resolved'"),
        "deletes rows from table stock_alert",
    ),
    "delete through an alias": (
        sql("DELETE sa FROM sims.stock_alert AS sa JOIN product AS p USING (product_id)"),
        "deletes rows from table stock_alert",
    ),
    "delete ... using": (
        sql("DELETE FROM a USING supplier_review AS a, supplier AS s"),
        "empties table supplier_review",
    ),
    "create or replace": (
        sql("CREATE OR REPLACE TABLE stock_alert (stock_alert_id BIGINT PRIMARY KEY)"),
        "replaces table stock_alert (its rows are lost)",
    ),
    "narrower character set": (
        sql("ALTER TABLE customer CONVERT TO CHARACTER SET latin1"),
        "converts table customer to latin1 (characters it lacks are lost)",
    ),
}


def add_revision(source_tree: Path, body: str, marker: str = "") -> Path:
    """A new revision after today's head in the copied tree."""
    head = migrate.script_directory().get_current_head()
    path = source_tree / "alembic" / "versions" / "2099_01_01_0999_lint_probe.py"
    path.write_text(REVISION.format(marker=marker, head=head, body=body), encoding="utf-8")
    return path


def probe_findings() -> list[lint_migrations.Finding]:
    """What the lint finds in the probe revision (the repository's own revisions may have
    destructive changes marked as intended)."""
    return [finding for finding in lint_migrations.lint() if finding.revision == "0999"]


@pytest.mark.parametrize(
    ("body", "change"), DESTRUCTIVE_CHANGES.values(), ids=DESTRUCTIVE_CHANGES.keys()
)
def test_a_new_revision_with_a_destructive_change_fails_the_lint(
    source_tree: Path, body: str, change: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = add_revision(source_tree, body)
    assert lint_migrations.main([]) == 1
    errors = capsys.readouterr().err
    assert f"alembic/versions/{path.name}: revision 0999 {change}" in errors
    assert 'DESTRUCTIVE = "why"' in errors
    assert "1 destructive change(s) not marked as intended" in errors


def test_the_same_change_marked_as_intended_passes_and_is_listed(
    source_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, change = DESTRUCTIVE_CHANGES["drop column (Alembic op)"]
    marker = 'DESTRUCTIVE = "product.name moved to product_name_translation in 0998"'
    add_revision(source_tree, body, marker)
    assert lint_migrations.main([]) == 0
    captured = capsys.readouterr()
    assert f"{change} (intended: product.name moved to product_name_translation" in captured.out
    assert captured.err == ""


def test_additive_and_widening_changes_pass(source_tree: Path) -> None:
    body = "\n".join(
        [
            sql("ALTER TABLE product MODIFY COLUMN sku VARCHAR(80) NOT NULL"),
            sql("ALTER TABLE stock_level MODIFY on_hand_qty BIGINT NOT NULL"),
            sql("ALTER TABLE product ADD COLUMN barcode VARCHAR(32) NULL"),
            sql("ALTER TABLE customer CONVERT TO CHARACTER SET utf8mb4"),
            sql("CREATE OR REPLACE TABLE probe_copy (probe_id INT PRIMARY KEY)"),
            '    op.create_table("probe", sa.Column("probe_id", sa.Integer, primary_key=True))',
        ]
    )
    add_revision(source_tree, body)
    assert probe_findings() == []


def test_a_column_narrowed_after_an_earlier_revision_widened_it_is_judged_by_its_last_type(
    source_tree: Path,
) -> None:
    body = "\n".join(
        [
            sql("ALTER TABLE product MODIFY COLUMN sku VARCHAR(80) NOT NULL"),
            sql("ALTER TABLE product MODIFY COLUMN sku VARCHAR(60) NOT NULL"),
        ]
    )
    add_revision(source_tree, body)
    [finding] = probe_findings()
    assert finding.change == "shortens varchar(80) in column product.sku"


def test_the_repository_has_no_unmarked_destructive_change() -> None:
    unmarked = [f.describe() for f in lint_migrations.lint() if not f.intended]
    assert unmarked == []
