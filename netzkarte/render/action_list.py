"""The Maßnahmenliste: findings as an Excel action list for the network meeting.

One row per finding, sorted like the findings (severity, then score), with the columns the
meeting fills in — Zuständig, Bis wann, Status, Notiz — left empty. A second sheet lists
the checks of the quality framework. Written atomically: a failed run leaves an existing
list untouched.

``anonymous=True`` (``netzkarte analyse --xlsx … --anonym``) replaces person names by
category and organisation, as the map does. :func:`anonymous_result` and
:class:`Anonymizer` do this for every output built from findings (the ``analyse --json``
file, the printed summary, the comparison page and its JSON).

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
import re
from collections.abc import Mapping
from dataclasses import replace
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

if TYPE_CHECKING:
    import pandas as pd

    from netzkarte.model import NetworkMap

__all__ = ["ACTION_COLUMNS", "CHECK_COLUMNS", "Anonymizer", "anonymous_result",
           "write_action_list"]

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


class Anonymizer:
    """Replaces the persons of one or more maps by category and organisation.

    The labels come from :func:`netzkarte.render.html_map.anonymous_names` (the map's own
    rule). Inside texts a person's name is replaced wherever it occurs (longest name first,
    like the map and the report do); a person's id — often built from the name, e.g.
    ``A-P-NEUMANN`` — is replaced where it stands as a whole token. With several maps (a
    comparison) the first map's label wins for a person in both.

    Parameters
    ----------
    *maps : NetworkMap
        The maps whose persons are hidden.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("JA", "office", name="Jugendamt")
    >>> m.add_node("P-KURZ", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
    >>> _ = m.add_edge("P-KURZ", "JA", "belongs_to")
    >>> anon = Anonymizer(m)
    >>> anon.text("Anna Kurz (P-KURZ) sitzt in 6 Gremien")
    'Fachkraft (Jugendamt) (Fachkraft (Jugendamt)) sitzt in 6 Gremien'
    >>> anon.deep({"nodes": ["P-KURZ", "JA"], "n": 3})
    {'nodes': ['Fachkraft (Jugendamt)', 'JA'], 'n': 3}
    """

    def __init__(self, *maps: NetworkMap) -> None:
        from netzkarte.render.html_map import anonymous_names

        self.labels: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for m in maps:
            for node, label in anonymous_names(m).items():
                self.labels.setdefault(node, label)
                name = m.name(node)
                if name:
                    by_name.setdefault(name, label)
        self._by_name = by_name
        # one pass over the text, so a label is never replaced again; at each position the
        # longest candidate wins ("Anna Maria Schulz" before "Anna Maria")
        parts = [(name, re.escape(name)) for name in by_name]
        parts += [(node, rf"(?<![\w-]){re.escape(node)}(?![\w-])") for node in self.labels]
        parts.sort(key=lambda part: -len(part[0]))
        self._pattern = re.compile("|".join(p for _, p in parts)) if parts else None

    def __bool__(self) -> bool:
        return bool(self.labels)

    def node(self, node_id: str) -> str:
        """The label of a person, any other id unchanged."""
        return self.labels.get(node_id, node_id)

    def _swap(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self.labels.get(found) or self._by_name.get(found, found)

    def text(self, value: Any) -> str:
        """``value`` as text with every person name and person id replaced."""
        out = "" if value is None else str(value)
        return out if self._pattern is None else self._pattern.sub(self._swap, out)

    def deep(self, value: Any) -> Any:
        """Replace inside strings, dict keys, lists and tuples; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.deep(k): self.deep(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.deep(v) for v in value)
        return value

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of a table with person names and ids replaced in labels and cells."""
        cleaned = frame.rename(index=self.deep, columns=self.deep)
        return cleaned.map(self.deep)


def anonymous_result(result: AnalysisResult, m: NetworkMap) -> AnalysisResult:
    """A copy of ``result`` that names no person of ``m``.

    Titles, texts, recommendations and evidence of findings and quality checks, the
    summary, the tables and the display names carry category and organisation instead of a
    person's name; in ``nodes`` and ``edges`` a person's id is replaced by that label too
    (ids are often built from names). Finding ids stay, so the same input keeps the same
    ids.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`netzkarte.analyze` on ``m``.
    m : NetworkMap
        The analysed map (it says who is a person and to which organisation they belong).

    Returns
    -------
    AnalysisResult
        A new result; ``result`` is not changed.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte.analysis.findings import AnalysisResult, Finding
    >>> m = NetworkMap()
    >>> m.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
    >>> f = Finding.create("bottleneck", "medium", "Anna Kurz sitzt in 6 Gremien", nodes=["P1"])
    >>> shown = anonymous_result(AnalysisResult("Testheim", {}, [f]), m)
    >>> shown.findings[0].title, shown.findings[0].nodes
    ('Fachkraft sitzt in 6 Gremien', ('Fachkraft',))
    """
    anon = Anonymizer(m)
    if not anon:
        return replace(result)
    findings = [replace(f, title=anon.text(f.title), text=anon.text(f.text),
                        recommendation=anon.text(f.recommendation),
                        nodes=tuple(anon.node(n) for n in f.nodes),
                        edges=tuple((anon.node(u), anon.node(v)) for u, v in f.edges),
                        evidence=anon.deep(f.evidence))
                for f in result.findings]
    checks = [replace(q, title=anon.text(q.title), evidence=anon.text(q.evidence),
                      standard=anon.text(q.standard), nodes=tuple(anon.node(n) for n in q.nodes))
              for q in result.quality_checks]
    names = {anon.node(k): anon.labels.get(k) or anon.text(v) for k, v in result.names.items()}
    return replace(result, summary=anon.deep(result.summary), findings=findings,
                   quality_checks=checks, names=names,
                   tables={k: anon.frame(t) for k, t in result.tables.items()})


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
        (see :func:`anonymous_result`); needs ``network``.
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
