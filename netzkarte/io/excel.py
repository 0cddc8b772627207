"""Read a filled Excel template (.xlsx) into a :class:`~netzkarte.model.NetworkMap`.

The workbook is checked first (:mod:`netzkarte.io.safety`: size, zip bombs, row caps),
then read with calamine — a Rust reader about eight times faster than openpyxl — as raw
cell values, and finally built and validated by :func:`netzkarte.io.build.build_map`, which
reports every problem at once.

calamine parses in its own thread without holding Python's interpreter lock, so this
module loads the builder (and with it pandas and networkx, a third of a second) only while
that parse runs: importing it is cheap, and a cold ``netzkarte pruefen`` waits for the
larger of the two, not for their sum.

>>> import tempfile, pathlib
>>> from netzkarte import InputError
>>> p = pathlib.Path(tempfile.mkdtemp()) / "notiz.xlsx"
>>> _ = p.write_text("ID;Name\\n1;Kita", encoding="utf-8")
>>> try:
...     read_excel(p)
... except InputError as err:
...     print(err.code)
not-a-workbook
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from netzkarte.errors import InputError, Issue, IssueCode, ValidationError, ValidationReport
from netzkarte.gc_pause import gc_paused
from netzkarte.io.cells import cell_text, is_blank
from netzkarte.io.safety import (
    Limits,
    _sheet_names,
    check_workbook,
    require_defusedxml,
    too_many_rows,
    workbook_error,
)
from netzkarte.schema import GUIDE_SHEET, META_FIELDS, SHEET_ORDER, SHEETS, Column, ValueKind
from netzkarte.text import column_letter
from netzkarte.vocab import fold

if TYPE_CHECKING:
    import pandas as pd

    from netzkarte.model import NetworkMap

__all__ = ["CellNote", "WorkbookTables", "read_excel", "read_tables", "validate_excel"]

log = logging.getLogger(__name__)

_META_SCAN_ROWS = 30


@dataclass
class WorkbookTables:
    """The raw content of a workbook, before any parsing of values.

    ``sheets`` maps each sheet name to a DataFrame of raw cell values (``dtype=object``):
    its columns are the header cells of row 1, its rows the data rows from Excel row 2 on,
    blank rows included so that position ``i`` is Excel row ``i + 2``. ``meta`` holds the
    metadata block of *Anleitung* keyed by attribute (``municipality``, ``snapshot`` …).
    """

    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)
    source: str | None = None
    cells: list[CellNote] = field(default_factory=list)
    """Cells the raw values do not tell the whole truth about: Excel errors, formulas
    without a stored result, merged ranges (see :class:`CellNote`)."""
    hidden: list[str] = field(default_factory=list)
    """Names of the hidden sheets (a hidden template sheet gives way to a visible copy)."""


@dataclass(frozen=True, slots=True)
class CellNote:
    """One cell whose raw value was changed or completed while reading.

    ``kind`` is ``"error"`` (an Excel error such as ``#REF!``; ``text`` is the error),
    ``"formula"`` (a formula without a stored result; ``text`` is the formula) or
    ``"merged"`` (a merged range filled down; ``text`` is the value, ``extent`` the range
    like ``B2:B5``). ``row`` is the Excel row, ``column`` the 0-based column index.
    """

    sheet: str
    row: int
    column: int
    kind: str
    text: str
    extent: str = ""
    last: int = 0  # merged: the last Excel row filled


def _read_meta(rows: list[list[Any]]) -> dict[str, object]:
    """The label/value block in columns A and B of the first rows of *Anleitung*."""
    labels = {fold(label): attr for attr, label in META_FIELDS}
    meta: dict[str, object] = {}
    in_block = False  # further label/value rows right after the known ones are kept too
    for row in rows[:_META_SCAN_ROWS]:
        text = cell_text(row[0]) if row else ""
        if not text:
            if in_block and meta:
                in_block = False
            continue
        attr = labels.get(fold(text.rstrip(":")))
        if attr is not None:
            in_block = True
            if attr not in meta and len(row) > 1 and not is_blank(row[1]):
                meta[attr] = row[1]
        elif in_block and len(row) > 1 and not is_blank(row[1]) and text not in meta:
            meta[text] = row[1]
    return meta


def _frame(rows: list[list[Any]]) -> pd.DataFrame:
    """Header row → column labels; data rows keep their position (Excel row = i + 2)."""
    import pandas as pd

    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    headers = [*rows[0], *[""] * (width - len(rows[0]))]
    for row in rows:  # an error cell noted past the end of a row made it longer
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return pd.DataFrame(rows[1:], columns=headers, dtype=object)


# --- cells that calamine reads as empty: Excel errors and formulas without a result -------

_DATA_SHEETS = {fold(s.name): s.name for s in SHEETS}
_FORMULA_OR_ERROR = re.compile(rb"<(?:\w+:)?f[\s>/]|\st=[\"']e[\"']")
_CELL_REF = re.compile(rb"\sr=[\"']\$?([A-Z]{1,3})\$?(\d+)[\"']")
_CELL_TYPE = re.compile(rb"\st=[\"'](\w+)[\"']")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_ROOT_PREFIX = re.compile(rb"<(\w+):worksheet\b")
_TEXT_TYPES = (b"str", b"s", b"inlineStr")
# a formula or an error cell may be there; a literal pattern searches about twice as fast
# as ``bytes in bytes`` (it looks for the first byte with memchr)
_MARKS = tuple(re.compile(re.escape(mark)) for mark in (b"<f", b"t=\"e\"", b"t='e'"))
_BLOCK = 1 << 18  # bytes of XML searched at a time

_EXCEL_ERRORS: dict[str, str] = {
    "#REF!": "Die Formel verweist ins Leere (auf gelöschte Zellen, Zeilen oder Blätter).",
    "#N/A": "Die Formel hat keinen Wert gefunden (z. B. SVERWEIS ohne Treffer).",
    "#DIV/0!": "Die Formel teilt durch null.",
    "#NAME?": "Die Formel enthält einen Namen oder eine Funktion, die Excel nicht kennt.",
    "#VALUE!": "Die Formel rechnet mit einem Wert der falschen Art (z. B. Text statt Zahl).",
    "#NUM!": "Die Formel ergibt keine gültige Zahl.",
    "#NULL!": "Die Bereiche der Formel überschneiden sich nicht.",
}


def _unescape(text: str) -> str:
    """The five predefined XML entities, ``&amp;`` last (as ``xml.sax.saxutils.unescape``
    with ``&quot;`` and ``&apos;``, which would import urllib on every start)."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return text.replace("&apos;", "'").replace("&amp;", "&")


def _column_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + byte - 64
    return index - 1


def _scan_sheet(data: bytes) -> list[tuple[int, int, str, str]]:
    """Error cells and formulas without a stored result in one worksheet's XML.

    Returns ``(row, column, kind, text)`` with 0-based row and column. A sheet without any
    formula or error costs one search; otherwise only the cells at those places are
    parsed. A formula whose stored result is an empty text (``t="str"``) is fine.
    """
    if b"<f" not in data and b"t=\"e\"" not in data and b"t='e'" not in data:
        prefixed = _ROOT_PREFIX.search(data, 0, 2048)
        if prefixed is None or b":f" not in data:
            return []
    prefixed = _ROOT_PREFIX.search(data, 0, 2048)
    prefix = prefixed.group(1) + b":" if prefixed else b""
    open_tag, close_tag = b"<" + prefix + b"c ", b"</" + prefix + b"c>"
    found: list[tuple[int, int, str, str]] = []
    at = 0
    while (mark := _FORMULA_OR_ERROR.search(data, at)) is not None:
        start = data.rfind(open_tag, 0, mark.start())
        head_end = data.find(b">", start)
        if start < 0 or head_end < 0:
            break
        self_closing = data[head_end - 1:head_end] == b"/"
        end = head_end + 1 if self_closing else data.find(close_tag, head_end)
        if end < 0 or end < mark.start():  # the mark is not inside a cell
            at = mark.end()
            continue
        at = end
        head, body = data[start:head_end], b"" if self_closing else data[head_end + 1:end]
        ref = _CELL_REF.search(head)
        if ref is None:
            continue
        row, column = int(ref.group(2)) - 1, _column_index(ref.group(1))
        kind = _CELL_TYPE.search(head)
        value = _VALUE.search(body)
        stored = value.group(1) if value is not None else None
        if kind is not None and kind.group(1) == b"e":
            text = _unescape((stored or b"").decode("utf-8", "replace")).strip()
            found.append((row, column, "error", text or "#FEHLER"))
            continue
        formula = _FORMULA.search(body)
        if formula is None or (stored or (kind is not None and kind.group(1) in _TEXT_TYPES)):
            continue  # no formula, or its result is stored
        text = _unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        found.append((row, column, "formula", f"={text}" if text else "="))
    return found


def _has_marks(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether a worksheet may hold a formula or an error cell (what :func:`_scan_sheet`
    looks for first).

    The XML is decompressed and searched block by block and never kept whole: most data
    sheets have neither, and each block is searched while it is still in the processor's
    cache. A namespace prefix on the root (``<x:worksheet>``) leaves it to the scan.
    """
    with zf.open(part) as fh:
        block = fh.read(max(_BLOCK, 2048))
        if _ROOT_PREFIX.search(block, 0, 2048) is not None:
            return True
        tail = b""
        while block:
            block = tail + block
            if any(mark.search(block) for mark in _MARKS):
                return True
            tail = block[-4:]  # a mark across two blocks
            block = fh.read(_BLOCK)
    return False


def _formula_cells(path: str | os.PathLike[str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """:func:`_scan_sheet` for every data sheet of the workbook, keyed by sheet name."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    with zipfile.ZipFile(path) as zf:
        for part, name in _sheet_names(zf).items():
            if fold(name) not in _DATA_SHEETS:
                continue
            try:
                if not _has_marks(zf, part):
                    continue
                data = zf.read(part)
            except KeyError:
                continue
            found = _scan_sheet(data)
            if found:
                out[name] = found
    return out


def _note_cells(name: str, rows: list[list[Any]], found: list[tuple[int, int, str, str]],
                notes: list[CellNote]) -> None:
    """Put the error text or formula into cells calamine read as empty; record each."""
    for row, column, kind, text in found:
        if row == 0:
            continue  # a header cell: the header check reports it
        while len(rows) <= row:
            rows.append([])
        cells = rows[row]
        if len(cells) <= column:
            cells.extend([""] * (column + 1 - len(cells)))
        if not is_blank(cells[column]):
            continue  # calamine has a value after all
        cells[column] = text
        notes.append(CellNote(name, row + 1, column, kind, text))


def _fill_merged(name: str, rows: list[list[Any]], ranges: Any, notes: list[CellNote]) -> None:
    """Fill each merged range of data rows down from its top cell (Excel keeps only that).

    Only rows that hold something else are filled: a merge reaching past the last entry
    must not invent rows. Merges in the header row and across columns only are skipped.
    """
    for (top, left), (bottom, right) in ranges or ():
        if top < 1 or bottom <= top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if is_blank(value):
            continue
        filled = 0
        last = top
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            cells = rows[r]
            others = any(not is_blank(v) for j, v in enumerate(cells) if j != left)
            if not others:
                continue
            if len(cells) <= left:
                cells.extend([""] * (left + 1 - len(cells)))
            if is_blank(cells[left]):
                cells[left] = value
                filled, last = filled + 1, r
        if filled:
            extent = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
            notes.append(CellNote(name, top + 1, left, "merged", str(cell_text(value)), extent,
                                  last + 1))


def _open_book(path: str | os.PathLike[str]) -> Any:
    """The calamine workbook; a file name that is no UTF-8 is read through a file object.

    On Linux a name with a Latin-1 byte (``st\\xe4dt.xlsx``) reaches Python as text with a
    surrogate escape, which the Rust reader cannot take as a path.
    """
    from python_calamine import CalamineWorkbook

    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        with open(name, "rb") as fh:
            return CalamineWorkbook.from_filelike(fh)
    return CalamineWorkbook.from_path(name)


def read_tables(path: str | os.PathLike[str], *, limits: Limits | None = None
                ) -> WorkbookTables:
    """Check and read every sheet of a workbook as raw cell values.

    The cells are read with calamine (the Rust reader behind
    ``pandas.read_excel(engine="calamine")``), called directly: pandas would convert
    every cell once more in Python, which costs as much as the whole validation of a
    Kreis-scale workbook. Values are as calamine delivers them: text, ``float`` for every
    number, ``bool``, ``datetime.date``/``datetime.datetime`` for date cells and ``""``
    for empty cells.

    calamine also reads Excel errors (``#REF!`` …) and formulas without a stored result as
    ``""``. Where a data sheet has formulas or errors at all, its XML is searched for them
    (one search per sheet otherwise): such cells get the error text or the formula as their
    value and a :class:`CellNote` in ``cells``. Merged ranges of data rows are filled down
    from their top cell, also with a note.

    Parameters
    ----------
    path : str or path-like
        The ``.xlsx`` file.
    limits : Limits, optional
        Size and row caps (default ``Limits()``).

    Returns
    -------
    WorkbookTables

    Raises
    ------
    InputError
        The file is missing, empty, no ``.xlsx``, too large, or a sheet has too many rows.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mini.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Akteure"
    >>> ws.append(["ID", "Name"]); ws.append(["A-1", "Kita Nord"]); wb.save(p)
    >>> read_tables(p).sheets["Akteure"].to_dict("records")
    [{'ID': 'A-1', 'Name': 'Kita Nord'}]
    """
    return _start_reading(path, limits)()


_Cells = tuple[dict[str, list[list[Any]]], dict[str, Any],
               dict[str, list[tuple[int, int, str, str]]], list[str]]


def _cells(path: str | os.PathLike[str], max_rows: int) -> _Cells:
    """Every sheet's raw rows, the merged ranges of the data sheets, the formula cells."""
    book = _open_book(path)
    raw: dict[str, list[list[Any]]] = {}
    merged: dict[str, Any] = {}
    for sheet in book.sheet_names:
        content = book.get_sheet_by_name(sheet)  # the parse: calamine releases the GIL
        raw[sheet] = content.to_python(skip_empty_area=False, nrows=max_rows + 1)
        if fold(sheet) in _DATA_SHEETS:
            merged[sheet] = getattr(content, "merged_cell_ranges", None)
    hidden = [str(m.name) for m in getattr(book, "sheets_metadata", ())
              if not str(m.visible).endswith("Visible")]
    return raw, merged, _formula_cells(path), hidden


def _start_reading(path: str | os.PathLike[str], limits: Limits | None
                   ) -> Callable[[], WorkbookTables]:
    """Check the workbook, start reading its cells in a thread and return a function that
    waits for them and gives the :class:`WorkbookTables` (what :func:`read_tables` does
    in one step). In between, the caller is free to load the builder."""
    limits = limits or Limits()
    require_defusedxml()
    check_workbook(path, limits)
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netzkarte-calamine")
    try:
        pending = worker.submit(_cells, path, limits.max_rows)
    finally:
        worker.shutdown(wait=False)  # the thread ends with its only task
    return lambda: _tables(path, limits, pending.result)


def _tables(path: str | os.PathLike[str], limits: Limits, cells: Callable[[], _Cells]
            ) -> WorkbookTables:
    name = Path(path).name
    tables = WorkbookTables(source=name)
    try:
        with gc_paused():
            raw, merged, found, tables.hidden = cells()
    except Exception as err:  # calamine raises its own error types
        raise workbook_error(
            IssueCode.NOT_A_WORKBOOK,
            f"„{name}“ lässt sich nicht als Excel-Arbeitsmappe lesen ({err}). Bitte öffnen Sie "
            "die Datei in Excel oder LibreOffice und speichern Sie sie als .xlsx-Arbeitsmappe "
            "(Datei → Speichern unter → Excel-Arbeitsmappe (.xlsx)).") from None
    for sheet_name, rows in raw.items():
        if len(rows) > limits.max_rows:
            raise too_many_rows(str(sheet_name), len(rows), limits)
        if fold(sheet_name) == fold(GUIDE_SHEET):
            tables.meta = _read_meta(rows)
        if sheet_name in found:
            _note_cells(sheet_name, rows, found[sheet_name], tables.cells)
        if merged.get(sheet_name):
            _fill_merged(sheet_name, rows, merged[sheet_name], tables.cells)
        tables.sheets[str(sheet_name)] = _frame(rows)
    return tables


def _schema_column(sheet: str, header: object) -> Column | None:
    """The template column a header names (as the importer matches it), else ``None``."""
    from netzkarte.io.build import header_base

    text = cell_text(header)
    if text is None:
        return None
    columns = next(s for s in SHEETS if s.name == sheet).columns
    for key in dict.fromkeys((fold(text), fold(header_base(text)))):  # "Stärke (1–4)" too
        for col in columns:
            if fold(col.header) == key or fold(col.attr) == key:
                return col
    return None


def _cell_issue(note: CellNote, col: Column | None, header: str, serious: bool) -> Issue:
    """The issue of one noted cell: an error in an ID or reference, else a warning."""
    key = col is not None and (col.kind in (ValueKind.ID, ValueKind.REF) or col.required)
    severity: Literal["error", "warning"] = "error" if key or serious else "warning"
    quoted = f"„{header}“"
    if note.kind == "merged":
        rows = f"{note.row} bis {note.last}"
        return Issue(IssueCode.MERGED_CELLS, f"Die Zellen {note.extent} sind verbunden; der Wert "
                     f"„{note.text}“ gilt für die Zeilen {rows}. Heben Sie die Verbindung auf "
                     "(Start → Verbinden und zentrieren) und tragen Sie den Wert in jede Zeile "
                     "ein.", note.sheet, note.row, header, note.text, "warning")
    fix = ("Tragen Sie den Wert direkt ein." if severity == "error" else
           f"Tragen Sie den Wert direkt ein; bis dahin bleibt der Text „{note.text}“ "
           "erhalten, zählt aber in keiner Auswertung.")
    if note.kind == "error":
        why = _EXCEL_ERRORS.get(note.text.upper(), "Excel meldet hier einen Fehler.")
        return Issue(IssueCode.EXCEL_ERROR, f"{note.text} in {quoted}: {why} {fix}", note.sheet,
                     note.row, header, note.text, severity)
    return Issue(IssueCode.FORMULA_WITHOUT_VALUE,
                 f"Die Formel „{note.text}“ in {quoted} hat keinen "
                 "gespeicherten Wert: Die Datei wurde von einem Programm geschrieben, das "
                 "Formeln nicht ausrechnet. Öffnen und speichern Sie sie in Excel oder "
                 f"LibreOffice, oder {fix[0].lower()}{fix[1:]}", note.sheet, note.row, header,
                 note.text, severity)


def _add_cell_issues(report: ValidationReport, tables: WorkbookTables) -> None:
    """Report the noted cells; each replaces what the build said about the same cell."""
    if not tables.cells:
        return
    order = {name: i for i, name in enumerate(SHEET_ORDER)}
    issues = report.issues
    at: dict[tuple[str | None, int | None], list[int]] = {}  # (sheet, row) -> positions
    for k, issue in enumerate(issues):
        at.setdefault((issue.sheet, issue.row), []).append(k)
    dropped: set[int] = set()
    added: list[Issue] = []
    for note in tables.cells:  # one lookup per cell: a sheet full of #REF! stays linear
        sheet = _DATA_SHEETS[fold(note.sheet)]
        frame = tables.sheets[note.sheet]
        header_cell = frame.columns[note.column] if note.column < frame.shape[1] else None
        col = _schema_column(sheet, header_cell)
        header = col.header if col is not None else (cell_text(header_cell)
                                                      or column_letter(note.column))
        note = CellNote(sheet, note.row, note.column, note.kind, note.text, note.extent,
                        note.last)
        key = fold(header)
        same = [k for k in at.get((sheet, note.row), ())
                if k not in dropped and fold(issues[k].column or "") == key]
        if note.kind != "merged":
            dropped.update(same)
        serious = any(issues[k].severity == "error" for k in same)
        added.append(_cell_issue(note, col, header, serious))
    if dropped:
        issues[:] = [issue for k, issue in enumerate(issues) if k not in dropped]
    issues.extend(added)
    issues.sort(key=lambda i: (order.get(i.sheet or "", -1) if i.sheet else -2,
                                      i.row or 0))


def validate_excel(path: str | os.PathLike[str], *, limits: Limits | None = None
                   ) -> tuple[NetworkMap | None, ValidationReport]:
    """Read and validate a workbook; never raises for bad content.

    Parameters
    ----------
    path : str or path-like
        The filled template.
    limits : Limits, optional
        Size and row caps.

    Returns
    -------
    (NetworkMap or None, ValidationReport)
        The map is ``None`` when the report has errors.

    Raises
    ------
    InputError
        Only when the file cannot be read at all (missing, empty, no ``.xlsx``, too large).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mini.xlsx"
    >>> wb = openpyxl.Workbook(); wb.active.title = "Akteure"; wb.save(p)
    >>> karte, report = validate_excel(p)
    >>> karte is None, sorted({i.code.value for i in report.errors})  # the code's string
    (True, ['missing-sheet'])
    """
    with gc_paused():
        reading = _start_reading(path, limits)
        from netzkarte.io.build import build_map  # pandas, networkx: loaded during the parse

        tables = reading()
        netmap, report = build_map(tables.sheets, meta=tables.meta, source=tables.source,
                                   hidden=tables.hidden)
    _add_cell_issues(report, tables)
    return (netmap if report.ok else None), report


def read_excel(path: str | os.PathLike[str], *, limits: Limits | None = None) -> NetworkMap:
    """Read a filled Excel template into a :class:`NetworkMap`.

    Parameters
    ----------
    path : str or path-like
        The filled template (``netzkarte vorlage`` writes an empty one).
    limits : Limits, optional
        Size and row caps (default ``Limits()``).

    Returns
    -------
    NetworkMap
        Warnings (guesses made on import) are logged, not raised.

    Raises
    ------
    InputError
        The file cannot be read (missing, empty, no ``.xlsx``, too large).
    ValidationError
        The content has errors; ``err.report`` lists all of them with sheet, row, column
        and how to fix each.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "karte.xlsx"
    >>> wb = openpyxl.Workbook(); wb.remove(wb.active)
    >>> for name in ["Akteure", "Ämter", "Gremien", "Angebote", "Mitgliedschaften",
    ...              "Beziehungen"]:
    ...     _ = wb.create_sheet(name)
    >>> wb["Akteure"].append(["ID", "Name", "Kategorie"])
    >>> wb["Akteure"].append(["K1", "Kita Nord", "Kita"])
    >>> wb.save(p)
    >>> read_excel(p).node("K1")["sector"].label
    'Kinder- und Jugendhilfe'
    """
    netmap, report = _validated(path, limits)
    if netmap is None or not report.ok:
        raise ValidationError(report)
    for issue in report.warnings:
        log.debug("Hinweis: %s", issue)
    return netmap


def _validated(path: str | os.PathLike[str], limits: Limits | None
               ) -> tuple[NetworkMap | None, ValidationReport]:
    try:
        return validate_excel(path, limits=limits)
    except InputError:
        raise
    except MemoryError:
        raise workbook_error(IssueCode.FILE_TOO_LARGE, "Die Arbeitsmappe ist zu groß für den "
                             "Arbeitsspeicher. Teilen Sie die Daten auf mehrere Dateien auf."
                             ) from None
