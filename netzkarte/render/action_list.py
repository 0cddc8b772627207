"""The Maßnahmenliste: findings as an Excel action list for the network meeting.

One row per finding, sorted like the findings (severity, then score) and numbered as the
findings panel of the map numbers them („Befund 17“ is row „Nr.“ 17), with its
*Sicherheit* („sicher“ or „unsicher“) and the columns the meeting fills in — Zuständig, Bis
wann, Status, Notiz — left empty. A second sheet lists the checks of the quality framework,
a third the *Datenlage*: one row per entry the analyses could not judge (ID, Name, Typ,
Kategorie, Gründe) and below it what to fill in and what that would change. Written
atomically: a failed run leaves an existing list untouched.

``anonymous=True`` (``netzkarte analyse --xlsx … --anonym``) replaces person names by
category and organisation, as the map does
(:func:`netzkarte.render.privacy.anonymous_result`).

Examples
--------
>>> import tempfile, pathlib
>>> from netzkarte.results import AnalysisResult, Finding
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

from netzkarte.errors import OptionError
from netzkarte.io.atomic import atomic_path
from netzkarte.render.privacy import Anonymizer, anonymous_result
from netzkarte.results import (
    KIND_LABELS,
    SEVERITY_LABELS,
    STATUS_TEXT,
    AnalysisResult,
    Finding,
)
from netzkarte.text import count_noun

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap

__all__ = ["ACTION_COLUMNS", "CHECK_COLUMNS", "DATENLAGE_COLUMNS", "write_action_list"]

log = logging.getLogger(__name__)

ACTION_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Nr.", 6), ("Art", 18), ("Schwere", 10), ("Sicherheit", 11), ("Befund", 45),
    ("Erläuterung", 60),
    ("Empfehlung", 55), ("Beteiligte", 40), ("Sozialraum", 16), ("Zuständig", 20),
    ("Bis wann", 12), ("Status", 14), ("Notiz", 40))
"""Header and column width of the sheet „Maßnahmen“ (the last four are filled in by hand)."""

CHECK_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Nr.", 6), ("Prüfung", 45), ("Ergebnis", 14), ("Beleg", 80), ("Standard", 40))
"""Header and column width of the sheet „Qualitätsrahmen“."""

DATENLAGE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("ID", 16), ("Name", 40), ("Typ", 10), ("Kategorie", 24), ("Gründe", 60),
    ("Klärt unsichere Befunde", 14))
"""Header and column width of the sheet „Datenlage“ (the last: how many uncertain findings
the entry could decide once filled in)."""

_CELL_LIMIT = 32_767  # characters an Excel cell holds
_SEVERITY_FILL = {"high": "F4CCCC", "medium": "FCE5CD", "low": "FFF2CC", "info": "EFEFEF"}
_STATUS_FILL = {"pass": "D9EAD3", "warn": "FFF2CC", "fail": "F4CCCC", "unknown": "EFEFEF"}
_STATUS_CHOICES = ("offen", "in Arbeit", "erledigt", "verworfen")


def _involved(result: AnalysisResult, finding: Finding) -> str:
    """Every name the finding names („Beteiligte“), as many as an Excel cell holds."""
    names = [result.names.get(n, n) for n in finding.nodes]
    text = "; ".join(names)
    if len(text) <= _CELL_LIMIT:
        return text
    room, shown = _CELL_LIMIT - 40, 0  # 40: room for „; … und 12345 weitere Einträge“
    while shown < len(names) and room >= len(names[shown]) + 2:
        room -= len(names[shown]) + 2
        shown += 1
    rest = len(names) - shown
    return "; ".join(names[:shown]) + \
        f"; … und {count_noun(rest, 'weiterer Eintrag', 'weitere Einträge')}"


def _datenlage_rows(result: AnalysisResult, network: NetworkMap | None, anonymous: bool
                    ) -> tuple[list[list[Any]], list[str], int]:
    """Rows of the sheet „Datenlage“, the advice sentences and the number of uncertain
    findings. Entries that could decide uncertain findings come first; with ``anonymous``
    a person shows no id and is named by category and organisation."""
    from netzkarte.render.report import data_quality_of, reason_labels
    from netzkarte.vocab import NodeType

    dq = data_quality_of(network, result)
    anon = Anonymizer(network) if anonymous and network is not None else None

    def text(value: Any) -> str:
        out = "" if value is None else str(value)
        return anon.text(out) if anon is not None else out

    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    decides: dict[str, int] = {}
    for f in uncertain:
        for n in f.evidence.get("unclassified") or ():
            decides[str(n)] = decides.get(str(n), 0) + 1
    entries = sorted(dq.get("nodes") or (), key=lambda e: -decides.get(e["id"], 0))
    types = {t.value: t.label for t in NodeType}
    rows = []
    for entry in entries:
        node = entry["id"]
        person = anon is not None and node in anon.labels
        rows.append([None if person else text(node),
                     anon.labels[node] if person and anon is not None
                     else text(entry.get("name") or node),
                     types.get(entry["type"], entry["type"]),
                     text(entry.get("category")) or None,
                     "; ".join(reason_labels(entry)),
                     decides.get(node) or None])
    return rows, [text(a) for a in dq.get("advice") or ()], len(uncertain)


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
        Replace person names (and ids) by category and organisation in every cell, the
        sheet „Datenlage“ included (see :func:`netzkarte.render.privacy.anonymous_result`);
        needs ``network``.
    network : NetworkMap, optional
        The analysed map; required with ``anonymous=True``. Without it the sheet
        „Datenlage“ shows the ``data_quality`` the result carries.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    OptionError
        ``anonymous=True`` without ``network``.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from netzkarte.results import AnalysisResult
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "liste.xlsx"
    >>> _ = write_action_list(AnalysisResult("Leer", {}, []), target)
    >>> openpyxl.load_workbook(target).sheetnames
    ['Maßnahmen', 'Qualitätsrahmen', 'Datenlage']

    Notes
    -----
    Sheet „Maßnahmen“: Nr. (the finding's number in the map's findings panel), Art, Schwere,
    Sicherheit (sicher/unsicher), Befund, Erläuterung, Empfehlung, Beteiligte (every name,
    as many as a cell holds), Sozialraum, then the empty columns Zuständig, Bis wann, Status
    (dropdown: offen, in Arbeit, erledigt, verworfen) and Notiz. Header frozen, autofilter,
    wrapped text. Sheet „Qualitätsrahmen“: every check with result and evidence. Sheet
    „Datenlage“: one row per entry the analyses could not judge (ID, Name, Typ, Kategorie,
    Gründe, how many uncertain findings it could decide), the entries that decide uncertain
    findings first; below, what to fill in and what it would change (``data_quality`` of
    the result, computed from ``network`` when the result has none).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if anonymous and network is None:
        raise OptionError("Für eine anonyme Maßnahmenliste wird die Karte gebraucht: "
                          "write_action_list(ergebnis, pfad, anonymous=True, "
                          "network=karte).")
    datenlage, advice, n_uncertain = _datenlage_rows(result, network, anonymous)
    if anonymous and network is not None:
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
        ws.append([number, KIND_LABELS[f.kind], SEVERITY_LABELS[f.severity], f.confidence,
                   f.title, f.text, f.recommendation, _involved(result, f), f.district or "",
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
        qs.append([number, q.title, STATUS_TEXT[q.status], q.evidence, q.standard])
        _as_text(qs[qs.max_row])
        for cell in qs[qs.max_row]:
            cell.alignment = wrap
        qs.cell(row=qs.max_row, column=3).fill = PatternFill(
            "solid", fgColor=_STATUS_FILL[q.status])

    ds = wb.create_sheet("Datenlage")
    header(ds, DATENLAGE_COLUMNS)
    for row in datenlage:
        ds.append(row)
        _as_text(ds[ds.max_row])
        for cell in ds[ds.max_row]:
            cell.alignment = wrap
    if datenlage:
        ds.auto_filter.ref = f"A1:{get_column_letter(len(DATENLAGE_COLUMNS))}{ds.max_row}"
    width = sum(w for _, w in DATENLAGE_COLUMNS)
    if not datenlage and not advice:
        notes = ["Alle Einträge ließen sich beurteilen; kein Befund ist unsicher."]
    else:
        notes = [f"{n_uncertain} Befund{'e sind' if n_uncertain != 1 else ' ist'} deshalb "
                 "unsicher (höchstens „niedrig“; Spalte „Sicherheit“ im Blatt Maßnahmen)."
                 if n_uncertain else "Kein Befund ist deshalb unsicher."]
    heading = ds.max_row + 2
    ds.cell(row=heading, column=1, value="Was ergänzt werden sollte").font = Font(bold=True)
    for offset, sentence in enumerate([*advice, *notes], 1):
        r = heading + offset
        cell = ds.cell(row=r, column=1, value=sentence)
        cell.alignment = wrap
        cell.data_type = "s"
        ds.merge_cells(start_row=r, start_column=1, end_row=r,
                       end_column=len(DATENLAGE_COLUMNS))
        ds.row_dimensions[r].height = 15 * (len(sentence) // int(width * 0.9) + 1)
    wb.properties.title = f"Maßnahmenliste {result.municipality}".strip()
    with atomic_path(target) as tmp:
        wb.save(tmp)
    log.info("Maßnahmenliste mit %d Befunden geschrieben: %s", len(result.findings), target)
    return target
