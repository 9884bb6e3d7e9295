"""An ER diagram and a data dictionary reverse-engineered from a live database's
information_schema: Mermaid (renders on code hosts), Graphviz DOT/SVG, and Markdown.

Works on any MySQL or MariaDB database, not only sims: it reads keys, foreign keys and
comments, never Python models.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import graphviz
from sqlalchemy.engine import Connection

from sims.schema import TOOLING_TABLES


@dataclass
class Column:
    name: str
    column_type: str
    data_type: str
    nullable: bool
    default: str | None
    comment: str
    keys: list[str] = field(default_factory=list)  # PK, FK, UK


@dataclass
class Table:
    name: str
    comment: str
    columns: list[Column] = field(default_factory=list)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


@dataclass(frozen=True)
class Relation:
    """A foreign key: `table.columns` refers to `referenced_table.referenced_columns`."""

    name: str
    table: str
    columns: tuple[str, ...]
    referenced_table: str
    referenced_columns: tuple[str, ...]
    optional: bool  # the child may exist without a parent (a nullable FK column)
    one_to_one: bool  # the FK columns are unique: at most one child per parent


@dataclass
class Model:
    database: str
    tables: list[Table]
    relations: list[Relation]
    views: list[str]


def _rows(conn: Connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.exec_driver_sql(sql)]


def read_model(conn: Connection) -> Model:
    """Tables, columns, keys and foreign keys of the connection's current database."""
    database = conn.exec_driver_sql("SELECT DATABASE()").scalar_one()
    tables: dict[str, Table] = {
        name: Table(name, comment or "")
        for name, comment in _rows(
            conn,
            "SELECT table_name, table_comment FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
        if name not in TOOLING_TABLES
    }
    for table, name, column_type, data_type, nullable, default, comment in _rows(
        conn,
        "SELECT table_name, column_name, column_type, data_type, is_nullable, column_default, "
        "column_comment FROM information_schema.columns WHERE table_schema = DATABASE() "
        "ORDER BY table_name, ordinal_position",
    ):
        if table in tables:
            tables[table].columns.append(
                Column(name, column_type, data_type, nullable == "YES", default, comment or "")
            )
    unique_sets: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    index_columns: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table, index, non_unique, column in _rows(
        conn,
        "SELECT table_name, index_name, non_unique, column_name FROM information_schema.statistics "
        "WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index",
    ):
        if table in tables and not int(non_unique):
            index_columns[(table, index)].append(column)
    for (table, index), columns in index_columns.items():
        unique_sets[table].append(tuple(columns))
        for column in columns:
            tables[table].column(column).keys.append("PK" if index == "PRIMARY" else "UK")
    fk_columns: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for table, name, column, referenced_table, referenced_column in _rows(
        conn,
        "SELECT table_name, constraint_name, column_name, referenced_table_name, "
        "referenced_column_name FROM information_schema.key_column_usage "
        "WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL "
        "ORDER BY table_name, constraint_name, ordinal_position",
    ):
        if table in tables:
            fk_columns[(table, name, referenced_table)].append((column, referenced_column))
    relations = []
    for (table, name, referenced_table), pairs in sorted(fk_columns.items()):
        columns = tuple(column for column, _ in pairs)
        for column in columns:
            if "FK" not in tables[table].column(column).keys:
                tables[table].column(column).keys.append("FK")
        relations.append(
            Relation(
                name=name,
                table=table,
                columns=columns,
                referenced_table=referenced_table,
                referenced_columns=tuple(referenced for _, referenced in pairs),
                optional=any(tables[table].column(column).nullable for column in columns),
                one_to_one=columns in unique_sets[table],
            )
        )
    for table in tables.values():
        for column in table.columns:
            column.keys = sorted(set(column.keys), key=["PK", "FK", "UK"].index)
    views = [
        name
        for (name,) in _rows(
            conn,
            "SELECT table_name FROM information_schema.views WHERE table_schema = DATABASE() "
            "ORDER BY table_name",
        )
    ]
    return Model(database, list(tables.values()), relations, views)


# --- Mermaid --------------------------------------------------------------------------


def _mermaid_type(column: Column) -> str:
    return column.data_type.replace(" ", "_")


def mermaid(model: Model) -> str:
    """A Markdown page with a Mermaid erDiagram of the tables and foreign keys."""
    lines = [
        "# Entity-relationship diagram",
        "",
        "Reverse-engineered from `information_schema` by `make erd`; do not edit by hand.",
        "Crow's feet: `||` exactly one, `|o` zero or one, `o{` zero or many.",
        "",
        "```mermaid",
        "erDiagram",
    ]
    for relation in model.relations:
        parent_side = "|o" if relation.optional else "||"
        child_side = "o|" if relation.one_to_one else "o{"
        link = f"{parent_side}--{child_side}"
        label = ", ".join(relation.columns)
        lines.append(f'    {relation.referenced_table} {link} {relation.table} : "{label}"')
    for table in model.tables:
        lines.append(f"    {table.name} {{")
        for column in table.columns:
            keys = f" {', '.join(column.keys)}" if column.keys else ""
            lines.append(f"        {_mermaid_type(column)} {column.name}{keys}")
        lines.append("    }")
    lines += ["```", ""]
    return "\n".join(lines)


# --- Graphviz -------------------------------------------------------------------------


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table_label(table: Table) -> str:
    rows = [f'<TR><TD BGCOLOR="#dde6f0" COLSPAN="3"><B>{_html(table.name)}</B></TD></TR>']
    for column in table.columns:
        name = f"<U>{_html(column.name)}</U>" if "PK" in column.keys else _html(column.name)
        rows.append(
            f'<TR><TD ALIGN="LEFT" PORT="{column.name}">{name}</TD>'
            f'<TD ALIGN="LEFT">{_html(column.column_type)}</TD>'
            f'<TD ALIGN="LEFT">{" ".join(column.keys)}</TD></TR>'
        )
    return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0">{"".join(rows)}</TABLE>>'


def graph(model: Model) -> graphviz.Digraph:
    """A Graphviz diagram: one box per table listing its columns; an edge per foreign key,
    crow's foot at the child, a bar (or a circle when optional) at the parent."""
    dot = graphviz.Digraph("erd", format="svg")
    dot.attr(rankdir="LR", fontname="Helvetica", concentrate="false")
    dot.attr("node", shape="plain", fontname="Helvetica", fontsize="10")
    dot.attr("edge", fontname="Helvetica", fontsize="8", dir="both")
    for table in model.tables:
        dot.node(table.name, _table_label(table))
    for relation in model.relations:
        dot.edge(
            f"{relation.table}:{relation.columns[0]}",
            f"{relation.referenced_table}:{relation.referenced_columns[0]}",
            arrowtail="teeodot" if relation.one_to_one else "crowodot",
            arrowhead="teeodot" if relation.optional else "teetee",
            tooltip=relation.name,
        )
    return dot


# --- data dictionary ------------------------------------------------------------------


def _cell(text: str | None) -> str:
    return "" if text is None else str(text).replace("|", "\\|").replace("\n", " ")


def dictionary(model: Model) -> str:
    """The data dictionary: every table and column with its comment, type and keys."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from the table and column COMMENTs by `make erd`; do not edit by hand.",
        "",
    ]
    lines += [f"- [`{t.name}`](#{t.name}): {_cell(t.comment)}" for t in model.tables]
    for table in model.tables:
        lines += ["", f"## {table.name}", "", _cell(table.comment) or "_no comment_", ""]
        lines += ["| column | type | null | default | key | meaning |", "|---|---|---|---|---|---|"]
        for column in table.columns:
            lines.append(
                f"| `{column.name}` | {_cell(column.column_type)} | "
                f"{'yes' if column.nullable else 'no'} | {_cell(column.default)} | "
                f"{' '.join(column.keys)} | {_cell(column.comment)} |"
            )
        references = [r for r in model.relations if r.table == table.name]
        if references:
            lines += ["", "References:", ""]
            lines += [
                f"- `{', '.join(r.columns)}` → `{r.referenced_table}"
                f"({', '.join(r.referenced_columns)})` ({r.name})"
                for r in references
            ]
    if model.views:
        lines += ["", "## Views", ""]
        lines += [f"- `{name}`" for name in model.views]
    lines.append("")
    return "\n".join(lines)
