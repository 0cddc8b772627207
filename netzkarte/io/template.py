"""Write the Excel template, empty or filled with a map (the reverse of the import).

One code path serves both: :func:`write_template` is :func:`write_excel` of an empty
:class:`~netzkarte.model.NetworkMap`. The workbook has the sheets of
:data:`~netzkarte.schema.SHEET_ORDER`: *Anleitung* (plain-German guide, the map's metadata
block in rows 3–8 and one example row per data sheet), the data sheets with German headers
in row 1 (frozen, bold, filtered, a comment with the hint on every header), and *Listen*
with the allowed values that the dropdowns (data validation) of every enum column use.

Export rules (what the reader accepts back): enums by German label,
multi-values joined by ``"; "``, booleans ``ja``/``nein``, dates as real Excel dates
(``DD.MM.YYYY``), strength as ``"3 Koordination"``; extra columns after the known ones in
``NetworkMap.extra_columns`` order; raw text kept in ``extra[<header>]`` (a value that could
not be read, or was read by interpretation: ``ca. 15``, ``Koop.``) goes back into its known
column as typed while it still means the stored value; a value a category's default filled
in (``NetworkMap.defaulted``) stays an empty cell, as the user left it. A row's first
``belongs_to``, ``reports_to`` or ``provides`` edge (in the node's adjacency order) goes into
its reference column (*Organisation*, *Übergeordnet*, *Berichtet an*, *Anbieter*) unless it
carries attributes (note, date, extras …); every other edge goes to *Mitgliedschaften* or
*Beziehungen*, so nothing is lost and a re-read keeps each node's edge order.

The output is byte-for-byte reproducible: fixed document properties and fixed zip entry
times. We always write a fresh workbook and never re-save a user's file: openpyxl drops
newer data-validation extensions (``x14``) and other things it does not understand when it
re-saves a workbook it has read.

Examples
--------
>>> import tempfile, pathlib
>>> from openpyxl import load_workbook
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "vorlage.xlsx")
>>> load_workbook(path).sheetnames[:3]
['Anleitung', 'Akteure', 'Ämter']
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netzkarte.io.atomic import atomic_path
from netzkarte.io.cells import parse_date, read_multi
from netzkarte.io.columns import STRICT_ENUMS, reread
from netzkarte.io.guide import example_map, guide_lines
from netzkarte.model import NetworkMap
from netzkarte.schema import (
    CATEGORY_NODE_TYPES,
    CATEGORY_SCOPES,
    CATEGORY_SHEET,
    DISTRICTS,
    GUIDE_SHEET,
    LISTS_SHEET,
    MEMBERSHIPS,
    META_FIELDS,
    MULTI_SEPARATOR,
    RELATIONS,
    SHEETS,
    Column,
    Sheet,
    ValueKind,
)
from netzkarte.vocab import (
    CATEGORIES,
    EDGE_RULES,
    ActorForm,
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NetworkKind,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Strength,
    Term,
    Tier,
)

__all__ = ["DATE_FORMAT", "LISTS", "VALIDATION_ROWS", "write_excel", "write_template"]

log = logging.getLogger(__name__)

VALIDATION_ROWS = 2000
"""Dropdowns and input messages cover rows 2 to this row (or to the last data row)."""

DATE_FORMAT = "DD.MM.YYYY"
_FIXED_TIME = datetime(2024, 1, 1)  # document properties: reproducible output
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_BOOL_LABELS = ["ja", "nein"]
_HEADER_FILL, _EXTRA_FILL, _TITLE_SIZE = "DDEBF7", "EDEDED", 14


def _category_labels(node_type: NodeType) -> list[str]:
    return [c.label for c in CATEGORIES if c.node_type is node_type]


LISTS: tuple[tuple[str, list[str]], ...] = (
    ("Form", ActorForm.labels()),
    ("Sektor", Sector.labels()),
    ("Ebene", Level.labels()),
    ("Lebensphasen", LifePhase.labels()),
    ("Rollen", Role.labels()),
    ("Hierarchieebene", Rank.labels()),
    ("Gremientyp", CommitteeType.labels()),
    ("Steuerungsebene", Tier.labels()),
    ("Netzwerkart", NetworkKind.labels()),
    ("Status", OfferStatus.labels()),
    ("Funktion", MemberFunction.labels()),
    ("Art", EdgeKind.labels()),
    ("Stärke", Strength.labels()),
    ("ja/nein", _BOOL_LABELS),
    ("Knotentyp", [t.label for t in CATEGORY_NODE_TYPES]),
    ("Wirkungskreis", list(CATEGORY_SCOPES.values())),
    ("Kategorie Akteur", _category_labels(NodeType.ACTOR)),
    ("Kategorie Amt", _category_labels(NodeType.OFFICE)),
    ("Kategorie Angebot", _category_labels(NodeType.OFFER)),
)
"""The columns of the *Listen* sheet: (header, German labels), in sheet order.

A filled workbook appends the Kommune's own categories to the *Kategorie* lists
(:func:`_lists`), so its dropdowns offer them too.
"""

_LIST_OF_ENUM: dict[type[Term], str] = {
    ActorForm: "Form", Sector: "Sektor", Level: "Ebene", LifePhase: "Lebensphasen",
    Role: "Rollen", Rank: "Hierarchieebene", CommitteeType: "Gremientyp",
    Tier: "Steuerungsebene", NetworkKind: "Netzwerkart", OfferStatus: "Status",
    MemberFunction: "Funktion", EdgeKind: "Art",
}


_CATEGORY_LISTS: dict[str, NodeType] = {f"Kategorie {t.label}": t for t in CATEGORY_NODE_TYPES}


def _lists(m: NetworkMap) -> list[tuple[str, list[str]]]:
    """:data:`LISTS` with the map's own categories added to the *Kategorie* lists."""
    own = m.categories.custom
    out: list[tuple[str, list[str]]] = []
    for name, values in LISTS:
        ntype = _CATEGORY_LISTS.get(name)
        if ntype is not None and own:
            values = [*values, *(c.label for c in own
                                 if c.node_type is ntype and c.label not in values)]
        out.append((name, values))
    return out


# --- the tables ------------------------------------------------------------------------


@dataclass
class _Table:
    """One data sheet as plain cell values: known headers, extra headers, rows."""

    sheet: Sheet
    extras: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [*self.sheet.headers, *self.extras]


def cell_label(value: Any) -> Any:
    """A stored attribute value as the template shows it (labels, ja/nein, joined)."""
    if value is None:
        return None
    if isinstance(value, Strength):
        return f"{value.value} {value.label}"
    if isinstance(value, Term):
        return value.label
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, tuple | list | set | frozenset):
        return MULTI_SEPARATOR.join(str(cell_label(v)) for v in value) or None
    return _plain(value)


def _plain(value: Any) -> Any:
    """Numpy scalars to Python, NaN to empty, containers joined (extra columns)."""
    if hasattr(value, "item") and not isinstance(value, str | date):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, tuple | list | set | frozenset):
        return MULTI_SEPARATOR.join(str(v) for v in value) or None
    if isinstance(value, Term):
        return value.label
    return value


def _known(sheet: Sheet, column: Column, value: Any, extra: dict[str, Any]) -> Any:
    """Cell of a known column, with the raw text kept in ``extra[header]``.

    Text the importer kept is written back as typed, so reading the file again gives the
    same value and the same warning: a value read by interpretation (``ca. 30 Familien``,
    ``ja (Beschluss 2021)``, ``1. Lebensjahr``, ``Koop.``) while the text still reads as
    the stored value, and text that could not be read (``nach Bedarf``; *Sektor*
    „irgendwas“ of a Kita stays „irgendwas“). A stored value that was changed after the
    import wins over a text that means another value; in a multi-value cell the parts that
    could not be read stay after it (``"3–6 Jahre (Kita); Quatsch"``). Older exports kept
    only those parts (``"Quatsch"``): they follow the values read, too.
    """
    shown = cell_label(value)
    kept = _plain(extra.get(column.header))
    if kept is None or kept == "":
        return shown
    if shown is None or shown == "":
        return kept
    again = reread(sheet, column, kept)
    if isinstance(value, tuple | list | set | frozenset):
        if again is not None and set(again) == set(value):
            return kept
        if column.enum is None:  # free text (Themen): nothing to tell apart
            return f"{shown}{MULTI_SEPARATOR}{kept}"
        rest = read_multi(column.enum, str(kept)).unread
        return MULTI_SEPARATOR.join((shown, *rest)) if rest else shown
    return kept if again is None or again == value else shown


def _extra_order(declared: Sequence[str], records: Iterable[dict[str, Any]],
                 known: set[str]) -> list[str]:
    """Extra headers: the declared order first, then any others in first-seen order."""
    order = dict.fromkeys(h for h in declared if h not in known)
    for extra in records:
        for key in extra:
            if key not in known:
                order.setdefault(key, None)
    return list(order)


# Reference columns that hold an edge: (type of the row's node, kind) -> (header, row is source)
_EDGE_COLUMNS: dict[tuple[NodeType, EdgeKind], tuple[str, bool]] = {
    (sh.node_type, col.edge): (col.header, sh.node_type in EDGE_RULES[col.edge].sources)
    for sh in SHEETS if sh.node_type for col in sh.columns if col.edge
}


def _is_plain_edge(data: dict[str, Any]) -> bool:
    """An edge with nothing but its kind fits into a reference column without loss."""
    return not data.get("extra") and all(
        v is None for k, v in data.items() if k not in ("kind", "extra"))


def _tables(m: NetworkMap) -> list[_Table]:
    """All data sheets of ``m`` as rows of cell values, in template order."""
    graph = m.graph
    in_column: dict[tuple[str, str], str] = {}  # (row node, header) -> referenced id
    placed: set[tuple[str, str, int]] = set()
    for nid, node in graph.nodes(data=True):
        for (ntype, kind), (header, row_is_source) in _EDGE_COLUMNS.items():
            if node["type"] is not ntype:
                continue
            adjacent = (graph.out_edges(nid, keys=True, data=True) if row_is_source
                        else graph.in_edges(nid, keys=True, data=True))
            first = next(((u, v, k, d) for u, v, k, d in adjacent if d["kind"] is kind), None)
            # only the node's first edge of the kind, so its edge order survives a re-read
            if first is not None and _is_plain_edge(first[3]):
                u, v, k, _ = first
                in_column[(nid, header)] = v if row_is_source else u
                placed.add((u, v, k))
    member_edges: list[tuple[str, str, dict[str, Any]]] = []
    other_edges: list[tuple[str, str, dict[str, Any]]] = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        if data["kind"] is EdgeKind.MEMBER:
            member_edges.append((u, v, data))
        elif (u, v, k) not in placed:
            other_edges.append((u, v, data))

    tables: list[_Table] = []
    for sh in SHEETS:
        known = set(sh.headers)
        table = _Table(sh)
        if sh.node_type is not None:
            nodes = [(n, d) for n, d in graph.nodes(data=True) if d["type"] is sh.node_type]
            table.extras = _extra_order(m.extra_columns.get(sh.name, ()),
                                        (d.get("extra", {}) for _, d in nodes), known)
            for nid, d in nodes:
                extra = d.get("extra", {})
                filled = m.defaulted.get(nid)
                row: list[Any] = []
                for col in sh.columns:
                    if col.kind is ValueKind.ID:
                        row.append(nid)
                    elif col.edge is not None:  # with a text that names no entry
                        kept = _plain(extra.get(col.header))  # (Organisation „Träger X“)
                        ref = in_column.get((nid, col.header))
                        row.append(kept if ref is None else
                                   ref if kept is None or kept == "" else f"{ref}; {kept}")
                    else:
                        value = d.get(col.attr)
                        if filled and col.attr in filled and filled[col.attr] == value:
                            value = None  # the category's default: the user left it empty
                        row.append(_known(sh, col, value, extra))
                row.extend(_plain(extra.get(h)) for h in table.extras)
                table.rows.append(row)
        elif sh is CATEGORY_SHEET:
            _category_rows(m, table)
        elif sh in (MEMBERSHIPS, RELATIONS):
            edges = member_edges if sh is MEMBERSHIPS else other_edges
            table.extras = _extra_order(m.extra_columns.get(sh.name, ()),
                                        (d.get("extra", {}) for _, _, d in edges), known)
            for u, v, d in edges:
                extra = d.get("extra", {})
                fixed = {"source": u, "target": v, "kind": d["kind"]}
                row = [_known(sh, col, fixed.get(col.attr, d.get(col.attr)), extra)
                       for col in sh.columns]
                row.extend(_plain(extra.get(h)) for h in table.extras)
                table.rows.append(row)
        else:  # Sozialräume
            districts = m.districts
            base = {c.attr: c for c in sh.columns}
            table.extras = [str(c) for c in districts.columns if c not in base]
            for name, rec in zip(districts.index, districts.to_dict("records"), strict=True):
                row = []
                for col in sh.columns:
                    value = name if col.attr == "district" else _plain(rec.get(col.attr))
                    if col.kind is ValueKind.INT and isinstance(value, float) \
                            and value.is_integer():
                        value = int(value)
                    row.append(value)
                row.extend(_plain(rec[c]) for c in districts.columns if c not in base)
                table.rows.append(row)
        tables.append(table)
    return tables


def _category_rows(m: NetworkMap, table: _Table) -> None:
    """Sheet *Kategorien*: one row per own category, as the reader reads it back."""
    own = m.categories.custom
    kept = m.category_extra
    table.extras = _extra_order(m.extra_columns.get(CATEGORY_SHEET.name, ()),
                                (kept.get(c.label, {}) for c in own),
                                {*table.sheet.headers, "note"})
    for info in own:
        extra = kept.get(info.label, {})
        values: dict[str, Any] = {
            "label": info.label, "node_type": info.node_type,
            "sector": info.sector, "life_phases": info.life_phases,
            "town_wide": CATEGORY_SCOPES[info.town_wide], "form": info.form,
            "aliases": info.aliases, "note": extra.get("note")}
        row = [_known(table.sheet, col, values[col.attr], extra)
               for col in table.sheet.columns]
        row.extend(_plain(extra.get(h)) for h in table.extras)
        table.rows.append(row)


# --- cells and styles --------------------------------------------------------------------


_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # as openpyxl's check


def _out(ws: Any, value: Any) -> Any:
    """A value ready for ``ws.append``: dates formatted, text never read as a formula."""
    kind = type(value)
    if value is None or kind is int or kind is float:
        return value
    if kind is str and value[:1] != "=" and not _ILLEGAL.search(value):
        return value  # the common case, kept cheap: ~50k rows are written cell by cell
    return _special_cell(ws, value)


def _excel_escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def _special_cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        # control characters cannot stand in the XML: written as Excel escapes them
        # (_x0007_), which Excel and the importer read back as the character
        value = _ILLEGAL.sub(_excel_escape, value)
        if value.startswith("=") and len(value) > 1:
            cell = WriteOnlyCell(ws, value)
            cell.data_type = "s"  # user text like "=1+1" stays text, never a formula
            return cell
        return value
    if isinstance(value, date):
        raw: Any = value  # openpyxl takes dates too (its stubs say datetime only)
        cell = WriteOnlyCell(ws, raw)
        timed = isinstance(value, datetime) and value.time() != datetime.min.time()
        cell.number_format = f"{DATE_FORMAT} hh:mm" if timed else DATE_FORMAT
        return cell
    if isinstance(value, int | float | bool):
        return value
    return str(value)


def _styled(ws: Any, value: Any, *, bold: bool = False, fill: str | None = None,
            size: float | None = None, comment: str | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    if isinstance(value, str):
        value = _ILLEGAL.sub(_excel_escape, value)  # a header of an extra column
    cell = WriteOnlyCell(ws, value)
    cell.font = Font(bold=bold, size=size)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if comment:
        cell.comment = Comment(comment, "netzkarte", height=90, width=260)
    return cell


def _header_comment(col: Column, sheet: Sheet) -> str:
    text = col.hint
    if col.required:
        text += " Pflichtfeld."
    if _list_for(col, sheet) is not None:
        text += " Auswahlliste: Blatt „Listen“."
    return text.strip()


def _list_for(col: Column, sheet: Sheet | None) -> str | None:
    """The *Listen* column whose values a data column's dropdown offers."""
    if col.enum is not None:
        return _LIST_OF_ENUM.get(col.enum)
    if col.kind is ValueKind.BOOL:
        return "ja/nein"
    if col.kind is ValueKind.STRENGTH:
        return "Stärke"
    if col.attr == "category" and sheet is not None and sheet.node_type is not None:
        return f"Kategorie {sheet.node_type.label}"
    if sheet is CATEGORY_SHEET and col.attr in ("node_type", "town_wide"):
        return col.header  # Knotentyp, Wirkungskreis
    return None


def _validations(sheet: Sheet, last_row: int,
                 lists: Sequence[tuple[str, list[str]]] = LISTS) -> list[Any]:
    """Dropdowns on enum columns, input messages on every known column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ranges = {name: f"{LISTS_SHEET}!${get_column_letter(i)}$2:${get_column_letter(i)}$"
              f"{len(values) + 1}" for i, (name, values) in enumerate(lists, 1)}
    out = []
    for i, col in enumerate(sheet.columns, 1):
        letter = get_column_letter(i)
        dv = DataValidation(allow_blank=True, showInputMessage=True,
                            promptTitle=col.header[:32], prompt=col.hint[:255])
        list_name = _list_for(col, sheet)
        if list_name is not None:
            dv.type, dv.formula1, dv.showErrorMessage = "list", ranges[list_name], True
            if col.kind is ValueKind.MULTI_ENUM:
                dv.errorStyle, dv.errorTitle = "information", "Mehrere Werte?"
                dv.error = ("Mehrere Werte mit ; trennen, z. B. „Wert 1; Wert 2“. Jeder Wert "
                            f"muss in der Liste „{list_name}“ (Blatt „Listen“) stehen.")
            elif col.attr == "category":
                dv.errorStyle, dv.errorTitle = "warning", "Kategorie nicht in der Liste"
                dv.error = ("Unbekannte Kategorien werden übernommen, zählen aber in keiner "
                            "Auswertung nach Kategorie. Eigene Kategorien legen Sie im Blatt "
                            "„Kategorien“ fest. Trotzdem verwenden?")
            elif col.enum not in STRICT_ENUMS:  # Stärke and ja/nein too: read or kept
                dv.errorStyle, dv.errorTitle = "warning", "Wert nicht in der Liste"
                dv.error = ("Dieser Wert steht nicht in der Liste. Die Prüfung liest ihn, wenn "
                            "sie kann, mit einem Hinweis; sonst bleibt der Text erhalten, zählt "
                            "aber in keiner Auswertung. Trotzdem verwenden?")
            else:
                dv.errorStyle, dv.errorTitle = "stop", "Ungültiger Wert"
                dv.error = (f"Bitte einen Wert aus der Liste wählen (Blatt „Listen“, Spalte "
                            f"„{list_name}“).")
        dv.add(f"{letter}2:{letter}{last_row}")
        out.append(dv)
    return out


def _prepare_sheet(ws: Any, widths: Sequence[float], *, freeze: bool = True) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        ws.freeze_panes = "A2"


def _header_cells(ws: Any, table: _Table) -> list[Any]:
    cells = [_styled(ws, c.header, bold=True, fill=_HEADER_FILL,
                     comment=_header_comment(c, table.sheet)) for c in table.sheet.columns]
    extra_note = "Kennzahl des Sozialraums (Zahl)." if table.sheet is DISTRICTS else None
    cells.extend(_styled(ws, h, bold=True, fill=_EXTRA_FILL, comment=extra_note)
                 for h in table.extras)
    return cells


def _extra_width(header: str) -> float:
    return float(max(12, min(40, len(header) + 4)))


def _write_data_sheet(ws: Any, table: _Table, validation_rows: int,
                      lists: Sequence[tuple[str, list[str]]] = LISTS) -> None:
    from openpyxl.utils import get_column_letter

    widths = [float(c.width) for c in table.sheet.columns]
    widths += [_extra_width(h) for h in table.extras]
    _prepare_sheet(ws, widths)
    last_data = len(table.rows) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{last_data}"
    for dv in _validations(table.sheet, max(validation_rows, last_data), lists):
        ws.data_validations.append(dv)
    ws.append(_header_cells(ws, table))
    for row in table.rows:
        ws.append([_out(ws, v) for v in row])


def _write_lists(ws: Any, lists: Sequence[tuple[str, list[str]]] = LISTS) -> None:
    _prepare_sheet(ws, [max(14.0, max(len(v) for v in vals) + 2.0) for _, vals in lists])
    ws.append([_styled(ws, name, bold=True, fill=_HEADER_FILL) for name, _ in lists])
    for i in range(max(len(vals) for _, vals in lists)):
        ws.append([vals[i] if i < len(vals) else None for _, vals in lists])


# --- the guide -------------------------------------------------------------------------

def _write_guide(ws: Any, m: NetworkMap) -> None:
    title = m.meta.title or "Netzwerkkarte der Präventionskette"
    widths = [24.0, 36.0] + [18.0] * 14
    _prepare_sheet(ws, widths, freeze=False)
    ws.append([_styled(ws, f"{title} – Anleitung", bold=True, size=_TITLE_SIZE)])
    ws.append([_styled(ws, "Angaben zur Karte (bitte in Spalte B ausfüllen):", bold=True)])
    kept = m.meta.extra  # "Stand" as typed, when it was read by interpretation
    snapshot = dict(META_FIELDS)["snapshot"]
    for attr, label in META_FIELDS:
        value = getattr(m.meta, attr)
        typed = _plain(kept.get(label)) if attr == "snapshot" else None
        if typed not in (None, ""):  # "Stand: Frühjahr 2024"
            when = parse_date(typed)[0]
            if value is None or when is None or when == value:
                value = typed
        ws.append([_styled(ws, label, bold=True), _out(ws, cell_label(value))])
    for label, value in kept.items():
        if label != snapshot:  # in its own row above
            ws.append([_styled(ws, label, bold=True), _out(ws, _plain(value))])
    for style, text in guide_lines():
        if style == "h":
            ws.append([])
        ws.append([_styled(ws, text, bold=True) if style == "h" else text])
    for table in _tables(example_map()):
        ws.append([])
        ws.append([_styled(ws, f"Blatt „{table.sheet.name}“:", bold=True)])
        ws.append(_header_cells(ws, table))
        ws.append([_out(ws, v) for v in table.rows[0]])


# --- writing -------------------------------------------------------------------------------


class _StableZip(zipfile.ZipFile):
    """A zip archive whose entries all carry the same timestamp (reproducible bytes)."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any,
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: str | os.PathLike[str],
              arcname: str | os.PathLike[str] | None = None,
              compress_type: int | None = None, compresslevel: int | None = None) -> None:
        info = self._info(os.fspath(arcname if arcname is not None else filename))
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = self.compression
        info.external_attr = 0o600 << 16
        return info


EXCEL_CELL_LIMIT = 32_767
"""The most characters one Excel cell holds; longer text is refused, never cut."""


def _check_cell_lengths(m: NetworkMap, tables: Sequence[_Table]) -> None:
    """Raise :class:`ValidationError` naming every cell longer than Excel allows.

    Excel cuts (or refuses to open) longer cells, so such a workbook would silently lose
    text; the JSON export keeps any length.
    """
    from netzkarte.errors import IssueCode, ValidationError, ValidationReport

    report = ValidationReport(counts=m.counts())

    def too_long(sheet: str, row: int | None, column: str, text: str, who: str) -> None:
        report.add(IssueCode.CELL_TOO_LONG,
                   f"{who}Der Text hat {len(text):,} Zeichen; eine Excel-Zelle "
                   f"fasst höchstens {EXCEL_CELL_LIMIT:,}. Kürzen Sie ihn oder exportieren "
                   "Sie nach .json, das den vollständigen Text behält.".replace(",", "."),
                   sheet=sheet, row=row, column=column, value=text[:60])

    limit = EXCEL_CELL_LIMIT
    for attr, label in META_FIELDS:
        shown = cell_label(getattr(m.meta, attr))
        if isinstance(shown, str) and len(shown) > limit:
            too_long(GUIDE_SHEET, None, label, shown, "")
    for label, value in m.meta.extra.items():
        if isinstance(value, str) and len(value) > limit:
            too_long(GUIDE_SHEET, None, str(label), value, "")
    for table in tables:
        headers = table.headers
        for i, row in enumerate(table.rows):
            for j, value in enumerate(row):
                if value.__class__ is str and len(value) > limit:
                    key = (" → ".join(str(v) for v in row[:2])
                           if table.sheet in (MEMBERSHIPS, RELATIONS) else row[0])
                    too_long(table.sheet.name, i + 2, headers[j], value, f"Eintrag „{key}“: ")
    if not report.ok:
        raise ValidationError(report)


def _abandon(wb: Any, archive: zipfile.ZipFile | None) -> None:
    """After a failed save: close every open stream quietly and remove openpyxl's temp files.

    A write-only worksheet keeps a generator and a temporary file open until it is saved.
    Left to the garbage collector after an error, the generators write their closing tags
    into already closed files and Python prints "Exception ignored … I/O operation on
    closed file" after the German error message.
    """
    for ws in getattr(wb, "worksheets", ()):
        rows = getattr(ws, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(Exception):
                writer.cleanup()  # the temporary file of the sheet
    if archive is not None:
        with contextlib.suppress(Exception):
            archive.close()
        fp, archive.fp = archive.fp, None  # closing failed: ZipFile.__del__ must not retry
        if fp is not None:
            with contextlib.suppress(Exception):
                fp.close()


def write_excel(network_map: NetworkMap, path: str | os.PathLike[str], *,
                validation_rows: int = VALIDATION_ROWS) -> Path:
    """Write ``network_map`` as a filled template workbook (the reverse of the import).

    Parameters
    ----------
    network_map : NetworkMap
        The map to write; an empty map gives the empty template.
    path : str or PathLike
        Target ``.xlsx`` file; written atomically (an existing file stays intact on error).
    validation_rows : int, default 2000
        Dropdowns and input messages cover rows 2 to this row, or to the last data row
        if there are more rows.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ValidationError
        A text is longer than an Excel cell holds (32,767 characters; code
        ``cell-too-long``, one issue per cell); nothing is written.
    WriteError
        The file cannot be written (full disk, no permission); it names ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("KITA1", "actor", name="Kita Sonnenschein", category="Kita",
    ...            sector="Kinder- und Jugendhilfe")
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "karte.xlsx"
    >>> wb = load_workbook(write_excel(m, target))
    >>> [c.value for c in wb["Akteure"][2]][:5]  # Form: the category's, left empty
    ['KITA1', 'Kita Sonnenschein', None, 'Kita', 'Kinder- und Jugendhilfe']
    >>> m.node("KITA1")["form"].label  # what the analyses use
    'Einrichtung'
    >>> wb["Anleitung"]["B3"].value
    'Kindertal'

    Notes
    -----
    Streams rows with openpyxl's write-only mode: about O(cells) time and little memory.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    tables = _tables(network_map)
    lists = _lists(network_map)
    _check_cell_lengths(network_map, tables)
    target = Path(path)
    wb = Workbook(write_only=True)
    archive: zipfile.ZipFile | None = None
    try:
        props = wb.properties
        props.creator = props.lastModifiedBy = "netzkarte"
        props.created = props.modified = _FIXED_TIME
        props.title = network_map.meta.title or "Netzwerkkarte"
        _write_guide(wb.create_sheet(GUIDE_SHEET), network_map)
        for table in tables:
            _write_data_sheet(wb.create_sheet(table.sheet.name), table, validation_rows, lists)
        _write_lists(wb.create_sheet(LISTS_SHEET), lists)
        with atomic_path(target) as tmp:
            archive = _StableZip(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
            ExcelWriter(wb, archive).save()  # not wb.save(): that stamps "modified" with now
    except BaseException:  # a full disk, Ctrl+C …: close what is open, keep the error
        _abandon(wb, archive)
        raise
    rows = sum(len(t.rows) for t in tables)
    log.info("Arbeitsmappe %s geschrieben (%d Datenzeilen).", target, rows)
    return target


def write_template(path: str | os.PathLike[str], *,
                   validation_rows: int = VALIDATION_ROWS) -> Path:
    """Write the empty Excel template (what ``netzkarte vorlage`` writes).

    Parameters
    ----------
    path : str or PathLike
        Target ``.xlsx`` file.
    validation_rows : int, default 2000
        Dropdowns and input messages cover rows 2 to this row.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> wb = load_workbook(write_template(pathlib.Path(tempfile.mkdtemp()) / "v.xlsx"))
    >>> [c.value for c in wb["Mitgliedschaften"][1]]
    ['Mitglied', 'Gremium', 'Funktion', 'Seit', 'Bemerkung']
    """
    return write_excel(NetworkMap(), path, validation_rows=validation_rows)
