"""Destructive-change lint, part of `make lint`: `python -m sims.lint_migrations`.

Flags a revision whose upgrade drops a table or a column, empties a table or deletes rows
from it (TRUNCATE, DELETE, CREATE OR REPLACE TABLE), narrows a column's type (a shorter
VARCHAR, a smaller integer, fewer ENUM values, ...) or converts a table to a character set
other than utf8mb4, unless the revision says it means it: `DESTRUCTIVE = "why this is
intended"`.

What is judged: the upgrade() of every revision after BASELINE. Downgrades are not
judged: a downgrade undoes its own revision, and dropping what that revision created is
its job (0001's downgrade drops every table). The revisions up to BASELINE were reviewed
before this lint existed; moving BASELINE forward is never needed, since a marked
revision passes.

How: each revision's upgrade runs in planning mode (sims.migrate.plan: nothing executes),
which yields the statements from its .sql files and from its Python, Alembic's own
operations included, in order. A small model of the tables (columns and their types, from
CREATE TABLE and ALTER TABLE) follows every revision from the first, so a MODIFY is
compared with the type the column had before.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory

from sims import migrate

BASELINE = "0005"

_NOT_COLUMNS = {"PRIMARY", "CONSTRAINT", "INDEX", "KEY", "UNIQUE", "FOREIGN", "CHECK"}
_NOT_COLUMNS |= {"FULLTEXT", "SPATIAL", "PERIOD", "PARTITION"}
_IDENT = r"`?([\w$]+)`?"
_NOT_ALIASES = {"ON", "USING", "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "STRAIGHT_JOIN"}
_NOT_ALIASES |= {"NATURAL", "ORDER", "LIMIT", "PARTITION"}
# A table name, perhaps qualified by its database (`db`.`t`, db.t): the name is group 1.
_QUALIFIED = r"(?:`?[\w$]+`?\.)?`?([\w$]+)`?"


@dataclass(frozen=True)
class Finding:
    revision: str
    path: str
    change: str
    intended: str | None

    def describe(self) -> str:
        if self.intended:
            return f"{self.path}: {self.change} (intended: {self.intended})"
        return (
            f"{self.path}: revision {self.revision} {self.change}; if that is intended, say "
            'so in the revision: DESTRUCTIVE = "why"'
        )


# --- SQL text helpers --------------------------------------------------------------------


def strip_comments(sql: str) -> str:
    sql = re.sub(r"/\*.*?\*/", " ", sql, flags=re.DOTALL)
    return "\n".join(re.sub(r"(^|\s)(--|#).*$", "", line) for line in sql.splitlines())


def split_top_level(text: str) -> list[str]:
    """Split on commas outside parentheses and quotes."""
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def parenthesised(text: str, start: int) -> tuple[str, int]:
    """The text inside the parenthesis opening at `start`, and the index after it."""
    depth, quote = 0, ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
    return text[start + 1 :], len(text)


_TYPE = re.compile(
    r"^\s*(\w+)\s*(\((?:[^()']|'[^']*')*\))?((?:\s+(?:UNSIGNED|SIGNED|ZEROFILL))*)", re.IGNORECASE
)


def column_type(definition: str) -> str:
    """The type part of a column definition, normalised: 'varchar(40)', 'int unsigned'."""
    match = _TYPE.match(definition)
    if not match:
        return definition.strip().lower()
    base, args, flags = match.group(1).lower(), match.group(2) or "", match.group(3).lower()
    args = re.sub(r"\s+", "", args) if not base.startswith(("enum", "set")) else args
    unsigned = " unsigned" if "unsigned" in flags else ""
    return f"{base}{args}{unsigned}"


# --- types: what narrows ----------------------------------------------------------------

INT_RANK = {"tinyint": 1, "bool": 1, "boolean": 1, "smallint": 2, "mediumint": 3}
INT_RANK |= {"int": 4, "integer": 4, "bigint": 5}
INT_DIGITS = {1: 3, 2: 5, 3: 8, 4: 10, 5: 20}
TEXT_RANK = {"tinytext": 1, "text": 2, "mediumtext": 3, "longtext": 4}
BLOB_RANK = {"tinyblob": 1, "blob": 2, "mediumblob": 3, "longblob": 4}
TEXT_CHARS = {1: 63, 2: 16383, 3: 4194303, 4: 1073741823}  # utf8mb4: 4 bytes a character
FLOAT_RANK = {"float": 1, "double": 2, "real": 2}
DECIMALS = {"decimal", "numeric", "dec", "fixed"}
STRINGS = {"char", "varchar"}
BINARIES = {"binary", "varbinary"}
TIMES = {"date": 0, "datetime": 1, "timestamp": 1}


@dataclass(frozen=True)
class SqlType:
    base: str
    args: tuple[str, ...]
    unsigned: bool

    @classmethod
    def parse(cls, text: str) -> SqlType:
        match = re.match(r"^(\w+)(?:\((.*)\))?( unsigned)?$", text.strip(), re.S)
        if not match:
            return cls(text, (), False)
        args = tuple(a.strip() for a in split_top_level(match.group(2) or ""))
        return cls(match.group(1), args, bool(match.group(3)))

    def number(self, index: int, default: int) -> int:
        try:
            return int(self.args[index])
        except (IndexError, ValueError):
            return default


def narrowing(old_text: str, new_text: str) -> str | None:
    """Why changing a column from `old_text` to `new_text` can lose data, or None."""
    old, new = SqlType.parse(old_text), SqlType.parse(new_text)
    if old == new:
        return None
    for check in (_integers, _decimals, _strings, _texts, _floats, _enums, _times):
        verdict = check(old, new)
        if verdict is not None:
            return verdict or None
    return f"changes type from {old_text} to {new_text}"


# Each check returns None when it does not apply, "" when the change is safe, else why not.


def _integers(old: SqlType, new: SqlType) -> str | None:
    if old.base not in INT_RANK:
        return None
    if new.base in DECIMALS:
        digits = new.number(0, 10) - new.number(1, 0)
        return "" if digits >= INT_DIGITS[INT_RANK[old.base]] else "narrows an integer"
    if new.base not in INT_RANK:
        return None
    if INT_RANK[new.base] < INT_RANK[old.base]:
        return f"narrows {old.base} to {new.base}"
    if new.unsigned and not old.unsigned:
        return "makes a signed integer unsigned (negative values are lost)"
    if old.unsigned and not new.unsigned and INT_RANK[new.base] == INT_RANK[old.base]:
        return "makes an unsigned integer signed of the same size (the top half is lost)"
    return ""


def _decimals(old: SqlType, new: SqlType) -> str | None:
    if old.base not in DECIMALS or new.base not in DECIMALS:
        return None
    old_scale, new_scale = old.number(1, 0), new.number(1, 0)
    old_whole, new_whole = old.number(0, 10) - old_scale, new.number(0, 10) - new_scale
    if new_whole < old_whole or new_scale < old_scale:
        return f"narrows decimal({old.number(0, 10)},{old_scale}) to the new precision"
    return ""


def _strings(old: SqlType, new: SqlType) -> str | None:
    for family in (STRINGS, BINARIES):
        if old.base in family and new.base in family:
            shorter = new.number(0, 1) < old.number(0, 1)
            return f"shortens {old.base}({old.number(0, 1)})" if shorter else ""
    if old.base in STRINGS and new.base in TEXT_RANK:
        short = TEXT_CHARS[TEXT_RANK[new.base]] < old.number(0, 1)
        return f"{new.base} holds fewer characters" if short else ""
    return None


def _texts(old: SqlType, new: SqlType) -> str | None:
    for ranks in (TEXT_RANK, BLOB_RANK):
        if old.base in ranks and new.base in ranks:
            return f"narrows {old.base} to {new.base}" if ranks[new.base] < ranks[old.base] else ""
    return None


def _floats(old: SqlType, new: SqlType) -> str | None:
    if old.base in FLOAT_RANK and new.base in FLOAT_RANK:
        narrower = FLOAT_RANK[new.base] < FLOAT_RANK[old.base]
        return f"narrows {old.base} to {new.base}" if narrower else ""
    return None


def _enums(old: SqlType, new: SqlType) -> str | None:
    if old.base in ("enum", "set") and new.base == old.base:
        removed = sorted(set(old.args) - set(new.args))
        return f"removes {old.base} values {', '.join(removed)}" if removed else ""
    return None


def _times(old: SqlType, new: SqlType) -> str | None:
    if old.base not in TIMES or new.base not in TIMES:
        return None
    if TIMES[new.base] < TIMES[old.base]:
        return f"narrows {old.base} to {new.base} (the time of day is lost)"
    if new.number(0, 0) < old.number(0, 0):
        return "drops fractional seconds"
    return ""


def _match(pattern: str, text: str) -> re.Match | None:
    return re.match(pattern, text, re.IGNORECASE | re.DOTALL)


# --- the table model --------------------------------------------------------------------


class TableModel:
    """Tables and their column types, as the planned statements leave them."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, str]] = {}

    def apply(self, sql: str) -> list[str]:
        """Follow one statement; the destructive changes it makes, described."""
        text = " ".join(strip_comments(sql).split())
        for pattern, handler in (
            (r"^CREATE\s+OR\s+REPLACE\s+(?:TEMPORARY\s+)?TABLE\s+" + _IDENT, self._replace),
            (
                r"^CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _IDENT,
                self._create,
            ),
            (r"^DROP\s+(?:TEMPORARY\s+)?TABLES?\s+(?:IF\s+EXISTS\s+)?(.*)$", self._drop),
            (r"^TRUNCATE\s+(?:TABLE\s+)?" + _IDENT, self._truncate),
            (r"^DELETE\s+(?:LOW_PRIORITY\s+|QUICK\s+|IGNORE\s+)*(.*)$", self._delete),
            (r"^ALTER\s+(?:ONLINE\s+|IGNORE\s+)*TABLE\s+" + _IDENT + r"\s*(.*)$", self._alter),
            (r"^RENAME\s+TABLES?\s+(.*)$", self._rename_tables),
            (r"^DROP\s+(?:DATABASE|SCHEMA)\b", lambda m, t: ["drops the database"]),
        ):
            match = re.match(pattern, text, re.IGNORECASE)
            if match:
                return handler(match, text)
        return []

    def _create(self, match: re.Match, text: str) -> list[str]:
        body, _ = parenthesised(text, text.find("(", match.end()))
        columns = {}
        for definition in split_top_level(body):
            first = definition.split()[0]
            if first.upper() not in _NOT_COLUMNS:
                rest = definition[len(first) :]
                columns[first.strip("`").lower()] = column_type(rest)
        self.tables[match.group(1).lower()] = columns
        return []

    def _drop(self, match: re.Match, text: str) -> list[str]:
        names = [name.strip().strip("`").lower() for name in match.group(1).split(",")]
        for name in names:
            self.tables.pop(name, None)
        return [f"drops table {name}" for name in names if name]

    def _truncate(self, match: re.Match, text: str) -> list[str]:
        return [f"empties table {match.group(1).lower()}"]

    def _replace(self, match: re.Match, text: str) -> list[str]:
        table = match.group(1).lower()
        existed = table in self.tables
        self._create(match, text)
        return [f"replaces table {table} (its rows are lost)"] if existed else []

    def _delete(self, match: re.Match, text: str) -> list[str]:
        """DELETE FROM t ..., DELETE a[, b] FROM t AS a ... and DELETE FROM a[, b] USING ...:
        the tables rows are deleted from, aliases resolved, database qualifiers dropped."""
        rest = match.group(1)
        single = _match(r"^FROM\s+(.*?)(?:\s+USING\s+(.*))?$", rest)
        multi = _match(r"^(.*?)\s+FROM\s+(.*)$", rest)
        if single and single.group(2):  # DELETE FROM targets USING references
            targets, references = single.group(1), single.group(2)
        elif single:  # DELETE FROM table [WHERE ...]
            targets, references = single.group(1).split()[0], ""
        elif multi:  # DELETE targets FROM references
            targets, references = multi.group(1), multi.group(2)
        else:
            return []
        aliases: dict[str, str] = {}
        for table, alias in re.findall(
            r"(?:\bFROM|\bJOIN|,)\s+" + _QUALIFIED + r"(?:\s+(?:AS\s+)?`?([\w$]+)`?)?",
            f"FROM {references}",
            re.IGNORECASE,
        ):
            if alias and alias.upper() not in _NOT_ALIASES:
                aliases.setdefault(alias.lower(), table.lower())
        restricted = re.search(r"\b(?:WHERE|JOIN|LIMIT)\b", text, re.IGNORECASE)
        verb = "deletes rows from" if restricted else "empties"
        findings = []
        for target in split_top_level(targets):
            name = re.match(_QUALIFIED, target.strip().removesuffix(".*"))
            if name:
                table = aliases.get(name.group(1).lower(), name.group(1).lower())
                findings.append(f"{verb} table {table}")
        return findings

    def _rename_tables(self, match: re.Match, text: str) -> list[str]:
        for pair in split_top_level(match.group(1)):
            found = re.match(_IDENT + r"\s+TO\s+" + _IDENT, pair, re.IGNORECASE)
            if found and found.group(1).lower() in self.tables:
                self.tables[found.group(2).lower()] = self.tables.pop(found.group(1).lower())
        return []

    def _alter(self, match: re.Match, text: str) -> list[str]:
        table = match.group(1).lower()
        findings = []
        for spec in split_top_level(match.group(2)):
            findings += self._alter_spec(table, spec)
        return findings

    def _alter_spec(self, table: str, spec: str) -> list[str]:
        columns = self.tables.setdefault(table, {})
        drop = _match(r"^DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?" + _IDENT + r"\s*$", spec)
        if drop and drop.group(1).upper() not in _NOT_COLUMNS:
            columns.pop(drop.group(1).lower(), None)
            return [f"drops column {table}.{drop.group(1).lower()}"]
        modify = _match(r"^MODIFY\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?" + _IDENT + r"\s+(.*)$", spec)
        change = _match(
            r"^CHANGE\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?" + _IDENT + r"\s+" + _IDENT + r"\s+(.*)$",
            spec,
        )
        if modify or change:
            old_name = (modify or change).group(1).lower()
            new_name = change.group(2).lower() if change else old_name
            new_type = column_type((modify or change).groups()[-1])
            old_type = columns.pop(old_name, None)
            columns[new_name] = new_type
            if old_type is None:
                return [f"changes the type of {table}.{old_name}, whose type before is unknown"]
            why = narrowing(old_type, new_type)
            return [f"{why} in column {table}.{old_name}"] if why else []
        add = _match(r"^ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?" + _IDENT + r"\s+(.*)$", spec)
        if add and add.group(1).upper() not in _NOT_COLUMNS:
            columns[add.group(1).lower()] = column_type(add.group(2))
            return []
        rename = _match(r"^RENAME\s+COLUMN\s+" + _IDENT + r"\s+TO\s+" + _IDENT, spec)
        if rename and rename.group(1).lower() in columns:
            columns[rename.group(2).lower()] = columns.pop(rename.group(1).lower())
            return []
        rename_table = _match(r"^RENAME\s+(?:TO\s+|AS\s+)?" + _IDENT + r"\s*$", spec)
        if rename_table:
            self.tables[rename_table.group(1).lower()] = self.tables.pop(table)
            return []
        convert = _match(r"^CONVERT\s+TO\s+(?:CHARACTER\s+SET|CHARSET)\s*=?\s*(\w+)", spec)
        if convert and convert.group(1).lower() != "utf8mb4":
            charset = convert.group(1).lower()
            if charset == "default":
                charset = "the database's default character set"
            return [f"converts table {table} to {charset} (characters it lacks are lost)"]
        return []


# --- the lint ---------------------------------------------------------------------------


def statement_text(item: migrate.Statement | str) -> str:
    return item.sql if isinstance(item, migrate.Statement) else item


def lint(script_location: Path | None = None, baseline: str | None = BASELINE) -> list[Finding]:
    """Every destructive change in the judged revisions' upgrades, marked or not."""
    script = ScriptDirectory(str(script_location or migrate.alembic_dir()))
    chain = list(reversed(list(script.walk_revisions("base", "heads"))))
    judged = not baseline
    model = TableModel()
    findings = []
    for rev in chain:
        intended = getattr(rev.module, "DESTRUCTIVE", None)
        for item in migrate.plan(rev.module.upgrade, "sims"):
            for change in model.apply(statement_text(item)):
                if judged:
                    path = migrate.relative_path(Path(rev.path))
                    findings.append(Finding(rev.revision, path, change, intended or None))
        if rev.revision == baseline:
            judged = True
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=Path, help="Alembic script directory (default: ours)")
    args = parser.parse_args(argv)
    findings = lint(args.versions)
    unmarked = [finding for finding in findings if not finding.intended]
    for finding in findings:
        print(finding.describe(), file=sys.stderr if not finding.intended else sys.stdout)
    if unmarked:
        print(f"{len(unmarked)} destructive change(s) not marked as intended", file=sys.stderr)
        return 1
    print(f"destructive-change lint: no unmarked destructive change after revision {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
