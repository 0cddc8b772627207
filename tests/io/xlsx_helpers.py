"""Helpers for import tests: a small valid dataset and real .xlsx files written with openpyxl.

Imported by name (``from xlsx_helpers import ...``); ``conftest.py`` turns them into fixtures.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from netzkarte.errors import Issue, ValidationReport
from netzkarte.model import NetworkMap

Rows = list[dict[str, Any]]

BASE: dict[str, Rows] = {
    "Akteure": [  # Excel rows 2–5
        {"ID": "TR", "Name": "Familienhilfe e. V.", "Form": "Organisation",
         "Kategorie": "Freier Träger"},
        {"ID": "K1", "Name": "Kita Sonnenschein", "Kategorie": "Kita", "Sozialraum": "Nord",
         "Organisation": "TR"},
        {"ID": "GS1", "Name": "Grundschule am Park", "Kategorie": "Grundschule",
         "Sozialraum": "Nord"},
        {"ID": "P1", "Name": "Frau Kurz", "Form": "Person", "Kategorie": "Person",
         "Organisation": "JA", "Rollen": "Netzwerkkoordination"},
    ],
    "Ämter": [  # rows 2–4
        {"ID": "BM", "Name": "Bürgermeisterin", "Kategorie": "Verwaltungsspitze"},
        {"ID": "JA", "Name": "Jugendamt", "Kategorie": "Jugendamt",
         "Hierarchieebene": "Amtsleitung", "Übergeordnet": "BM"},
        {"ID": "JC", "Name": "Jobcenter", "Kategorie": "Jobcenter"},
    ],
    "Gremien": [  # rows 2–3
        {"ID": "SG", "Name": "Steuerungsgruppe", "Gremientyp": "Steuerungsgruppe",
         "Steuerungsebene": "a", "Federführung": "JA", "Politisch legitimiert": "ja"},
        {"ID": "SRK", "Name": "Sozialraumkonferenz Nord", "Gremientyp": "Sozialraumkonferenz",
         "Steuerungsebene": "c", "Sozialraum": "Nord", "Berichtet an": "SG"},
    ],
    "Angebote": [  # row 2
        {"ID": "CAFE", "Name": "Elterncafé Nord", "Anbieter": "TR", "Kategorie": "Elterncafé",
         "Sozialraum": "Nord", "Ort": "K1", "Aufsuchend": "nein", "Status": "laufend",
         "Kapazität": 20},
    ],
    "Mitgliedschaften": [  # rows 2–5
        {"Mitglied": "JA", "Gremium": "SG", "Funktion": "Vorsitz", "Seit": "01.03.2019"},
        {"Mitglied": "P1", "Gremium": "SG", "Funktion": "Koordination"},
        {"Mitglied": "K1", "Gremium": "SRK"},
        {"Mitglied": "GS1", "Gremium": "SRK"},
    ],
    "Beziehungen": [  # rows 2–3
        {"Von": "K1", "Zu": "GS1", "Art": "Kooperation", "Stärke": "3 Koordination",
         "Formal": "ja"},
        {"Von": "JA", "Zu": "CAFE", "Art": "Finanzierung"},
    ],
    "Sozialräume": [  # row 2
        {"Sozialraum": "Nord", "Kommune": "Testheim", "Einwohner": 12000,
         "Kinder unter 18": 2100, "SGB-II-Quote Kinder": 18.5},
    ],
}
"""A small valid Netzwerkkarte: 7 actors/offices, 2 committees, 1 offer, 11 edges."""

FIX_WORDS = ("Tragen Sie", "Wählen Sie", "Löschen Sie", "Fügen Sie", "Vergeben Sie",
             "Benennen Sie", "Führen Sie", "Trennen Sie", "Speichern Sie", "Entfernen Sie",
             "Markieren Sie", "Prüfen Sie", "Bitte", "Teilen Sie", "Installieren Sie")


def base_sheets() -> dict[str, Rows]:
    """A fresh deep copy of :data:`BASE`."""
    return copy.deepcopy(BASE)


def as_rows(records: Rows, headers: list[str] | None = None) -> list[list[Any]]:
    """Row dicts → header row + value rows (missing keys as empty cells)."""
    if headers is None:
        headers = list(dict.fromkeys(k for r in records for k in r))
    return [list(headers), *[[r.get(h) for h in headers] for r in records]]


def write_workbook(path: Path, sheets: Mapping[str, list[list[object]]],
                   anleitung_meta: Mapping[str, object] | None = None) -> Path:
    """Write a real .xlsx with openpyxl: one sheet per entry, rows as given (header first).

    ``anleitung_meta`` adds an *Anleitung* sheet in front with a title in A1 and the
    metadata block (label in column A, value in column B) from row 3 on, as the template
    writer lays it out.
    """
    wb = openpyxl.Workbook()
    for default in list(wb.worksheets):
        wb.remove(default)
    if anleitung_meta is not None:
        ws = wb.create_sheet("Anleitung")
        ws["A1"] = "Netzwerkkarte – Anleitung"
        for i, (label, value) in enumerate(anleitung_meta.items(), start=3):
            ws.cell(row=i, column=1, value=label)
            ws.cell(row=i, column=2, value=value)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def write_base(path: Path, sheets: Mapping[str, Rows] | None = None,
               anleitung_meta: Mapping[str, object] | None = None) -> Path:
    """Write row dicts (default :data:`BASE`) as a real workbook."""
    data = sheets if sheets is not None else BASE
    return write_workbook(path, {name: as_rows(rows) for name, rows in data.items()},
                          anleitung_meta)


def edge(netmap: NetworkMap, source: str, target: str, key: int = 0) -> dict[str, Any]:
    """The attribute dict of one edge."""
    return dict(netmap.graph.edges[source, target, key])


def codes(report: ValidationReport, severity: str | None = None) -> list[str]:
    """Issue codes of a report, optionally of one severity."""
    return [i.code for i in report.issues if severity is None or i.severity == severity]


def only(report: ValidationReport, code: str) -> Issue:
    """The single issue with ``code`` (fails if there is none or more than one)."""
    found = [i for i in report.issues if i.code == code]
    assert len(found) == 1, f"expected one {code}, got {[str(i) for i in report.issues]}"
    return found[0]


def assert_german_fix(message: str) -> None:
    """A message is German and tells the user what to do."""
    assert any(word in message for word in FIX_WORDS), message
    assert not any(word in message.split() for word in ("the", "not", "must", "value")), message
