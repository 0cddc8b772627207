"""The Rückmeldung of a merge: one offline HTML page and a workbook to decide in.

The HTML page (:func:`write_feedback_html`) is one self-contained file (no script, no
external resource, autoescaped Jinja): response overall, per Handlungsfeld and per
Sozialraum, who has not answered, probable duplicates with their evidence, one-sided,
disagreeing and disputed ties, corrected records, the rows that could not be used and the
status of every answer file.

The workbook (:func:`write_feedback_xlsx`) holds the same lists; in *Dubletten* and
*Beziehungen* the column *Entscheidung* has a dropdown. Fed back with ``zusammenfuehren …
--entscheidungen rueckmeldung.xlsx`` the decisions are applied
(:mod:`netzkarte.survey.decisions`), and the file is written again with the decisions kept.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from netzkarte.io.atomic import atomic_path, atomic_write_text
from netzkarte.survey.decisions import (
    DUPLICATE_CHOICES,
    DUPLICATE_HEADERS,
    DUPLICATE_SHEET,
    TIE_CHOICES,
    TIE_HEADERS,
    TIE_SHEET,
    Decisions,
)
from netzkarte.survey.layout import EDGE_STATUS, Confirmation
from netzkarte.survey.merge import MergeResult, TieConflict
from netzkarte.survey.ties import STRENGTH_RULES
from netzkarte.survey.values import text_of
from netzkarte.text import date_text

__all__ = ["render_feedback", "write_feedback_html", "write_feedback_xlsx"]

_GROUPS: tuple[tuple[Confirmation, str], ...] = (
    (Confirmation.DISAGREEING, "Abweichende Angaben"),
    (Confirmation.ONE_SIDED, "Einseitig genannt"),
    (Confirmation.DISPUTED, "Bestritten"),
    (Confirmation.UNCONFIRMED, "Unbestätigt (die andere Seite hat nicht geantwortet)"),
)
_HEADER_FILL, _DECIDE_FILL = "DDEBF7", "FFF2CC"


def _percent(value: float) -> str:
    return f"{round(100 * value)} %"


def _stamp(value: datetime | None) -> str:
    return date_text(value, time=" %H:%M")


def _context(result: MergeResult) -> dict[str, Any]:
    from netzkarte import __version__

    m = result.map
    counts = Counter(c.status.value for c in result.ties)
    confirmed = sum(1 for _, _, d in m.graph.edges(data=True)
                    if (d.get("extra") or {}).get(EDGE_STATUS)
                    == Confirmation.CONFIRMED.label)
    missing = []
    for node in result.response.missing:
        data = m.graph.nodes[node]
        sector = data.get("sector")
        missing.append({"id": node, "name": m.name(node),
                        "sector": sector.label if sector is not None else "–",
                        "district": data.get("district") or "–"})
    problems = []
    for source, issue in result.problems:
        where = " · ".join(str(p) for p in (issue.sheet, f"Zeile {issue.row}" if issue.row
                                             else None, issue.column) if p)
        problems.append({"file": source, "where": where or "–", "value": issue.value or "",
                         "message": issue.message, "error": issue.severity == "error"})
    answers = [{"source": a.source, "partner": a.partner, "name": a.name,
                "answered": _stamp(a.answered), "status": a.status, "note": a.note}
               for a in result.answers]
    latest = max((a.answered for a in result.answers if a.answered and a.status ==
                  "übernommen"), default=None)
    tie_groups = [{"title": title, "rows": [t for t in result.ties if t.status is state]}
                  for state, title in _GROUPS]
    return {
        "version": __version__, "municipality": m.meta.municipality or "–",
        "title": f"Rückmeldung der Bestandsaufnahme {m.meta.municipality}".strip(),
        "latest": _stamp(latest), "failed": result.failed, "response": result.response,
        "missing": missing, "duplicates": result.duplicates, "tie_groups": tie_groups,
        "open_ties": sum(1 for t in result.ties if not t.decision),
        "counts": {"confirmed": confirmed, **counts},
        "corrections": result.corrections, "matched": result.matched,
        "problems": problems, "answers": answers, "removed": result.removed,
        "rule_text": f"{result.rule.value} – {STRENGTH_RULES[result.rule]}",
        "percent": _percent,
    }


def render_feedback(result: MergeResult) -> str:
    """The Rückmeldung as one HTML page (German, offline, autoescaped)."""
    from netzkarte.render.page import environment

    page: str = environment("netzkarte.survey", trim=True).get_template(
        "rueckmeldung.html.j2").render(**_context(result))
    return page


def write_feedback_html(result: MergeResult, path: str | os.PathLike[str]) -> Path:
    """Write :func:`render_feedback` to ``path`` (atomically) and return the path."""
    return atomic_write_text(path, render_feedback(result))


def _tie_row(t: TieConflict) -> list[Any]:
    return [t.source, t.source_name, t.target, t.target_name, t.kind.label, t.strength,
            t.status.label, t.side_source, t.side_target, t.origin, t.decision or None]


def _carried(decisions: Decisions | None, sheet: str, headers: Sequence[str],
             present: set[tuple[str, str]], keys: tuple[str, str]) -> list[list[Any]]:
    """Decided rows of the last Rückmeldung that the new lists no longer contain."""
    rows: list[list[Any]] = []
    for row in (decisions.rows.get(sheet, []) if decisions else []):
        key = (text_of(row.get(keys[0])), text_of(row.get(keys[1])))
        if key in present or (key[1], key[0]) in present:
            continue
        rows.append([row.get(h) for h in headers])
    return rows


def write_feedback_xlsx(result: MergeResult, path: str | os.PathLike[str], *,
                        decisions: Decisions | None = None) -> Path:
    """Write the Rückmeldung workbook; decisions already made are kept in it.

    Parameters
    ----------
    result : MergeResult
        The merge.
    path : str or PathLike
        Target ``.xlsx`` (written atomically; an existing Rückmeldung is replaced).
    decisions : Decisions, optional
        The decisions read from the previous Rückmeldung: they stay in the column
        *Entscheidung*, also for entries the merge has already resolved.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
    decide_fill = PatternFill("solid", fgColor=_DECIDE_FILL)

    def table(name: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], choices: Sequence[str] | None = None,
              list_column: str | None = None) -> None:
        ws = wb.create_sheet(name)
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        last = max(len(rows) + 1, 2)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
        decide = len(headers) if choices else None
        if choices and list_column:
            dv = DataValidation(type="list", formula1=list_column, allow_blank=True,
                                showErrorMessage=True, showInputMessage=True,
                                errorTitle="Entscheidung", promptTitle="Entscheidung",
                                error="Bitte eine Entscheidung aus der Liste wählen.",
                                prompt=" / ".join(choices))
            letter = get_column_letter(len(headers))
            dv.add(f"{letter}2:{letter}{last + 200}")
            ws.data_validations.append(dv)
        head = []
        for h in headers:
            cell = WriteOnlyCell(ws, h)
            cell.font, cell.fill = bold, header_fill
            head.append(cell)
        ws.append(head)
        for row in rows:
            out: list[Any] = []
            for j, value in enumerate(row, 1):
                value = text_of(value) if isinstance(value, datetime) else value
                formula_like = isinstance(value, str) and value.startswith("=")
                if j == decide or formula_like:
                    cell = WriteOnlyCell(ws, value)
                    if formula_like:
                        cell.data_type = "s"  # what partners typed stays text
                    if j == decide:
                        cell.fill, cell.protection = decide_fill, Protection(locked=False)
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)

    r = result
    rate = r.response
    summary: list[list[Any]] = [
        ["Kommune", r.map.meta.municipality],
        ["Rücklauf", f"{rate.answered} von {rate.asked} ({_percent(rate.rate)})"],
        ["Antworten neuer Partner", rate.new],
        ["Mögliche Dubletten (offen)", len(r.duplicates)],
        ["Beziehungen ohne beidseitige Bestätigung", len(r.ties)],
        ["davon entschieden", sum(1 for t in r.ties if t.decision)],
        ["Korrigierte Angaben", len(r.corrections)],
        ["Nicht übernommene Angaben", len(r.problems)],
        ["Zusammengeführte Stärke", f"{r.rule.value} – {STRENGTH_RULES[r.rule]}"],
        [],
        ["So entscheiden Sie", "In den Blättern „Dubletten“ und „Beziehungen“ in der letzten "
         "Spalte „Entscheidung“ einen Wert wählen, speichern und erneut zusammenführen: "
         "netzkarte zusammenfuehren KARTE ANTWORTEN… -o NEU.xlsx --entscheidungen DIESE_DATEI"],
        ["Dubletten", "dieselbe: der neue Eintrag wird mit dem vorhandenen zusammengeführt; "
         "verschieden: beide bleiben."],
        ["Beziehungen", "behalten: so lassen; entfernen: die Beziehung löschen; Angabe Von / "
         "Angabe Zu: Art und Stärke so, wie diese Seite geantwortet hat."],
    ]
    table("Übersicht", ["Thema", "Wert"], summary, [40, 110])
    dup_rows: list[list[Any]] = [
        [d.new, d.new_name, d.existing, d.existing_name, round(d.score), d.level,
         "; ".join(d.evidence), d.source, None] for d in r.duplicates]
    present = {(d.new, d.existing) for d in r.duplicates}
    dup_rows += _carried(decisions, DUPLICATE_SHEET, DUPLICATE_HEADERS, present,
                         ("Neuer Eintrag", "Vorhandener Eintrag"))
    lists = [DUPLICATE_CHOICES, TIE_CHOICES]
    table(DUPLICATE_SHEET, DUPLICATE_HEADERS, dup_rows, [16, 36, 16, 36, 11, 14, 60, 40, 16],
          DUPLICATE_CHOICES, f"Listen!$A$2:$A${len(lists[0]) + 1}")
    tie_rows = [_tie_row(t) for t in r.ties]
    present = {(t.source, t.target) for t in r.ties}
    tie_rows += _carried(decisions, TIE_SHEET, TIE_HEADERS, present, ("Von", "Zu"))
    table(TIE_SHEET, TIE_HEADERS, tie_rows, [14, 32, 14, 32, 14, 8, 13, 40, 40, 40, 16],
          TIE_CHOICES, f"Listen!$B$2:$B${len(lists[1]) + 1}")
    table("Korrekturen", ["ID", "Name", "Feld", "bisher", "neu", "Quelle"],
          [[c.node, c.name, c.field, c.before, c.after, c.source] for c in r.corrections],
          [16, 36, 24, 30, 30, 50])
    table("Nicht übernommen", ["Datei", "Blatt", "Zeile", "Spalte", "Wert", "Meldung", "Art"],
          [[src, i.sheet, i.row, i.column, i.value, i.message,
            "nicht verwendet" if i.severity == "error" else "Hinweis"]
           for src, i in r.problems], [40, 18, 8, 14, 24, 90, 14])
    m = r.map
    table("Ohne Antwort", ["ID", "Name", "Handlungsfeld", "Sozialraum"],
          [[n, m.name(n), getattr(m.graph.nodes[n].get("sector"), "label", None),
            m.graph.nodes[n].get("district")] for n in r.response.missing], [16, 44, 28, 18])
    table("Rücklauf", ["Gruppe", "Wert", "befragt", "geantwortet", "Rücklauf"],
          [["gesamt", "", rate.asked, rate.answered, _percent(rate.rate)]]
          + [["Handlungsfeld", g.label, g.asked, g.answered, _percent(g.rate)]
             for g in rate.by_sector]
          + [["Sozialraum", g.label, g.asked, g.answered, _percent(g.rate)]
             for g in rate.by_district], [16, 32, 10, 12, 10])
    table("Über den Namen zugeordnet", ["Geschrieben", "ID", "Name", "Warum", "Quelle"],
          [[n.mention, n.node, n.node_name, n.how, n.source] for n in r.matched],
          [36, 16, 36, 30, 50])
    table("Antworten", ["Datei", "Partner", "Name", "Antwort vom", "Status", "Hinweis"],
          [[a.source, a.partner, a.name, _stamp(a.answered), a.status, a.note]
           for a in r.answers], [44, 16, 36, 18, 16, 50])
    ws = wb.create_sheet("Listen")
    ws.sheet_state = "hidden"
    ws.append(["Dubletten", "Beziehungen"])
    for i in range(max(len(x) for x in lists)):
        ws.append([x[i] if i < len(x) else None for x in lists])
    wb.properties.creator = "netzkarte"
    wb.properties.title = "Rückmeldung der Bestandsaufnahme"
    target = Path(path)
    with atomic_path(target) as tmp:
        archive = zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED)
        ExcelWriter(wb, archive).save()
    return target
