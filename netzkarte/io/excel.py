"""Read a filled Excel template (.xlsx) into a :class:`~netzkarte.model.NetworkMap`.

The workbook is checked first (:mod:`netzkarte.io.safety`: size, zip bombs, row caps),
then read with pandas' ``calamine`` engine — a Rust reader about eight times faster than
openpyxl — as raw cell values, and finally built and validated by
:func:`netzkarte.io.build.build_map`, which reports every problem at once.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from netzkarte.errors import InputError, ValidationError, ValidationReport
from netzkarte.io.build import build_map, gc_paused
from netzkarte.io.cells import cell_text, is_blank
from netzkarte.io.safety import (
    Limits,
    check_workbook,
    require_defusedxml,
    too_many_rows,
    workbook_error,
)
from netzkarte.model import NetworkMap
from netzkarte.schema import GUIDE_SHEET, META_FIELDS
from netzkarte.vocab import fold

__all__ = ["WorkbookTables", "read_excel", "read_tables", "validate_excel"]

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
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    headers = [*rows[0], *[""] * (width - len(rows[0]))]
    return pd.DataFrame(rows[1:], columns=headers, dtype=object)


def read_tables(path: str | os.PathLike[str], *, limits: Limits | None = None
                ) -> WorkbookTables:
    """Check and read every sheet of a workbook as raw cell values.

    The cells are read with calamine (the Rust reader behind
    ``pandas.read_excel(engine="calamine")``), called directly: pandas would convert
    every cell once more in Python, which costs as much as the whole validation of a
    Kreis-scale workbook. Values are as calamine delivers them: text, ``float`` for every
    number, ``bool``, ``datetime.date``/``datetime.datetime`` for date cells and ``""``
    for empty cells.

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
    from python_calamine import CalamineWorkbook

    limits = limits or Limits()
    require_defusedxml()
    check_workbook(path, limits)
    name = Path(path).name
    tables = WorkbookTables(source=name)
    try:
        with gc_paused():
            book = CalamineWorkbook.from_path(os.fspath(path))
            raw = {sheet: book.get_sheet_by_name(sheet).to_python(
                       skip_empty_area=False, nrows=limits.max_rows + 1)
                   for sheet in book.sheet_names}
    except Exception as err:  # calamine raises its own error types
        raise workbook_error(
            "not-a-workbook",
            f"„{name}“ lässt sich nicht als Excel-Arbeitsmappe lesen ({err}). Bitte öffnen Sie "
            "die Datei in Excel und speichern Sie sie als .xlsx-Arbeitsmappe.") from None
    for sheet_name, rows in raw.items():
        if len(rows) > limits.max_rows:
            raise too_many_rows(str(sheet_name), len(rows), limits)
        if fold(sheet_name) == fold(GUIDE_SHEET):
            tables.meta = _read_meta(rows)
        tables.sheets[str(sheet_name)] = _frame(rows)
    return tables


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
    >>> karte is None, sorted({i.code for i in report.errors})
    (True, ['missing-sheet'])
    """
    tables = read_tables(path, limits=limits)
    netmap, report = build_map(tables.sheets, meta=tables.meta, source=tables.source)
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
        raise workbook_error("file-too-large", "Die Arbeitsmappe ist zu groß für den "
                             "Arbeitsspeicher. Teilen Sie die Daten auf mehrere Dateien auf."
                             ) from None
