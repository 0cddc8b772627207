"""Cell values of the Bestandsaufnahme: how stored attributes are shown, how answers are read.

Answers are read with the importer itself (:func:`netzkarte.io.build.build_map`), so a new
partner, a corrected own record or a new offer is understood exactly like a row of the
template: labels, spelling variants, dates like ``Herbst 2019``, several life phases in one
cell. Raw text that cannot be read stays in the node's ``extra`` under its header and the
problem is reported with the answer's own sheet and row.

>>> shown(("kita", "primary")) is None  # plain strings are not enum members
False
>>> from netzkarte.vocab import LifePhase, Strength
>>> shown((LifePhase.KITA, LifePhase.PRIMARY)), shown(Strength(3)), shown(True)
('3–6 Jahre (Kita); 6–10 Jahre (Grundschule)', '3 Koordination', 'ja')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from netzkarte.errors import Issue, IssueCode
from netzkarte.io.build import build_map
from netzkarte.io.cells import cell_text
from netzkarte.io.template import cell_label
from netzkarte.schema import SHEETS, Sheet
from netzkarte.vocab import fold

__all__ = ["ParsedRecord", "parse_records", "same_value", "shown", "text_of"]

_SKIPPED_CODES = frozenset({
    IssueCode.EMPTY_SHEET, IssueCode.GENERATED_ID, IssueCode.UNKNOWN_CATEGORY,
    IssueCode.GUESSED_CATEGORY, IssueCode.AMBIGUOUS_CATEGORY, IssueCode.BUILTIN_CATEGORY})


def shown(value: Any) -> Any:
    """A stored attribute as a cell shows it (the template's :func:`cell_label`), whole
    floats as integers."""
    cell = cell_label(value)
    return int(cell) if isinstance(cell, float) and cell.is_integer() else cell


def text_of(value: Any) -> str:
    """A value as text for messages and comparisons (dates ``TT.MM.JJJJ``, ``""`` if empty)."""
    cell = shown(value)
    if isinstance(cell, datetime):
        return cell.strftime("%d.%m.%Y %H:%M") if cell.time() != datetime.min.time() \
            else cell.strftime("%d.%m.%Y")
    return cell_text(cell) or ""


def same_value(a: Any, b: Any) -> bool:
    """Whether two attribute values mean the same (labels, spelling and list order aside)."""
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return sorted(fold(text_of(x)) for x in a) == sorted(fold(text_of(x)) for x in b)
    return fold(text_of(a)) == fold(text_of(b))


@dataclass
class ParsedRecord:
    """One answer row read like a template row: typed attributes and kept raw text."""

    row: int
    attrs: dict[str, Any]
    extra: dict[str, Any]
    name: str


def parse_records(sheet: Sheet, records: Sequence[tuple[int, Mapping[str, object]]],
                  answer_sheet: str) -> tuple[list[ParsedRecord], list[Issue]]:
    """Read rows keyed by template headers of ``sheet`` with the importer.

    Parameters
    ----------
    sheet : Sheet
        The template sheet whose columns the rows use (*Akteure*, *Ämter*, *Angebote*).
        Reference columns that make edges (*Organisation*, *Anbieter* …) and *ID* are
        ignored: the caller resolves them against the map.
    records : sequence of (row, mapping)
        The answer's row number and the row's cells keyed by header.
    answer_sheet : str
        The questionnaire sheet the rows come from; issues name it and its rows.

    Returns
    -------
    (list of ParsedRecord, list of Issue)
        One record per input row (in order) and the problems found, as warnings.
    """
    usable = {c.header for c in sheet.columns
              if c.edge is None and c.header != "ID" and c.kind.value != "ref"}
    rows: list[dict[str, object]] = []
    for i, (_, record) in enumerate(records):
        row: dict[str, object] = {h: v for h, v in record.items() if h in usable}
        row["ID"] = f"R{i}"
        row.setdefault("Name", f"R{i}")
        rows.append(row)
    tables: dict[str, list[dict[str, object]]] = {
        s.name: [] for s in SHEETS if s.name not in ("Sozialräume", "Kategorien")}
    tables[sheet.name] = rows
    built, report = build_map(tables)
    out: list[ParsedRecord] = []
    for i, (row_number, _) in enumerate(records):
        data = dict(built.graph.nodes[f"R{i}"]) if f"R{i}" in built.graph else {}
        data.pop("type", None)
        extra = dict(data.pop("extra", {}) or {})
        name = str(data.pop("name", "") or "")
        out.append(ParsedRecord(row_number, data, extra, name))
    issues: list[Issue] = []
    for issue in report.issues:
        if issue.row is None or issue.code in _SKIPPED_CODES:
            continue
        index = issue.row - 2
        if not 0 <= index < len(records):
            continue
        issues.append(Issue(issue.code, issue.message, answer_sheet, records[index][0],
                            issue.column, issue.value, "warning"))
    return out, issues
