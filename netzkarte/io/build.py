"""Build a :class:`~netzkarte.model.NetworkMap` from template-shaped tables, collecting issues.

Every input path goes through :func:`build_map`: the Excel importer, the bundled example
datasets (lists of row dicts keyed by German headers) and tests. It never stops at the
first problem: each one becomes an :class:`~netzkarte.errors.Issue` with sheet, Excel row,
column, value, a stable code and a German message that says how to fix it. Nodes of all
sheets are built first, then edges, so the order of sheets and rows does not matter.
Whatever is valid ends up in the map; failing edges are reported and skipped.

>>> m, report = build_map({
...     "Akteure": [{"ID": "K1", "Name": "Kita Nord", "Kategorie": "Kita"}],
...     "Ämter": [], "Gremien": [{"ID": "G-01", "Name": "Steuerungsgruppe"}],
...     "Angebote": [], "Beziehungen": [],
...     "Mitgliedschaften": [{"Mitglied": "K1", "Gremium": "G-09"}]})
>>> [i.code for i in report.errors]
[<IssueCode.UNKNOWN_REFERENCE: 'unknown-reference'>]
>>> print(report.errors[0].message)  # doctest: +NORMALIZE_WHITESPACE
Die ID „G-09“ gibt es nicht. Tragen Sie die ID eines Gremiums aus dem Blatt „Gremien“ ein
(meinten Sie „G-01“?).
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from netzkarte.errors import IssueCode, ValidationReport
from netzkarte.gc_pause import gc_paused
from netzkarte.io.cells import (
    CONTROL_CHARACTERS,
    MISSING_MARKERS,
    cell_text,
    char_name,
    display,
    is_blank,
    is_missing,
    normalise_id,
    split_multi,
    visible_controls,
)
from netzkarte.io.columns import STRICT_ENUMS, ColumnReader
from netzkarte.io.issues import IssueLog
from netzkarte.io.refs import (
    _ROW_SPAN,
    SHEET_OF,
    References,
    join_or,
    meant,
    name_tokens,
    quote,
    what,
)
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.schema import (
    CATEGORY_NODE_TYPES,
    CATEGORY_SCOPES,
    CATEGORY_SHEET,
    DISTRICT_BASE_COLUMNS,
    GUIDE_SHEET,
    LISTS_SHEET,
    META_FIELDS,
    SHEET_ORDER,
    SHEETS,
    Column,
    Sheet,
    ValueKind,
)
from netzkarte.text import column_letter, join_and
from netzkarte.vocab import (
    CATEGORIES,
    EDGE_RULES,
    ActorForm,
    CategoryCatalogue,
    CategoryInfo,
    EdgeKind,
    Level,
    LifePhase,
    Method,
    NodeType,
    Recognition,
    Sector,
    Strength,
    fold,
)

__all__ = ["STRICT_ENUMS", "build_map", "header_base", "own_category"]

log = logging.getLogger(__name__)

_ID_PREFIX = {NodeType.ACTOR: "A", NodeType.OFFICE: "AMT", NodeType.COMMITTEE: "G",
              NodeType.OFFER: "ANG"}
_OPTIONAL_SHEETS = {"Sozialräume", CATEGORY_SHEET.name}
_NODE_SHEETS = [s for s in SHEETS if s.node_type is not None]
_DISTRICTS = next(s for s in SHEETS if s.name == "Sozialräume")
_MEMBERS = next(s for s in SHEETS if s.edge_kind is EdgeKind.MEMBER)
_MEMBER_ATTRS = frozenset(c.attr for c in _MEMBERS.columns) - {"source", "target"}
_RELATIONS = next(s for s in SHEETS if s.name == "Beziehungen")

RowInput = Sequence[Mapping[str, object]]

# words that make a row's name a total: "Summe", "Summe Plätze", "Stadt gesamt", "Σ"
_TOTAL_WORDS = frozenset({"summe", "summen", "gesamt", "gesamtsumme", "insgesamt", "total",
                          "σ", "∑", "durchschnitt", "mittelwert", "ø", "⌀"})
_TOTAL_WORD = re.compile(r"\w+|[∑⌀]")
_NUMBER_TEXT = re.compile(r"[\d\s.,'%+\-–€]*\d[\d\s.,'%+\-–€]*")
_TOTAL_NOUN = {"Akteure": "Akteur", "Ämter": "Amt", "Gremien": "Gremium",
               "Angebote": "Angebot", "Sozialräume": "Sozialraum"}


def _total_word(value: object) -> str | None:
    """The word that makes a label cell a total (``Summe Plätze`` → ``Summe``), else
    ``None``: a text of at most three words whose first or last word is a total word.

    >>> _total_word("Summe Plätze"), _total_word("Stadt gesamt"), _total_word("Gesamtschule Nord")
    ('Summe', 'gesamt', None)
    """
    if value.__class__ is not str:
        return None
    words: list[str] = _TOTAL_WORD.findall(str(value))
    if not words or len(words) > 3:
        return None
    for word in (words[0], words[-1]):
        if word.casefold() in _TOTAL_WORDS:
            return word
    return None


_EXCHANGE_ARTS = frozenset(map(fold, ("Austausch", "1 Austausch", "Informationsaustausch",
                                      "Fachaustausch")))


def _exchange_art(values: list[Any]) -> tuple[list[Any], dict[int, str]]:
    """The Art column with „Austausch“ (a Stärke, not an Art) read as „Kooperation“, and
    the rows where it was typed (row index → text).

    >>> _exchange_art(["Austausch", "Kooperation", None])
    (['Kooperation', 'Kooperation', None], {0: 'Austausch'})
    """
    found = {i: v.strip() for i, v in enumerate(values)
             if isinstance(v, str) and fold(v) in _EXCHANGE_ARTS}
    if not found:
        return values, found
    return [EdgeKind.COOPERATION.label if i in found else v for i, v in enumerate(values)], found


def _sum_like(value: object) -> bool:
    """A cell a total row may hold besides its label: a number, a number written as text
    (``1.750``, ``12 %``) or a formula (``=SUMME(C2:C6)``)."""
    if isinstance(value, str):
        return value.lstrip().startswith("=") or bool(_NUMBER_TEXT.fullmatch(value))
    return isinstance(value, int | float) and not isinstance(value, bool)


def _total_rows(table: _Table, labels: Sequence[int], free: Iterable[int],
                filled: Sequence[bool]) -> list[tuple[int, str]]:
    """The total rows at the bottom of a sheet: ``(row index, label)`` of each.

    Counted from the last filled row up, as long as a row's label cells (ID, Name,
    Sozialraum) that are filled each read as a total (:func:`_total_word`) and every other
    filled cell, except those of the ``free`` columns (Kommune, Bemerkung), is a number or
    formula. A row with anything else (a Träger, a category, a typed ID) ends the search:
    „Gesamtschule Nord“ or an offer „Total digital“ with a Träger stay entries.
    """
    skip = {*labels, *free}
    others = [column for j, column in enumerate(table.columns) if j not in skip]
    found: list[tuple[int, str]] = []
    for i in reversed(range(table.nrows)):
        if not filled[i]:
            continue
        texts = [table.columns[j][i] for j in labels if table.columns[j][i] is not None]
        if not texts or any(_total_word(t) is None for t in texts) or any(
                column[i] is not None and not _sum_like(column[i]) for column in others):
            break
        found.append((i, " / ".join(str(t).strip() for t in texts)))
    return found[::-1]


_SCOPE_SPELLINGS: dict[str, bool] = {fold(label): wide for wide, label in CATEGORY_SCOPES.items()}
_SCOPE_SPELLINGS.update(dict.fromkeys(map(fold, (
    "Kommune", "ganze Stadt", "Gesamtstadt", "gesamtstädtisch", "stadtweit", "kommunenweit",
    "ganzer Kreis", "Kreis", "kreisweit", "überörtlich")), True))
_SCOPE_SPELLINGS.update(dict.fromkeys(map(fold, (
    "Stadtteil", "Quartier", "örtlich", "vor Ort", "lokal")), False))
_WIDE_LEVELS = {Level.COUNTY: "kreisweit", Level.STATE: "landesweit"}
_EVERYWHERE = frozenset(map(fold, (
    "ganzer Bezirk", "gesamter Bezirk", "bezirksweit", "Gesamtbezirk", "ganze Kommune",
    "gesamte Kommune", "kommunenweit", "ganze Stadt", "gesamte Stadt", "Gesamtstadt",
    "stadtweit", "gesamtstädtisch", "ganze Gemeinde", "gesamte Gemeinde", "gemeindeweit",
    "ganzer Kreis", "gesamter Kreis", "ganzer Landkreis", "kreisweit", "landkreisweit",
    "alle Sozialräume", "alle Stadtteile", "alle Ortsteile", "alle Bezirke", "alle",
    "überall", "übergreifend", "sozialraumübergreifend", "stadtteilübergreifend")))
"""Sozialraum texts that mean the whole town: read as no Sozialraum (town-wide) unless the
sheet Sozialräume names a district so."""
_DISTRICT_HEADER = "Sozialraum"
_SHEET_COPY = re.compile(r"(?i)(?:kopie von|copy of)\s+(.+)|(.+?)\s*\(\d+\)|(.+?)[\s_-]+\d{1,4}")
"""A sheet copy's name: „Kopie von Akteure“, „Akteure (2)“, or a year or number after the
name („Angebote 2023“, „Akteure_2“)."""
_GERMANY = {"lat": (47.0, 55.5), "lon": (5.5, 15.5)}
"""Germany's box (with a margin) in decimal degrees: coordinates outside get a warning."""


def builtin_category(spelling: str, node_type: NodeType | None = None) -> CategoryInfo | None:
    """The built-in category with this label or other spelling (folded), of ``node_type``
    if given (a spelling two node types share gives the one that fits)."""
    key = fold(spelling)
    for info in CATEGORIES:
        if (node_type is None or info.node_type is node_type) and key in {
                fold(s) for s in (info.label, *info.aliases)}:
            return info
    return None


def own_category(label: str, node_type: NodeType, sector: Sector,
                 life_phases: tuple[LifePhase, ...] = (), form: ActorForm | None = None,
                 aliases: tuple[str, ...] = (), town_wide: bool = False,
                 core: LifePhase | None = None) -> CategoryInfo:
    """A Kommune's own category (``custom=True``) as sheet *Kategorien* defines it.

    What the sheet has no column for (``institution``, ``work_partner``, ``brands`` …, and
    ``core`` when not given but one of the life phases) comes from the built-in category of
    the same name and node type it replaces, else the defaults. The Excel and JSON readers
    both build own categories here, so they agree.

    >>> own_category("Kita", NodeType.ACTOR, Sector.SOCIAL).institution
    True
    """
    values: dict[str, Any] = {
        "label": label, "node_type": node_type, "sector": sector,
        "life_phases": tuple(life_phases), "form": form, "aliases": tuple(aliases),
        "town_wide": town_wide, "custom": True}
    base = builtin_category(label, node_type)
    if base is None:
        return CategoryInfo(**values, core=core)
    if core is None and base.core in life_phases:
        core = base.core
    return dataclasses.replace(base, **values, core=core)


def _suggest(catalogue: CategoryCatalogue, text: str, node_type: NodeType, n: int = 3
             ) -> list[str]:
    """Labels of the catalogue's categories of ``node_type`` spelled close to ``text``."""
    spellings: dict[str, str] = {}
    for info in catalogue:
        if info.node_type is node_type:
            for spelling in (info.label, *info.aliases):
                spellings.setdefault(fold(spelling), info.label)
    keys = difflib.get_close_matches(fold(text), list(spellings), n=n * 3, cutoff=0.75)
    return list(dict.fromkeys(spellings[k] for k in keys))[:n]


def _category_warning(catalogue: CategoryCatalogue, rec: Recognition, node_type: NodeType
                      ) -> tuple[IssueCode, str] | None:
    """Issue code and German message for how a row's category was read (``None``: exact).

    ``catalogue`` is the map's: its own categories (sheet *Kategorien*) make the same text
    mean something else in another map, so :meth:`_Builder.nodes` memoises the messages
    per sheet (the same category, or category and name, repeats over thousands of rows)
    rather than in a process-wide cache that would keep old maps' catalogues alive.
    """
    if rec.method is Method.EMPTY or (rec.method is Method.EXACT and rec.info is not None):
        return None
    text = rec.text or ""
    other = catalogue.get(text) if text else None
    wrong_sheet = other is not None and other.node_type is not node_type
    if rec.method is Method.AMBIGUOUS:
        options = join_or([quote(c) for c in rec.candidates])
        said = rec.message() or (f"Die Kategorie {quote(text)} ist mehrdeutig: gemeint sein "
                                 f"kann {options}. Bis Sie eine davon eintragen, zählt der "
                                 "Eintrag in keiner Auswertung, die die Kategorie braucht.")
        which = "eine davon" if rec.candidates else "eine genauere Kategorie"
        return (IssueCode.AMBIGUOUS_CATEGORY, f"{said} Tragen Sie {which} ein oder legen Sie die "
                "Kategorie im Blatt „Kategorien“ selbst fest.")
    if rec.info is not None:  # a guess: from a word part or from the name
        said = rec.message() or f"Die Kategorie wurde als {quote(rec.info.label)} gelesen."
        if wrong_sheet:
            assert other is not None
            said += (f" ({quote(other.label)} ist eine Kategorie für das Blatt "
                     f"{quote(SHEET_OF[other.node_type])}.)")
        return IssueCode.GUESSED_CATEGORY, said
    if wrong_sheet:
        assert other is not None
        return (IssueCode.UNKNOWN_CATEGORY, f"Die Kategorie {quote(text)} gehört zu "
                f"{SHEET_OF[other.node_type]}, nicht zu {SHEET_OF[node_type]}; Vorgaben für "
                "Sektor und Lebensphasen entfallen. Prüfen Sie das Blatt oder wählen Sie eine "
                "passende Kategorie.")
    return (IssueCode.UNKNOWN_CATEGORY, f"Die Kategorie {quote(text)} ist nicht bekannt"
            f"{meant(_suggest(catalogue, text, node_type))}. Sie wird übernommen, zählt aber "
            "in keiner Auswertung, die die Kategorie braucht. Wählen Sie eine Kategorie aus "
            "der Liste oder legen Sie sie im Blatt „Kategorien“ mit Knotentyp, Sektor und "
            "Lebensphasen fest.")


@dataclass
class _Table:
    """One sheet, column-major: header cells and one list of raw values per column."""

    name: str
    headers: list[object]
    columns: list[list[object]]
    nrows: int

    @classmethod
    def of(cls, name: str, data: pd.DataFrame | RowInput) -> _Table:
        if isinstance(data, pd.DataFrame):
            return cls(name, list(data.columns),
                       [_clean(data.iloc[:, j].tolist()) for j in range(data.shape[1])],
                       len(data))
        headers: dict[str, None] = {}
        for row in data:
            headers.update(dict.fromkeys(row))
        return cls(name, list(headers), [_clean([row.get(h) for row in data]) for h in headers],
                   len(data))

    def filled(self, indexes: Iterable[int]) -> list[bool]:
        """Per row: does any of these columns hold a value? (Blank rows are skipped.)

        Columns are checked in the order given (ID first), each only for the rows still
        empty, so a sheet whose first column is always filled costs one pass.
        """
        out = [False] * self.nrows
        empty = range(self.nrows)
        for j in indexes:
            column = self.columns[j]
            still: list[int] = []
            for i in empty:
                if column[i] is None:
                    still.append(i)
                else:
                    out[i] = True
            empty = still  # type: ignore[assignment]
            if not still:
                break
        return out


_REMARK = re.compile(r"\([^)]*\)")  # „(Städt.)“, „(Eigenbetrieb)“: a remark, not the name


def _number_forms(key: str) -> list[str]:
    """Folded header keys in the other grammatical number: „lebensphase“ → „lebensphasen“,
    „mitglieder“ → „mitglied“ (a header typed in the singular or plural)."""
    forms = [key + ending for ending in ("n", "en", "e", "er", "s")]
    for ending in ("en", "er", "n", "e", "s"):
        if key.endswith(ending) and len(key) > len(ending) + 3:
            forms.append(key[: -len(ending)])
    return forms


_BRACKETS = "; der Zusatz in Klammern oder in der zweiten Zeile wird übergangen"


def _guess_header(text: str, lookup: Mapping[str, Column], aliases: Mapping[str, Column],
                  split: bool = True) -> tuple[Column | None, str]:
    """The column a header that is no exact header means, and what the warning adds:
    „Stärke (1–4)“ and „Kapazität“ + line break + „(Plätze)“ (the hint is passed over),
    „Lebensphase“ (the other number), a header of an older template (``Column.aliases``:
    „Träger“ for Anbieter, „Art der Beziehung“ for Art) and „Sozialraum/Stadtteil“ (each
    part at „/“ tried in turn).

    >>> from netzkarte.schema import sheet
    >>> cols = sheet("Akteure").columns
    >>> _guess_header("Sozialraum/Stadtteil", {fold(c.header): c for c in cols}, {})[0].header
    'Sozialraum'
    """
    base = header_base(text)
    key = fold(base)
    how = "" if base == text.strip() else _BRACKETS
    found = aliases.get(key) or lookup.get(key)
    if found is None:  # "Lebensphase" for "Lebensphasen"
        found = next((lookup[k] for k in _number_forms(key) if k in lookup), None)
    if found is None and split and "/" in base:  # "Sozialraum/Stadtteil"
        for part in base.split("/"):
            if part.strip():
                found, _ = _guess_header(part.strip(), lookup, aliases, split=False)
                if found is not None:
                    break
    return found, how if found is not None else ""


def _clean(values: list[object]) -> list[object]:
    """Blank cells (``None``, ``""``, white space, NaN, NaT, NA) become ``None``."""
    # text, the common case, is decided inline; "".isspace() is False, hence `v and`
    return [v if (v.__class__ is str and v and not v.isspace())
            or (v.__class__ is float and v == v)
            or (v.__class__ is not str and v.__class__ is not float and not is_blank(v))
            else None for v in values]


@dataclass
class _Layout:
    """Where each known column of a sheet is, and the extra columns."""

    known: dict[str, int] = field(default_factory=dict)  # attr -> column index
    extras: list[tuple[int, str]] = field(default_factory=list)  # index, header
    ok: bool = True  # every required column present
    empty: bool = False  # no header and no row at all


class _Builder:
    """Reads sheets and rows into nodes, edges and issues; one per :func:`build_map` call.

    It adds the nodes to ``network`` itself and works with three collaborators it is given
    (see :meth:`for_source`): ``log`` collects the issues (``self.error`` and ``self.warn``
    are its methods), ``refs`` (:class:`~netzkarte.io.refs.References`) indexes the nodes,
    resolves reference cells and checks and adds every edge, and ``columns``
    (:class:`~netzkarte.io.columns.ColumnReader`) parses the cell values.
    """

    def __init__(self, network: NetworkMap, log: IssueLog, refs: References,
                 columns: ColumnReader) -> None:
        self.map, self.log, self.refs, self.columns = network, log, refs, columns
        self.error, self.warn = log.error, log.warn
        self.district_keys: dict[str, str] = {}  # fold(name) -> spelling on Sozialräume
        self.node_districts: list[tuple[str, str, int, str]] = []  # node, sheet, row, raw
        self.id_keys: dict[str, str] = {}  # casefolded ID -> the ID

    @classmethod
    def for_source(cls, source: str | None) -> _Builder:
        """A builder for one input and its collaborators, sharing one map and one log."""
        log = IssueLog(source)
        network = NetworkMap()
        # edges of the kinds that may run in a circle are listed as added (cycles())
        return cls(network, log, References(log, network, tracked=_CYCLE_TEXT),
                   ColumnReader(log))

    # --- sheets and columns ---------------------------------------------------------------

    def match_sheets(self, sheets: Mapping[str, pd.DataFrame | RowInput],
                     hidden: frozenset[str] = frozenset()) -> dict[str, _Table]:
        known = {fold(s.name): s.name for s in SHEETS}
        skip = {fold(GUIDE_SHEET), fold(LISTS_SHEET)}
        tables: dict[str, _Table] = {}
        copies = self.sheet_copies(sheets, known, hidden)
        for name, data in sheets.items():
            key = fold(name)
            if key in skip:
                continue
            canonical = known.get(key)
            if name in copies:
                canonical, gone = copies[name]
                self.warn(IssueCode.GUESSED_VALUE, f"Das Blatt {quote(name)} wird als "
                          f"{quote(canonical)} gelesen" + (
                              f"; das gleichnamige Blatt {quote(gone)} ist ausgeblendet und "
                              "wird nicht gelesen" if gone else "") +
                          f". Benennen Sie es in {quote(canonical)} um" + (
                              f" und löschen Sie das ausgeblendete Blatt {quote(gone)}"
                              if gone else "") + ".", sheet=str(name))
                tables[canonical] = _Table.of(canonical, data)
                continue
            if canonical is not None and any(c == canonical for c, _ in copies.values()):
                continue  # the hidden original of a visible copy
            if canonical is None or canonical in tables:
                close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.7)
                hint = (f"Das Blatt {quote(known[key])} gibt es schon"
                        if canonical else "Es gehört nicht zur Vorlage") + meant(
                            [known[c] for c in close if known[c] not in tables])
                self.warn(IssueCode.UNKNOWN_SHEET, f"Das Blatt {quote(name)} wird nicht gelesen. "
                          f"{hint}. Benennen Sie es um, wenn seine Daten eingelesen werden "
                          "sollen.", sheet=str(name))
                continue
            tables[canonical] = _Table.of(canonical, data)
        for s in SHEETS:
            if s.name not in tables and s.name not in _OPTIONAL_SHEETS:
                self.error(IssueCode.MISSING_SHEET,
                           f"Das Blatt {quote(s.name)} fehlt. Fügen Sie es "
                           "mit den Spalten der Vorlage wieder ein (leer lassen, wenn es nichts "
                           "einzutragen gibt) oder korrigieren Sie den Blattnamen.",
                           sheet=s.name)
        return tables

    @staticmethod
    def sheet_copies(sheets: Mapping[str, object], known: Mapping[str, str],
                     hidden: frozenset[str]) -> dict[str, tuple[str, str | None]]:
        """Copies of template sheets read in their place: copy name → (template name,
        hidden original or ``None``). Excel names a copy „Akteure (2)“, Google Sheets and
        LibreOffice „Kopie von Akteure“, older workbooks add a year („Angebote 2023“); a
        copy is read when the template's sheet is missing, or hidden while the copy is
        visible."""
        present = {fold(n): str(n) for n in sheets}
        out: dict[str, tuple[str, str | None]] = {}
        for name in sheets:
            if name in hidden:
                continue
            match = _SHEET_COPY.fullmatch(str(name).strip())
            base = fold(next(g for g in match.groups() if g)) if match else None
            if base is None or base not in known or any(
                    c == known[base] for c, _ in out.values()):
                continue
            original = present.get(base)
            if original is None or original in hidden:
                out[str(name)] = (known[base], original)
        return out

    def control_characters(self, table: _Table) -> None:
        """Remove control characters (:data:`~netzkarte.io.cells.CONTROL_CHARACTERS`) from
        every text cell and header of a sheet, with one ``control-character`` warning per
        cell naming them: no export format can hold them. A column without any costs one
        search over its joined text."""
        for j, column in enumerate(table.columns):
            header = table.headers[j]
            if header.__class__ is str and CONTROL_CHARACTERS.search(header):
                shown = CONTROL_CHARACTERS.sub("", str(header)).strip() or None
                table.headers[j] = self.controls(table.name, 1, shown, str(header))
            texts = [v for v in column if v.__class__ is str]
            if not texts or not CONTROL_CHARACTERS.search("".join(texts)):
                continue
            name = cell_text(table.headers[j]) or f"Spalte {column_letter(j)}"
            for i, value in enumerate(column):
                if value.__class__ is str and CONTROL_CHARACTERS.search(value):
                    clean = self.controls(table.name, i + 2, name, str(value))
                    column[i] = clean if clean.strip() else None

    def controls(self, sheet: str, row: int | None, column: str | None, text: str) -> str:
        """``text`` without control characters, after a warning that names them."""
        clean = CONTROL_CHARACTERS.sub("", text)
        names = ", ".join(map(char_name, dict.fromkeys(CONTROL_CHARACTERS.findall(text))))
        shown = clean.strip()
        shown = quote(shown if len(shown) <= 60 else f"{shown[:60]}…") if shown else "nichts"
        self.warn(IssueCode.CONTROL_CHARACTER,
                  f"Die Zelle enthält Steuerzeichen, die man nicht sieht "
                  f"und die Excel, GraphML und GEXF nicht speichern können: {names}. Sie wurden "
                  "entfernt; "
                  f"übrig bleibt {shown}. Tragen Sie den Text neu ein (tippen, nicht "
                  "kopieren), wenn dabei etwas verloren ging.", sheet, row, column,
                  visible_controls(text))
        return clean

    def layout(self, sheet: Sheet, table: _Table, *, base_only: bool = False) -> _Layout:
        """Match headers to columns (``vocab.fold``), report duplicates and missing ones."""
        lookup: dict[str, Column] = {}
        for col in sheet.columns:
            lookup.setdefault(fold(col.header), col)
            lookup.setdefault(fold(col.attr), col)
        aliases = {fold(a): col for col in sheet.columns for a in col.aliases}
        out = _Layout()
        extra_names: set[str] = set()
        for j, header in enumerate(table.headers):
            text = cell_text(header)
            if text is None:
                if all(is_blank(v) for v in table.columns[j]):
                    continue
                text = f"Spalte {column_letter(j)}"
            found = lookup.get(fold(text))
            guessed, how = False, ""
            if found is None and header is not None:
                found, how = _guess_header(text, lookup, aliases)
                guessed = found is not None
                if found is not None and found.attr in out.known:
                    found = None  # the column is there already: this one stays an extra
            if found is not None:
                col = found
                if guessed:
                    self.warn(IssueCode.GUESSED_HEADER, f"Die Überschrift {quote(text)} wurde als "
                              f"Spalte {quote(col.header)} gelesen{how}. Benennen Sie die "
                              f"Spalte in {quote(col.header)} um, damit sie sicher erkannt "
                              "wird.", sheet=sheet.name, row=1, column=text, value=text)
                if col.attr in out.known:
                    first, second = column_letter(out.known[col.attr]), column_letter(j)
                    self.error(IssueCode.DUPLICATE_COLUMN, f"Die Spalte {quote(col.header)} kommt "
                               f"doppelt vor (Spalten {first} und {second}); gelesen wird "
                               "nur die erste. Löschen Sie eine davon oder benennen Sie sie "
                               "um.", sheet=sheet.name, row=1, column=text, value=text)
                    continue
                out.known[col.attr] = j
                continue
            while text in extra_names:
                text += " (2)"
            extra_names.add(text)
            out.extras.append((j, text))
        if table.nrows == 0 and not out.known and not out.extras:
            out.empty = True  # an empty list of rows: nothing to check
            return out
        candidates = [h for _, h in out.extras]
        named: set[str] = set()
        title = self.title_row(sheet, table, lookup)
        for col in sheet.columns:
            if col.required and col.attr not in out.known:
                close = difflib.get_close_matches(col.header, candidates, n=1, cutoff=0.6)
                fix = (f"Die Überschriften stehen offenbar in Zeile 2 ({title}): Löschen Sie "
                       "die Titelzeile 1, damit sie in Zeile 1 stehen." if title else
                       f"Tragen Sie in Zeile 1 eine Spalte mit der Überschrift "
                       f"{quote(col.header)} ein.")
                self.error(IssueCode.MISSING_COLUMN,
                           f"Die Pflichtspalte {quote(col.header)} fehlt im "
                           f"Blatt {quote(sheet.name)}{meant(close)}. {fix}",
                           sheet=sheet.name, row=1, column=col.header)
                out.ok = False
                named.update(close)
        if not base_only:
            self.map.extra_columns[sheet.name] = [h for _, h in out.extras]
            self.unknown_columns(sheet, out, table, named)
        return out

    @staticmethod
    def title_row(sheet: Sheet, table: _Table, lookup: Mapping[str, Column]) -> str:
        """The template's headers found in Excel row 2 (quoted, joined) when row 1 looks
        like a title above them (at most one filled cell), else ``""``."""
        if table.nrows == 0 or sum(cell_text(h) is not None for h in table.headers) > 1:
            return ""
        found = [cell_text(c[0]) for c in table.columns
                 if cell_text(c[0]) and fold(str(cell_text(c[0]))) in lookup]
        return join_and([quote(str(f)) for f in found[:3]]) if len(found) >= 2 else ""

    def unknown_columns(self, sheet: Sheet, lay: _Layout, table: _Table,
                        named: set[str]) -> None:
        """One warning per column the template does not know: it is kept and written back,
        but a misspelt header would otherwise go unnoticed (its values count nowhere)."""
        headers = {fold(c.header): c.header for c in sheet.columns if c.attr not in lay.known}
        for j, text in lay.extras:
            if text in named:  # already offered for a missing required column
                continue
            if cell_text(table.headers[j]) is None:
                self.warn(IssueCode.UNKNOWN_COLUMN,
                          f"Die {text} hat keine Überschrift, aber Einträge. "
                          "netzkarte übernimmt sie unverändert als eigene Spalte; ausgewertet "
                          "wird sie nicht. Tragen Sie in Zeile 1 eine Überschrift ein.",
                          sheet=sheet.name, row=1, column=text)
                continue
            key = fold(header_base(text))
            close = [headers[k] for k in difflib.get_close_matches(key, headers, n=1, cutoff=0.6)
                     ] or [h for k, h in headers.items() if len(k) >= 4 and key.startswith(k)][:1]
            self.warn(IssueCode.UNKNOWN_COLUMN, f"Die Spalte {quote(text)} gehört nicht zur Vorlage"
                      f"{meant(close)}. netzkarte übernimmt sie unverändert als eigene Spalte "
                      "und schreibt sie beim Export zurück; ausgewertet wird sie nicht. "
                      "Benennen Sie sie um, wenn eine Spalte der Vorlage gemeint ist.",
                      sheet=sheet.name, row=1, column=text, value=text)

    # --- nodes ----------------------------------------------------------------------------

    def nodes(self, sheet: Sheet, table: _Table) -> None:
        assert sheet.node_type is not None
        ntype = sheet.node_type
        lay = self.layout(sheet, table)
        cols = table.columns
        id_col = cols[lay.known["id"]] if "id" in lay.known else None
        name_col = cols[lay.known["name"]] if "name" in lay.known else None
        fields: list[tuple[str, list[Any]]] = []
        sides: list[dict[int, dict[str, Any]]] = []
        refs: list[tuple[Column, list[object]]] = []
        for col in sheet.columns:
            if col.attr not in lay.known or col.attr in ("id", "name"):
                continue
            values = cols[lay.known[col.attr]]
            if col.kind is ValueKind.REF:
                refs.append((col, values if col.required else _without_markers(values)))
                continue
            converted, side = self.columns.convert(sheet, col, values)
            fields.append((col.attr, converted))
            if side:
                sides.append(side)
        extras = [(h, cols[j]) for j, h in lay.extras]
        filled = table.filled(j for j in (*lay.known.values(), *(j for j, _ in lay.extras)))
        self.skip_totals(sheet.name, table, lay, filled, ("id", "name"))
        add_node = self.map._add_typed_node  # values are parsed and checked here
        origin, names, rows = self.refs.origin, self.refs.names, self.refs.rows
        pending, id_keys = self.refs.pending, self.id_keys
        catalogue = self.map.categories
        categorised = any(c.attr == "category" for c in sheet.columns)
        messages: dict[Recognition, tuple[IssueCode, str] | None] = {}
        added = 0
        for i in range(table.nrows):
            if not filled[i]:
                continue
            row = i + 2
            nid = cell_text(id_col[i]) if id_col is not None else None
            if nid is not None and not nid.isascii():
                nid = self.clean_id(sheet, row, nid)
            if nid is None:
                nid = self.generated_id(ntype, row)
                self.refs.generated.add(nid)
                if id_col is not None:
                    self.warn(IssueCode.GENERATED_ID, f"Die ID fehlt; netzkarte nennt den Eintrag "
                              f"vorläufig {quote(nid)}. Diese ID ändert sich, sobald Zeilen "
                              "eingefügt oder verschoben werden: Tragen Sie eine eigene ID ein "
                              "und verweisen Sie mit ihr auf diese Zeile.", sheet.name, row,
                              "ID")
            elif nid in origin:
                self.error(IssueCode.DUPLICATE_ID, f"Die ID {quote(nid)} ist schon in Blatt "
                           f"{quote(SHEET_OF[origin[nid]])}, Zeile {rows[nid]} "
                           "vergeben. Jede ID darf "
                           "nur einmal vorkommen: Vergeben Sie hier eine neue ID.",
                           sheet.name, row, "ID", id_col[i] if id_col is not None else nid)
                continue
            elif id_keys.setdefault(nid.casefold(), nid) != nid:
                self.ambiguous_id(sheet, row, nid, id_keys[nid.casefold()])
                continue
            name = cell_text(name_col[i]) if name_col is not None else None
            if name is None and name_col is not None:
                self.error(IssueCode.MISSING_VALUE, "Der Name fehlt. Tragen Sie in „Name“ ein, wie "
                           "die Einrichtung, das Amt, das Gremium oder das Angebot heißt.",
                           sheet.name, row, "Name")
            attrs: dict[str, Any] = {"type": ntype, "name": name or nid}
            for attr, values in fields:
                if values[i] is not None:
                    attrs[attr] = values[i]
            extra = {h: values[i] for h, values in extras if values[i] is not None}
            for side in sides:
                if i in side:
                    extra.update(side[i])
            for col, values in refs:
                if values[i] is not None:
                    pending.append((sheet, col, row, nid, values[i]))
            info: CategoryInfo | None = None
            if categorised:
                category = attrs.get("category")
                # the same key as _add_typed_node's lookup: one recognition per row
                rec = catalogue.recognize(category, name=attrs["name"], node_type=ntype)
                info = rec.info
                if rec.method is not Method.EXACT or info is None:
                    if rec not in messages:
                        messages[rec] = _category_warning(catalogue, rec, ntype)
                    found = messages[rec]
                    if found:
                        self.warn(found[0], found[1], sheet.name, row, "Kategorie", category)
            if "lat" in attrs or "lon" in attrs:
                self.coordinates(sheet, row, attrs)
            if "district" in attrs and self.everywhere(sheet, row, attrs):
                extra[_DISTRICT_HEADER] = attrs.pop("district")
            elif "level" in attrs:  # every contradiction involves the Ebene
                self.contradictions(sheet, row, attrs, info)
            if "district" in attrs:
                self.node_districts.append((nid, sheet.name, row, attrs["district"]))
            attrs["extra"] = extra
            add_node(nid, ntype, attrs)
            origin[nid] = ntype
            rows[nid] = row
            if name:
                names[nid] = name
            added += 1
        if added == 0:
            self.empty_sheet(sheet)

    def coordinates(self, sheet: Sheet, row: int, attrs: dict[str, Any]) -> None:
        """Breitengrad and Längengrad the wrong way round (a German longitude as latitude
        and the other way) are swapped, with a warning; other coordinates outside Germany
        are kept as typed, with a warning."""
        lat, lon = attrs.get("lat"), attrs.get("lon")
        lat_box, lon_box = _GERMANY["lat"], _GERMANY["lon"]
        if (lat is not None and lon is not None and lon_box[0] <= lat <= lon_box[1]
                and lat_box[0] <= lon <= lat_box[1]):
            attrs["lat"], attrs["lon"] = lon, lat
            self.warn(IssueCode.GUESSED_VALUE, f"Breitengrad {display(lat)} und Längengrad "
                      f"{display(lon)} sind wohl vertauscht (so läge der Ort außerhalb "
                      "Deutschlands); gelesen als "
                      f"Breitengrad {display(lon)}, Längengrad {display(lat)}. Tauschen Sie die "
                      "beiden Werte (der Breitengrad liegt in Deutschland zwischen 47 und 55, "
                      "der Längengrad zwischen 5 und 15).", sheet.name, row, "Breitengrad", lat)
            return
        for attr, header, value in (("lat", "Breitengrad", lat), ("lon", "Längengrad", lon)):
            low, high = _GERMANY[attr]
            if value is not None and not low <= value <= high:
                self.warn(IssueCode.BAD_NUMBER, f"{header} {display(value)} liegt außerhalb "
                          f"Deutschlands (dort zwischen {display(low)} und {display(high)}). "
                          "Der Wert bleibt so stehen. Prüfen Sie ihn, z. B. in einem "
                          "Online-Kartendienst.", sheet.name, row, header, value)

    def everywhere(self, sheet: Sheet, row: int, attrs: dict[str, Any]) -> bool:
        """Whether a node's Sozialraum text means the whole town („ganzer Bezirk“,
        „stadtweit“, „alle“ …) and names no district of the sheet Sozialräume; warns if so
        (and says that an Ebene „Sozialraum“ does not fit)."""
        raw = attrs["district"]
        if not isinstance(raw, str):
            return False
        key = fold(raw) or raw.casefold()
        if key not in _EVERYWHERE or key in self.district_keys:
            return False
        what = "das Angebot" if sheet.node_type is NodeType.OFFER else "der Eintrag"
        self.warn(IssueCode.GUESSED_VALUE, f"Den Sozialraum {quote(raw)} haben wir als ganze "
                  f"Kommune gelesen: {what} zählt für jeden Sozialraum (wie ein leerer "
                  "„Sozialraum“); der Text bleibt erhalten. Ist ein bestimmter Sozialraum "
                  "gemeint, tragen Sie ihn so ein, wie er im Blatt „Sozialräume“ steht; sonst "
                  "kann „Sozialraum“ leer bleiben."
                  + (" Die Ebene „Sozialraum“ passt nicht dazu: Tragen Sie als Ebene „Kommune“ "
                     "ein." if attrs.get("level") is Level.DISTRICT else ""),
                  sheet.name, row, _DISTRICT_HEADER, raw)
        return True

    def skip_totals(self, sheet: str, table: _Table, lay: _Layout, filled: list[bool],
                    labels: tuple[str, ...]) -> None:
        """Leave out the total rows at the bottom of a sheet (:func:`_total_rows`): mark
        them unfilled, with a ``total-row`` warning each."""
        label_cols = [lay.known[a] for a in labels if a in lay.known]
        if not label_cols:
            return
        free = [lay.known[a] for a in ("municipality", "note") if a in lay.known]
        noun = _TOTAL_NOUN.get(sheet, "Eintrag")
        for i, text in _total_rows(table, label_cols, free, filled):
            filled[i] = False
            column = next(cell_text(table.headers[j]) or "" for j in label_cols
                          if table.columns[j][i] is not None)
            words: dict[str, str] = {}
            for part in text.split(" / "):
                word = _total_word(part)
                if word:
                    words.setdefault(word.casefold(), word.capitalize())
            spelled = join_or([quote(w) for w in words.values()])
            names = (f"eine ID und einen Namen ein, die nicht mit {spelled} beginnen oder "
                     "enden" if "id" in lay.known
                     else f"einen Namen ein, der nicht mit {spelled} beginnt oder endet")
            self.warn(IssueCode.TOTAL_ROW,
                      f"Die Zeile {quote(text)} am Ende des Blatts wurde als Summenzeile "
                      f"gelesen und übergangen: Sie ist kein {noun}. Tragen Sie {names}, "
                      f"wenn netzkarte sie doch als {noun} lesen soll.", sheet, i + 2, column,
                      text)

    def clean_id(self, sheet: Sheet, row: int, nid: str) -> str | None:
        """The ID after :func:`~netzkarte.io.cells.normalise_id` (NFC, no invisible
        characters, plain spaces), with a ``normalised-id`` warning naming what changed;
        ``None`` when nothing visible is left."""
        clean, changes = normalise_id(nid)
        if changes:
            read = (f"Gelesen wird die ID {quote(clean)}; Verweise auf sie werden genauso "
                    "verglichen" if clean else "Es bleibt nichts übrig; die Zelle gilt als leer")
            self.warn(IssueCode.NORMALISED_ID,
                      f"Die ID {quote(nid)} enthält Zeichen, die man nicht "
                      f"sieht: {'; '.join(changes)}. {read}. Tragen Sie die ID neu ein (tippen, "
                      "nicht kopieren), damit sie überall gleich geschrieben ist.",
                      sheet.name, row, "ID", nid)
        return clean or None

    def ambiguous_id(self, sheet: Sheet, row: int, nid: str, other: str) -> None:
        """Two IDs that differ only in case: references could not tell them apart."""
        refs = self.refs
        self.error(IssueCode.AMBIGUOUS_ID,
                   f"Die ID {quote(nid)} unterscheidet sich von {quote(other)} "
                   f"(Blatt {quote(SHEET_OF[refs.origin[other]])}, Zeile {refs.rows[other]}) "
                   "nur in Groß- und Kleinschreibung. Verweise lesen beide gleich, die Zeile "
                   "wird deshalb nicht übernommen. Vergeben Sie hier eine deutlich andere ID – "
                   "oder führen Sie beide Zeilen zusammen, wenn es derselbe Eintrag ist.",
                   sheet.name, row, "ID", nid)

    def contradictions(self, sheet: Sheet, row: int, attrs: dict[str, Any],
                       info: CategoryInfo | None) -> None:
        """Warn when a row's Ebene, Sozialraum and category contradict each other.

        Ebene „Kommune“ with a Sozialraum is normal (a municipal Kita in Nord) and not
        reported; the analyses judge a facility in its Sozialraum.
        """
        level, district = attrs.get("level"), attrs.get("district")
        if info is not None and info.town_wide and level is Level.DISTRICT:
            address = (f"; der Sozialraum {quote(district)} gilt als Adresse" if district
                       else "")
            self.warn(IssueCode.CONTRADICTION, f"Ein Eintrag der Kategorie {quote(info.label)} "
                      "arbeitet für die ganze Kommune oder den Kreis, die Ebene ist aber "
                      "„Sozialraum“. "
                      f"netzkarte zählt den Eintrag für alle Sozialräume{address}. Tragen Sie "
                      "als Ebene „Kommune“ ein; ist es eine Stelle nur für einen Sozialraum, "
                      "legen Sie dafür im Blatt „Kategorien“ eine eigene Kategorie mit "
                      "Wirkungskreis „Sozialraum“ an.", sheet.name, row, "Ebene", level.label)
        elif level is Level.DISTRICT and not district and any(
                c.attr == "district" for c in sheet.columns):
            self.warn(IssueCode.CONTRADICTION, "Die Ebene ist „Sozialraum“, aber es ist kein "
                      "Sozialraum eingetragen. netzkarte kann den Eintrag keinem Sozialraum "
                      "zuordnen: In den Auswertungen nach Sozialraum zählt er nicht. Tragen Sie "
                      "den Sozialraum ein (Name wie im Blatt „Sozialräume“) oder ändern Sie die "
                      "Ebene.", sheet.name, row, "Sozialraum")
        elif level in _WIDE_LEVELS and district and not (info is not None and info.town_wide):
            # (a town-wide category says the same as the Ebene: its Sozialraum is an address)
            self.warn(IssueCode.CONTRADICTION,
                      f"Die Ebene ist {quote(level.label)}, eingetragen ist "
                      f"aber auch der Sozialraum {quote(district)}. netzkarte liest den "
                      f"Sozialraum als Adresse; der Eintrag zählt {_WIDE_LEVELS[level]}, für "
                      "alle Sozialräume. Tragen Sie als Ebene „Sozialraum“ oder „Kommune“ ein, "
                      "wenn er nur dort arbeitet; arbeitet er darüber hinaus, lassen Sie "
                      "„Sozialraum“ leer (die Lage zeigen Breitengrad und Längengrad).",
                      sheet.name, row, "Ebene", level.label)

    def cycles(self) -> None:
        """A chain of *Berichtet an*, or of *Übergeordnet*/*Organisation*, that comes back to
        where it started is an error (``reference-cycle``), spelled out as
        ``G-01 → G-02 → G-03 → G-01``; one report per circle (strongly connected group),
        at the row of its first link. Linear in the number of edges.
        """
        import networkx as nx

        for kind, pairs in self.refs.tracked.items():
            if len(pairs) < 2 or _acyclic(pairs):  # the common case: nothing to spell out
                continue
            pairs = self.in_graph_order(pairs)
            graph: nx.DiGraph[str] = nx.DiGraph(pairs)
            for group in nx.strongly_connected_components(graph):
                if len(group) > 1:
                    self.cycle(kind, _circle(graph, group))

    def in_graph_order(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Edges (added in row order) in the order ``graph.edges()`` gives them: by source
        as the nodes were added, then by target as the source's neighbours were. The
        circles found and the way each is spelled out follow this order; a walk over every
        edge of the map would cost more than the check itself."""
        adjacency: Any = self.map.graph
        node_at = {node: i for i, node in enumerate(adjacency._node)}
        target_at = {u: {v: i for i, v in enumerate(adjacency._succ[u])}
                     for u in {u for u, _ in pairs}}
        return sorted(pairs, key=lambda p: (node_at[p[0]], target_at[p[0]][p[1]]))

    def cycle(self, kind: EdgeKind, circle: list[str]) -> None:
        """Report one circle of ``kind`` edges (``circle[0] == circle[-1]``)."""
        places = [self.refs.edges_seen[f"{u}\x00{v}\x00{kind.value}"]
                  for u, v in itertools.pairwise(circle)]
        start = places.index(min(places))  # begin at the first row of the workbook
        circle = circle[start:-1] + circle[:start + 1]
        places = places[start:] + places[:start]
        chain = " → ".join(circle)
        where = []
        for (u, v), place in zip(itertools.pairwise(circle), places, strict=True):
            sheet_index, row = divmod(place, _ROW_SPAN)
            where.append(f"{SHEET_ORDER[sheet_index]}, Zeile {row}: {u} → {v}")
        sheet, row = divmod(places[0], _ROW_SPAN)
        column, why = _CYCLE_TEXT[kind]
        column = _CYCLE_COLUMNS.get(SHEET_ORDER[sheet], column)
        self.error(IssueCode.REFERENCE_CYCLE, f"Die Angaben bilden einen Kreis: {chain}. {why} "
                   f"Beteiligt sind: {'; '.join(where)}. Prüfen Sie diese Zeilen und "
                   "löschen oder korrigieren Sie die Angabe, die nicht stimmt.",
                   SHEET_ORDER[sheet], row, column, circle[1])

    def sort_issues(self) -> None:
        """File-level issues first, then by sheet (template order) and row."""
        order = {name: i for i, name in enumerate(SHEET_ORDER)}
        self.log.issues.sort(key=lambda i: (order.get(i.sheet or "", -1) if i.sheet else -2,
                                            i.row or 0))

    def empty_sheet(self, sheet: Sheet) -> None:
        self.warn(IssueCode.EMPTY_SHEET, f"Das Blatt {quote(sheet.name)} enthält keine Einträge. "
                  "Tragen Sie die Daten ab Zeile 2 ein, falls das nicht gewollt ist.",
                  sheet.name)

    def generated_id(self, ntype: NodeType, row: int) -> str:
        base = nid = f"{_ID_PREFIX[ntype]}-auto-{row}"
        n = 2
        while nid in self.refs.origin:
            nid, n = f"{base}-{n}", n + 1
        return nid

    def edge_sheet(self, sheet: Sheet, table: _Table) -> None:
        lay = self.layout(sheet, table)
        if lay.empty:
            self.empty_sheet(sheet)
        if not lay.ok or lay.empty:
            return
        cols = table.columns
        src_col, dst_col = sheet.columns[0], sheet.columns[1]
        src, dst = cols[lay.known["source"]], cols[lay.known["target"]]
        src_ids, dst_ids = _without_markers(src), _without_markers(dst)  # "k. A.": empty
        fields: list[tuple[str, list[Any]]] = []
        sides: dict[int, dict[str, Any]] = {}  # row index -> raw text of unreadable values
        kinds: list[Any] = [sheet.edge_kind] * table.nrows
        reporters: list[object] | None = None
        kind_col: Column | None = None
        exchanges: dict[int, str] = {}  # row index -> Art „Austausch“ as typed
        for col in sheet.columns[2:]:
            if col.attr not in lay.known:
                continue
            values = cols[lay.known[col.attr]]
            if col.attr == "reported_by":
                reporters = _without_markers(values)
                continue
            if col.attr == "kind" and sheet is _RELATIONS:
                values, exchanges = _exchange_art(values)
            converted, side = self.columns.convert(sheet, col, values)
            for i, kept in side.items():
                sides.setdefault(i, {}).update(kept)
            if col.attr == "kind":
                kinds, kind_col = converted, col
            else:
                fields.append((col.attr, converted))
        extras = [(h, cols[j]) for j, h in lay.extras]
        filled = table.filled(j for j in (*lay.known.values(), *(j for j, _ in lay.extras)))
        refs = self.refs
        origin, resolve, edge, name = refs.origin, refs.resolve, refs.edge, sheet.name
        heads = (src_col.header, dst_col.header)
        free: dict[str, list[tuple[int, str, tuple[str, ...], object]]] = {}  # text -> rows
        added = 0
        for i in range(table.nrows):
            if not filled[i]:
                continue
            row = i + 2
            added += 1
            s_raw, t_raw, kind = src_ids[i], dst_ids[i], kinds[i]
            if s_raw is None or t_raw is None or kind is None:
                self.incomplete_edge(sheet, row, (src_col, dst_col), (src[i], dst[i]),
                                     kind_col is not None and kinds[i] is None
                                     and cols[lay.known["kind"]][i] is None)
                continue
            rule = EDGE_RULES[kind]
            # the common case (a clean ID) costs one dict lookup
            source = s_raw if s_raw in origin else resolve(s_raw, rule.sources, name, row,
                                                             heads[0])
            target = t_raw if t_raw in origin else resolve(t_raw, rule.targets, name, row,
                                                             heads[1])
            attrs = {attr: values[i] for attr, values in fields if values[i] is not None}
            if i in exchanges:
                self.exchange(sheet, row, exchanges[i], attrs)
            said = None
            if reporters is not None and reporters[i] is not None:
                said = self.reporter(sheet, row, reporters[i], attrs, free)
            if kind is EdgeKind.MEMBER and not attrs.keys() <= _MEMBER_ATTRS:
                self.member_attrs(sheet, row, attrs)
            if source is not None and target is not None:
                extra = {h: v[i] for h, v in extras if v[i] is not None} if extras else {}
                if i in sides:
                    extra = {**sides[i], **extra}
                if said is not None:
                    extra = {**extra, "Gemeldet von": said}
                edge(source, target, kind, name, row, heads, (s_raw, t_raw), attrs, extra)
        for found in free.values():  # one warning per text, at its first row
            first_row, text, nids, raw = found[0]
            refs.free_text_warning(text, nids, sheet.column("Gemeldet von"), name, first_row,
                                   raw, len(found))
        if added == 0:
            self.empty_sheet(sheet)

    def exchange(self, sheet: Sheet, row: int, raw: str, attrs: dict[str, Any]) -> None:
        """Art „Austausch“ (the first step of the template's Stärke scale): a Kooperation
        of Stärke 1, or of the Stärke typed in the row."""
        strength = attrs.setdefault("strength", Strength.EXCHANGE)
        typed = ("Stärke „1 Austausch“" if strength is Strength.EXCHANGE else
                 f"der eingetragenen Stärke {quote(strength.label)}")
        self.warn(IssueCode.GUESSED_VALUE, f"{quote(raw)} ist keine Art, sondern die "
                  "schwächste Stufe der Stärke. Gelesen als Art „Kooperation“ mit "
                  f"{typed}. Wählen Sie in „Art“ „Kooperation“ und in „Stärke“ "
                  "„1 Austausch“.", sheet.name, row, "Art", raw)

    def incomplete_edge(self, sheet: Sheet, row: int, cols: tuple[Column, Column],
                        raws: tuple[object, object], kind_missing: bool) -> None:
        """Report empty Von/Zu/Art cells; still check the references that are there.

        A missing marker (``k. A.``, ``–`` …) in Von/Zu is an empty cell: an edge needs both
        ends.
        """
        for col, raw in zip(cols, raws, strict=True):
            if raw is None:
                self.error(IssueCode.MISSING_VALUE, f"{quote(col.header)} ist leer. Tragen Sie die "
                           f"ID {what(col.ref_types)} ein.", sheet.name, row, col.header)
            elif _is_marker(raw) and raw not in self.refs.origin:
                self.error(IssueCode.MISSING_VALUE, f"{quote(col.header)} enthält nur {quote(raw)} "
                           f"(keine Angabe). Eine Beziehung braucht beide Enden: Tragen Sie die "
                           f"ID {what(col.ref_types)} ein oder löschen Sie die Zeile.",
                           sheet.name, row, col.header, raw)
            else:
                self.refs.resolve(raw, col.ref_types, sheet.name, row, col.header)
        if kind_missing:
            self.error(IssueCode.MISSING_VALUE,
                       "„Art“ ist leer. Wählen Sie die Art der Beziehung aus "
                       "der Auswahlliste, z. B. Kooperation.", sheet.name, row, "Art")

    def reporter(self, sheet: Sheet, row: int, raw: object, attrs: dict[str, Any],
                 free: dict[str, list[tuple[int, str, tuple[str, ...], object]]]
                 ) -> str | None:
        """The optional *Gemeldet von* reference of a relation. A text that names no entry
        and does not look like an ID („Amt 51“) is returned, to be kept in the edge's
        ``extra``, and noted in ``free`` (one warning per text after the sheet); a mistyped
        ID stays an error."""
        col = sheet.column("Gemeldet von")
        refs = self.refs
        if raw not in refs.origin:
            found = refs.free_reference(raw, col)
            if found is not None:
                typed, text, nids = found
                free.setdefault(typed, []).append((row, text, nids, raw))
                return typed
        nid = refs.resolve(raw, col.ref_types, sheet.name, row, col.header)
        if nid is not None and refs.origin[nid] not in col.ref_types:
            refs.wrong_type(nid, col.ref_types, sheet.name, row, col.header, raw)
        elif nid is not None:
            attrs["reported_by"] = nid
        return None

    def member_attrs(self, sheet: Sheet, row: int, attrs: dict[str, Any]) -> None:
        """Drop what a membership cannot carry (a relation row with Art = Mitglied)."""
        dropped = [c.header for c in sheet.columns if c.attr in attrs.keys() - _MEMBER_ATTRS]
        for attr in attrs.keys() - _MEMBER_ATTRS:
            del attrs[attr]
        self.warn(IssueCode.GUESSED_VALUE, f"{join_or([quote(d) for d in dropped])} gilt nicht für "
                  "Mitgliedschaften und wird übergangen. Tragen Sie Mitgliedschaften besser im "
                  "Blatt „Mitgliedschaften“ ein.", sheet.name, row, dropped[0])

    # --- own categories -------------------------------------------------------------------

    def categories(self, table: _Table) -> None:
        """Sheet *Kategorien*: the Kommune's own categories, read before any node.

        Each valid row becomes a ``CategoryInfo(custom=True)``; the map's catalogue then
        fills sector and life phases of every node of that category and every analysis
        reads it. A row that redefines a built-in category replaces it (a warning); its
        empty cells take the built-in values. A row without a usable Knotentyp or Sektor is
        an error and defines nothing; the rest of the workbook is read as usual.
        """
        sheet = CATEGORY_SHEET
        lay = self.layout(sheet, table)
        if lay.empty or not lay.ok:
            return
        cols = table.columns
        blank: list[object] = [None] * table.nrows
        raw = {c.attr: cols[lay.known[c.attr]] if c.attr in lay.known else blank
               for c in sheet.columns}
        typed: dict[str, list[Any]] = {}
        sides: dict[int, dict[str, Any]] = {}
        for col in sheet.columns:
            if col.attr in lay.known and col.attr not in ("node_type", "town_wide"):
                typed[col.attr], side = self.columns.convert(sheet, col, raw[col.attr])
                for i, unknown in side.items():
                    sides.setdefault(i, {}).update(unknown)
            else:
                typed[col.attr] = blank
        extras = [(h, cols[j]) for j, h in lay.extras]
        filled = table.filled(j for j in (*lay.known.values(), *(j for j, _ in lay.extras)))
        spelled: dict[str, tuple[str, int]] = {}  # folded spelling -> own label, row
        infos: list[CategoryInfo] = []
        for i in range(table.nrows):
            if not filled[i]:
                continue
            row = i + 2
            label = typed["label"][i]
            if label is None:
                self.error(IssueCode.MISSING_VALUE,
                           "Der Name der Kategorie fehlt. Tragen Sie ihn in "
                           "„Kategorie“ ein oder löschen Sie die Zeile.", sheet.name, row,
                           "Kategorie")
                continue
            if fold(label) in spelled:
                first, at = spelled[fold(label)]
                spelling = ("" if fold(first) == fold(label)
                            else f" (als andere Schreibweise von {quote(first)})")
                self.error(IssueCode.DUPLICATE_CATEGORY,
                           f"Die Kategorie {quote(label)} ist schon in "
                           f"Zeile {at} festgelegt{spelling}. Führen Sie beide Zeilen "
                           "zusammen.", sheet.name, row, "Kategorie", label)
                continue
            info = self.category_row(sheet, row, label, {a: v[i] for a, v in raw.items()},
                                      {a: v[i] for a, v in typed.items()})
            if info is None:
                continue
            aliases = self.own_spellings(sheet, row, info, spelled)
            if aliases != info.aliases:
                info = dataclasses.replace(info, aliases=aliases)
            infos.append(info)
            kept: dict[str, Any] = dict(sides.get(i, {}))
            if typed["note"][i] is not None:
                kept["note"] = typed["note"][i]
            kept.update({h: values[i] for h, values in extras if values[i] is not None})
            if kept:
                self.map.category_extra[label] = kept
        if infos:
            self.map.set_categories(infos)

    def category_row(self, sheet: Sheet, row: int, label: str, raw: dict[str, object],
                     typed: dict[str, Any]) -> CategoryInfo | None:
        """One own category from its row, or ``None`` after reporting why it cannot be."""
        base = builtin_category(label)  # the built-in category it replaces, if any
        ntype = self.category_type(sheet, row, raw["node_type"], base)
        if ntype is None:
            return None
        base = builtin_category(label, ntype) or base
        inherit = base is not None and base.node_type is ntype
        sector = typed["sector"] or (base.sector if inherit and base is not None else None)
        if sector is None:
            if raw["sector"] is None:  # an unknown Sektor has been reported already
                self.error(IssueCode.MISSING_VALUE,
                           f"Der Sektor der Kategorie {quote(label)} fehlt. "
                           "Wählen Sie in „Sektor“ das Handlungsfeld aus der Liste: Es färbt "
                           "alle Einträge dieser Kategorie.", sheet.name, row, "Sektor")
            return None
        phases = typed["life_phases"] or (base.life_phases if inherit and base else ())
        town_wide = self.category_scope(sheet, row, raw["town_wide"])
        if town_wide is None:
            town_wide = base.town_wide if inherit and base is not None else False
        form = typed["form"]
        if form is not None and ntype is not NodeType.ACTOR:
            self.warn(IssueCode.GUESSED_VALUE,
                      f"„Form“ gilt nur für Akteure; bei {quote(ntype.label)} "
                      "wird sie übergangen. Löschen Sie den Wert.", sheet.name, row,
                      "Form", raw["form"])
            form = None
        if form is None and inherit and base is not None:
            form = base.form
        if base is not None:
            same = ("" if fold(base.label) == fold(label)
                    else f" (als andere Schreibweise von {quote(base.label)})")
            self.warn(IssueCode.BUILTIN_CATEGORY, f"Die Kategorie {quote(label)} gibt es schon "
                      f"eingebaut{same}. Ihre Definition gilt statt der eingebauten"
                      f"{'; leere Zellen übernehmen deren Vorgaben' if inherit else ''}. "
                      "Wählen Sie einen anderen Namen, wenn Sie die eingebaute behalten "
                      "möchten.", sheet.name, row, "Kategorie", label)
        return own_category(label, ntype, sector, tuple(phases), form,
                            tuple(typed["aliases"] or ()), town_wide)

    def category_type(self, sheet: Sheet, row: int, raw: object, base: CategoryInfo | None
                      ) -> NodeType | None:
        """The Knotentyp of an own category (an empty cell takes the built-in one's)."""
        allowed = join_or([quote(t.label) for t in CATEGORY_NODE_TYPES])
        if raw is None:
            if base is not None:
                return base.node_type
            self.error(IssueCode.MISSING_VALUE, f"Der Knotentyp fehlt. Wählen Sie {allowed}: in "
                       "welchem Blatt die Kategorie vorkommt.", sheet.name, row, "Knotentyp")
            return None
        ntype = NodeType.parse(cell_text(raw))
        if ntype in CATEGORY_NODE_TYPES:
            return ntype
        why = ("Gremien haben keine Kategorie, sondern einen Gremientyp. "
               if ntype is NodeType.COMMITTEE else "")
        self.error(IssueCode.UNKNOWN_VALUE,
                   f"{quote(display(raw))} ist kein Knotentyp. {why}Wählen Sie "
                   f"{allowed}; die Kategorie dieser Zeile gilt erst dann.", sheet.name, row,
                   "Knotentyp", raw)
        return None

    def category_scope(self, sheet: Sheet, row: int, raw: object) -> bool | None:
        """*Wirkungskreis*: ``True`` for the whole Kommune, ``None`` when empty or unknown."""
        if raw is None:
            return None
        wide = _SCOPE_SPELLINGS.get(fold(display(raw)))
        if wide is None:
            self.error(IssueCode.UNKNOWN_VALUE,
                       f"{quote(display(raw))} ist kein Wirkungskreis. Wählen "
                       f"Sie {join_or([quote(v) for v in CATEGORY_SCOPES.values()])}.",
                       sheet.name, row, "Wirkungskreis", raw)
        return wide

    def own_spellings(self, sheet: Sheet, row: int, info: CategoryInfo,
                      spelled: dict[str, tuple[str, int]]) -> tuple[str, ...]:
        """Record the category's spellings; drop other spellings another row already has."""
        spelled[fold(info.label)] = (info.label, row)
        aliases: list[str] = []
        for alias in info.aliases:
            key = fold(alias)
            if key in spelled:
                owner, at = spelled[key]
                if owner != info.label:
                    self.warn(IssueCode.DUPLICATE_CATEGORY,
                              f"Die Schreibweise {quote(alias)} gehört "
                              f"schon zur Kategorie {quote(owner)} (Zeile {at}) und wird hier "
                              "übergangen. Tragen Sie sie nur bei einer Kategorie ein.",
                              sheet.name, row, "Andere Schreibweisen", alias)
                continue
            builtin = builtin_category(alias)
            if builtin is not None and fold(builtin.label) != fold(info.label):
                self.warn(IssueCode.BUILTIN_CATEGORY,
                          f"Die Schreibweise {quote(alias)} steht schon "
                          f"bei der eingebauten Kategorie {quote(builtin.label)}; hier gilt "
                          f"sie für Ihre Kategorie {quote(info.label)}. Löschen Sie sie hier, "
                          "wenn die eingebaute gemeint ist.", sheet.name, row,
                          "Andere Schreibweisen", alias)
            spelled[key] = (info.label, row)
            aliases.append(alias)
        return tuple(aliases)

    # --- districts and metadata -----------------------------------------------------------

    def districts(self, table: _Table) -> None:
        sheet = _DISTRICTS
        lay = self.layout(sheet, table, base_only=True)
        if not lay.ok:
            return
        cols = table.columns
        base = {c.attr: (c, cols[lay.known[c.attr]]) for c in DISTRICT_BASE_COLUMNS
                if c.attr in lay.known}
        indicators = [(Column(h, h, ValueKind.FLOAT), cols[j]) for j, h in lay.extras]
        records: dict[str, dict[str, Any]] = {}
        first_row: dict[str, int] = {}
        filled = table.filled([*lay.known.values(), *(j for j, _ in lay.extras)])
        self.skip_totals(sheet.name, table, lay, filled, ("district",))
        for i in range(table.nrows):
            row = i + 2
            if not filled[i]:
                continue
            cells = [v[i] for _, v in (*base.values(), *indicators)]
            if all(is_blank(c) for c in cells):
                continue
            name = cell_text(base["district"][1][i])
            if name is None:
                self.error(IssueCode.MISSING_VALUE,
                           "Der Name des Sozialraums fehlt. Tragen Sie ihn in "
                           "„Sozialraum“ ein oder löschen Sie die Zeile.", sheet.name, row,
                           "Sozialraum")
                continue
            key = fold(name) or name.casefold()  # the key the analysis uses as well
            if key in self.district_keys:
                first = self.district_keys[key]
                spelled = "" if first == name else f" (als {quote(first)})"
                self.error(IssueCode.DUPLICATE_DISTRICT,
                           f"Den Sozialraum {quote(name)} gibt es schon "
                           f"in Zeile {first_row[key]}{spelled}. Führen Sie beide Zeilen "
                           "zusammen.", sheet.name, row, "Sozialraum", name)
                continue
            self.district_keys[key] = name
            first_row[key] = row
            record: dict[str, Any] = {}
            for col, values in (*((c, v) for a, (c, v) in base.items() if a != "district"),
                                *indicators):
                if not is_blank(values[i]):
                    record[col.attr] = self.columns.value(sheet, col, values[i], row, {})
            records[name] = record
        columns = ["municipality", "population", "children", *(h for _, h in lay.extras)]
        frame = pd.DataFrame.from_dict(records, orient="index", columns=columns)
        frame.index.name = "district"
        frame["municipality"] = frame["municipality"].astype(object)
        for name in ("population", "children"):
            frame[name] = frame[name].astype("Int64")
        for _, header in lay.extras:
            frame[header] = frame[header].astype(float)
        self.map.set_districts(frame)

    def possible_duplicates(self) -> None:
        """One warning per group of entries of one sheet whose names are the same apart from
        spelling, legal form and a remark in brackets („Kita Regenbogen“, „KiTa Regenbogen
        e.V.“, „Kita Regenbogen (Städt.)“) and that lie in the same Sozialraum or have none:
        several departments typing the same Kita make it count three times. Persons (two
        people may share a name) and offers (the same offer may run twice; see the
        gleichartige Angebote of the analysis) are left out."""
        refs = self.refs
        words = refs.name_index().words  # built once; reference resolution reuses it
        places = set(self.district_keys)  # „(Kreuzfeld)“ tells two offers apart

        def remark(found: re.Match[str]) -> str:
            return found.group(0) if fold(found.group(0)[1:-1]) in places else " "

        groups: dict[tuple[NodeType, str, str], list[str]] = {}
        for nid, name in refs.names.items():
            data = self.map.graph.nodes[nid]
            if data.get("form") is ActorForm.PERSON or data["type"] is NodeType.OFFER:
                continue  # two persons of one name are two persons; same offers run twice
            key = " ".join(name_tokens(_REMARK.sub(remark, name)) if "(" in name
                           else words.get(nid, ()))
            if not key:
                continue
            district = fold(str(data.get("district") or ""))
            groups.setdefault((refs.origin[nid], key, district), []).append(nid)
        for (ntype, _, _), nids in groups.items():
            if len(nids) < 2:
                continue
            shown = [f"{quote(refs.names[n])} (Zeile {refs.rows[n]})" for n in nids[:5]]
            more = f" und {len(nids) - 5} weitere" if len(nids) > 5 else ""
            first = nids[0]
            self.warn(IssueCode.POSSIBLE_DUPLICATE,
                      f"{len(nids)} Einträge heißen fast gleich: {', '.join(shown)}{more}. "
                      "Prüfen Sie, ob es derselbe Eintrag ist: Dann führen Sie die Zeilen "
                      "zusammen und verweisen auf eine ID; sonst unterscheiden Sie die Namen "
                      "(etwa mit Straße oder Stadtteil), damit Karte und Auswertungen sie "
                      "auseinanderhalten.",
                      SHEET_OF[ntype], refs.rows[first], "Name", refs.names[first])

    def check_districts(self) -> None:
        """Match node districts to the Sozialräume sheet by :func:`~netzkarte.vocab.fold`
        key (case, dashes, spaces, umlauts, ß), as the analysis does; warn on a variant."""
        if not self.district_keys:
            return
        keys = list(self.district_keys)
        close_to: dict[str, list[str]] = {}  # typos repeat: one lookup per spelling
        for nid, sheet, row, raw in self.node_districts:
            key = fold(raw) or raw.casefold()
            spelled = self.district_keys.get(key)
            if spelled is not None:
                if spelled != raw:
                    self.map.graph.nodes[nid]["district"] = spelled
                    self.warn(IssueCode.GUESSED_VALUE, f"Den Sozialraum {quote(raw)} haben wir als "
                              f"{quote(spelled)} aus dem Blatt „Sozialräume“ gelesen. "
                              "Bitte die Schreibweise dort angleichen.", sheet, row,
                              "Sozialraum", raw)
                continue
            close = close_to.get(key)
            if close is None:
                close = [self.district_keys[k]
                         for k in difflib.get_close_matches(key, keys, n=2, cutoff=0.6)]
                close_to[key] = close
            self.warn(IssueCode.UNKNOWN_DISTRICT, f"Den Sozialraum {quote(raw)} gibt es im Blatt "
                      f"„Sozialräume“ nicht{meant(close)}. Tragen Sie ihn dort ein oder "
                      "korrigieren Sie die Schreibweise.", sheet, row, "Sozialraum", raw)

    def meta(self, meta: Mapping[str, object], source: str | None) -> None:
        fields = {fold(attr): attr for attr, _ in META_FIELDS}
        fields.update({fold(label): attr for attr, label in META_FIELDS})
        labels = dict(META_FIELDS)
        out = MapMeta(source=source)
        for key, raw in meta.items():
            attr = fields.get(fold(key))
            if is_blank(raw):
                continue
            if isinstance(raw, str) and CONTROL_CHARACTERS.search(raw):
                raw = self.controls(GUIDE_SHEET, None, labels.get(attr or "", str(key)), raw)
            if attr is None:
                out.extra[str(key)] = display(raw)
            elif attr == "snapshot":
                # a guessed date keeps its text ("Stand: Frühjahr 2024"), written back as typed
                out.snapshot = self.columns.date(GUIDE_SHEET, labels[attr], raw, None,
                                                 out.extra)
            elif attr == "goals":
                out.goals = tuple(split_multi(display(raw)))
            else:
                setattr(out, attr, display(raw))
        self.map.meta = out


_CYCLE_TEXT: dict[EdgeKind, tuple[str, str]] = {
    EdgeKind.REPORTS_TO: ("Berichtet an", "Ein Gremium kann nicht über andere an sich selbst "
                          "berichten."),
    EdgeKind.BELONGS_TO: ("Übergeordnet", "Kein Eintrag kann über andere sich selbst "
                          "übergeordnet sein oder zu sich selbst gehören."),
}
_CYCLE_COLUMNS = {"Akteure": "Organisation", "Ämter": "Übergeordnet", "Gremien": "Berichtet an",
                  "Beziehungen": "Zu"}


def _acyclic(pairs: list[tuple[str, str]]) -> bool:
    """Do these edges form no circle? (Kahn: take away nodes nothing points at, and their
    edges, until none is left.) Much cheaper than building a graph for the components."""
    targets: dict[str, list[str]] = {}
    pointed: dict[str, int] = {}
    for u, v in pairs:
        targets.setdefault(u, []).append(v)
        pointed[v] = pointed.get(v, 0) + 1
        pointed.setdefault(u, 0)
    free = [node for node, n in pointed.items() if n == 0]
    taken = 0
    while free:
        taken += 1
        for v in targets.get(free.pop(), ()):
            pointed[v] -= 1
            if pointed[v] == 0:
                free.append(v)
    return taken == len(pointed)


def _circle(graph: Any, group: set[str]) -> list[str]:
    """One circle through a strongly connected group: follow the first successor inside the
    group from its smallest node until a node comes back (``[a, b, c, a]``)."""
    node = min(group)
    seen: dict[str, int] = {}
    path: list[str] = []
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(v for v in graph.successors(node) if v in group)
    return [*path[seen[node]:], node]


_HEADER_HINT = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


def header_base(text: str) -> str:
    """A header without a hint in brackets or on further lines: ``Stärke (1–4)``,
    ``Seit [Datum]`` and ``Kapazität`` + line break + ``(Plätze)`` become ``Stärke``,
    ``Seit`` and ``Kapazität``.

    >>> header_base("Organisation (ID)"), header_base("Kapazität\\n(Plätze)")
    ('Organisation', 'Kapazität')
    """
    base = _HEADER_HINT.sub(" ", text).strip()
    if "\n" in base or "\r" in base:
        base = base.splitlines()[0].strip()
    return base or text


def _is_marker(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 24 and is_missing(value)


# first letters of the missing markers; a marker that is no word starts with punctuation
_MARKER_START = frozenset(c for m in MISSING_MARKERS for c in (m[0], m[0].upper()))


def _without_markers(values: list[object]) -> list[object]:
    """A reference column with missing markers (``k. A.``, ``–``, ``unbekannt`` …) as empty
    cells; the column itself when it has none. An ID like ``A-017`` is passed over by its
    first letter, so a clean column costs one quick test per cell."""
    out: list[object] | None = None
    for i, value in enumerate(values):
        if value.__class__ is str:
            first = value[:1]
            if (first in _MARKER_START or not first.isalnum()) and _is_marker(value):
                if out is None:
                    out = list(values)
                out[i] = None
    return values if out is None else out


def build_map(sheets: Mapping[str, pd.DataFrame | RowInput], *,
              meta: Mapping[str, object] | None = None, source: str | None = None,
              hidden: Iterable[str] = ()) -> tuple[NetworkMap, ValidationReport]:
    """Build a map from template-shaped sheets and report every problem found.

    Parameters
    ----------
    sheets : mapping of sheet name to DataFrame or list of row dicts
        Sheet names and headers as in the template (``schema.SHEETS``); spelling variants
        (case, spaces, ``ae`` for ``ä``) are accepted. A DataFrame's columns are the header
        cells and its rows the data rows from Excel row 2 on (blank rows kept so row
        numbers count); row dicts are keyed by header. *Anleitung* and *Listen* are ignored,
        *Sozialräume* and *Kategorien* are optional, every other data sheet must be present
        (an empty list is fine).
    meta : mapping, optional
        Map metadata keyed by attribute (``municipality`` …) or German label (``Kommune``,
        ``Stand`` …); unknown keys go into ``MapMeta.extra``.
    source : str, optional
        Where the data came from (a file name), kept in the report and ``map.meta``.

    Returns
    -------
    (NetworkMap, ValidationReport)
        The map holds everything valid (failing edges are skipped); the report holds
        every error and warning and ``counts``.

    Examples
    --------
    >>> m, report = build_map({"Akteure": [{"ID": 12.0, "Name": " Kita Nord "}],
    ...                        "Ämter": [], "Gremien": [], "Angebote": [],
    ...                        "Mitgliedschaften": [], "Beziehungen": []})
    >>> m.name("12"), report.ok
    ('Kita Nord', True)

    Notes
    -----
    Linear in the number of cells, whatever the number of errors: "meinten Sie …?"
    suggestions compare the first 500 unknown texts with every ID, later ones only with
    the IDs one typo away (:mod:`netzkarte.io.refs`).
    """
    b = _Builder.for_source(source)
    with gc_paused():
        tables = b.match_sheets(sheets, frozenset(hidden))
        for table in tables.values():
            b.control_characters(table)
        b.meta(meta or {}, source)
        if CATEGORY_SHEET.name in tables:  # before any node: defaults come from it
            b.categories(tables[CATEGORY_SHEET.name])
        if "Sozialräume" in tables:
            b.districts(tables["Sozialräume"])
        for sheet in _NODE_SHEETS:
            if sheet.name in tables:
                b.nodes(sheet, tables[sheet.name])
        b.check_districts()
        b.possible_duplicates()
        b.refs.column_refs()
        for sheet in (_MEMBERS, _RELATIONS):
            if sheet.name in tables:
                b.edge_sheet(sheet, tables[sheet.name])
        b.cycles()
        b.sort_issues()
    counts = b.map.counts()
    report = b.log.report
    report.counts = counts
    log.info("Karte mit %d Knoten und %d Beziehungen gelesen%s (%d Fehler, %d Warnungen)",
             len(b.map), counts["edges"], f" aus {source}" if source else "",
             len(report.errors), len(report.warnings))
    return b.map, report
