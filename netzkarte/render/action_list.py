"""The Maßnahmenliste: findings as an Excel action list for the network meeting.

One row per finding, sorted like the findings (severity, then score), with the columns the
meeting fills in — Zuständig, Bis wann, Status, Notiz — left empty. A second sheet lists
the checks of the quality framework. Written atomically: a failed run leaves an existing
list untouched.

``anonymous=True`` (``netzkarte analyse --xlsx … --anonym``) replaces person names by
category and organisation, as the map does
(:func:`netzkarte.render.privacy.anonymous_result`).

Examples
--------
>>> import tempfile, pathlib
>>> from netzkarte.analysis.findings import AnalysisResult, Finding
>>> f = Finding.create("isolated", "medium", "Kita Wiese ist mit niemandem verbunden",
...                    nodes=["K"])
>>> result = AnalysisResult("Beispiel", {}, [f], names={"K": "Kita Wiese"})
>>> path = write_action_list(result, pathlib.Path(tempfile.mkdtemp()) / "massnahmen.xlsx")
>>> path.name
'massnahmen.xlsx'
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzkarte.analysis.findings import (
    KIND_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    AnalysisResult,
    Finding,
)
from netzkarte.io.atomic import atomic_path
from netzkarte.render.privacy import anonymous_result

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap

__all__ = ["ACTION_COLUMNS", "CHECK_COLUMNS", "write_action_list"]

log = logging.getLogger(__name__)

ACTION_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Nr.", 6), ("Art", 18), ("Schwere", 10), ("Befund", 45), ("Erläuterung", 60),
    ("Empfehlung", 55), ("Beteiligte", 40), ("Sozialraum", 16), ("Zuständig", 20),
    ("Bis wann", 12), ("Status", 14), ("Notiz", 40))
"""Header and column width of the sheet „Maßnahmen“ (the last four are filled in by hand)."""

CHECK_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Nr.", 6), ("Prüfung", 45), ("Ergebnis", 14), ("Beleg", 80), ("Standard", 40))
"""Header and column width of the sheet „Qualitätsrahmen“."""

_SHOWN_NAMES = 10
_SEVERITY_FILL = {"high": "F4CCCC", "medium": "FCE5CD", "low": "FFF2CC", "info": "EFEFEF"}
_STATUS_FILL = {"pass": "D9EAD3", "warn": "FFF2CC", "fail": "F4CCCC", "unknown": "EFEFEF"}
_STATUS_CHOICES = ("offen", "in Arbeit", "erledigt", "verworfen")


def _involved(result: AnalysisResult, finding: Finding) -> str:
    names = [result.names.get(n, n) for n in finding.nodes]
    shown = "; ".join(names[:_SHOWN_NAMES])
    if len(names) > _SHOWN_NAMES:
        shown += f"; … und {len(names) - _SHOWN_NAMES} weitere"
    return shown


def _as_text(row: Any) -> None:
    """Keep input text like ``=HYPERLINK(…)`` a string: openpyxl would store a formula."""
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def write_action_list(result: AnalysisResult, path: str | os.PathLike[str], *,
                      anonymous: bool = False, network: NetworkMap | None = None) -> Path:
    """Write the German Maßnahmenliste (.xlsx) of an analysis result.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`netzkarte.analyze`; node names come from ``result.names``
        (ids where a name is missing).
    path : path-like
        Target ``.xlsx`` file; written atomically.
    anonymous : bool
        Replace person names (and ids) by category and organisation in every cell
        (see :func:`netzkarte.render.privacy.anonymous_result`); needs ``network``.
    network : NetworkMap, optional
        The analysed map; required with ``anonymous=True``.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    ValueError
        ``anonymous=True`` without ``network``.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from netzkarte.analysis.findings import AnalysisResult
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "liste.xlsx"
    >>> _ = write_action_list(AnalysisResult("Leer", {}, []), target)
    >>> openpyxl.load_workbook(target).sheetnames
    ['Maßnahmen', 'Qualitätsrahmen']

    Notes
    -----
    Sheet „Maßnahmen“: Nr., Art, Schwere, Befund, Erläuterung, Empfehlung, Beteiligte,
    Sozialraum, then the empty columns Zuständig, Bis wann, Status (dropdown: offen, in
    Arbeit, erledigt, verworfen) and Notiz. Header frozen, autofilter, wrapped text.
    Sheet „Qualitätsrahmen“: every check with result and evidence.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if anonymous:
        if network is None:
            raise ValueError("Für eine anonyme Maßnahmenliste wird die Karte gebraucht: "
                             "write_action_list(ergebnis, pfad, anonymous=True, "
                             "network=karte).")
        result = anonymous_result(result, network)
    target = Path(path)
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Maßnahmen"
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="3D5A80")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(sheet: Any, columns: tuple[tuple[str, int], ...]) -> None:
        sheet.append([name for name, _ in columns])
        for i, (_, width) in enumerate(columns, 1):
            cell = sheet.cell(row=1, column=i)
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"

    header(ws, ACTION_COLUMNS)
    for number, f in enumerate(result.findings, 1):
        ws.append([number, KIND_LABELS[f.kind], SEVERITY_LABELS[f.severity], f.title,
                   f.text, f.recommendation, _involved(result, f), f.district or "",
                   None, None, None, None])
        _as_text(ws[ws.max_row])
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
        ws.cell(row=ws.max_row, column=3).fill = PatternFill(
            "solid", fgColor=_SEVERITY_FILL[f.severity])
    last = max(ws.max_row, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(ACTION_COLUMNS))}{last}"
    status_col = get_column_letter(len(ACTION_COLUMNS) - 1)
    choice = DataValidation(type="list", formula1='"' + ",".join(_STATUS_CHOICES) + '"',
                            allow_blank=True)
    choice.add(f"{status_col}2:{status_col}{max(last, 200)}")
    ws.add_data_validation(choice)

    qs = wb.create_sheet("Qualitätsrahmen")
    header(qs, CHECK_COLUMNS)
    for number, q in enumerate(result.quality_checks, 1):
        qs.append([number, q.title, STATUS_LABELS[q.status], q.evidence, q.standard])
        _as_text(qs[qs.max_row])
        for cell in qs[qs.max_row]:
            cell.alignment = wrap
        qs.cell(row=qs.max_row, column=3).fill = PatternFill(
            "solid", fgColor=_STATUS_FILL[q.status])
    wb.properties.title = f"Maßnahmenliste {result.municipality}".strip()
    with atomic_path(target) as tmp:
        wb.save(tmp)
    log.info("Maßnahmenliste mit %d Befunden geschrieben: %s", len(result.findings), target)
    return target
