"""The administrator's path, as a new user tries it: vorlage → fill in → pruefen → export."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from netzkarte.cli import main

ROWS: dict[str, list[list[object]]] = {
    "Akteure": [
        ["A-1", "Kita Regenbogen", "Einrichtung", "Kita", None, "Sozialraum", "Testheim",
         "Nord", None, None, None, "A-3"],
        ["A-2", "Grundschule am Bach", "Einrichtung", "Grundschule", None, "Sozialraum",
         "Testheim", "Nord"],
        ["A-3", "Familienhilfe e. V.", "Organisation", "Freier Träger", "Kinder- und "
         "Jugendhilfe", "Kommune", "Testheim", None, "0-3; 3-6 | 6-10"],
    ],
    "Ämter": [
        ["AMT-1", "Jugendamt Testheim", "Jugendamt", None, "Kommune", "Testheim",
         "Machtpromotor", "Amtsleitung"],
        ["AMT-2", "Schulverwaltungsamt", "Schulverwaltungsamt", None, "Kommune", "Testheim",
         None, "Amtsleitung"],
        ["AMT-3", "Gesundheitsamt", "Gesundheitsamt", None, "Kreis", None, None,
         "Amtsleitung"],
    ],
    "Gremien": [
        ["G-1", "Steuerungsgruppe", "Steuerungsgruppe", "a", "Kommune", "Testheim", None,
         "Präventionskette", None, 4, "AMT-1", None, "ja"],
        ["G-2", "Netzwerk Frühe Hilfen", "Netzwerk", "b", "Kommune", "Testheim", None,
         "Frühe Hilfen", "0-3", 6, "AMT-1", "G-1", "ja"],
        ["G-3", "Sozialraumkonferenz Nord", "Sozialraumkonferenz", "c", "Sozialraum",
         "Testheim", "Nord", None, None, 4, "A-3", "G-2", "nein"],
    ],
    "Angebote": [
        ["ANG-1", "Elterncafé Regenbogen", "A-3", "Elterncafé", None, None, "Eltern",
         "Testheim", "Nord", "A-1", "ja", "laufend", 20],
        ["ANG-2", "Sprachförderung", "A-1", "Sprachförderung", None, None, None, "Testheim",
         "Nord", "A-1", "nein", "laufend"],
        ["ANG-3", "Schnuppertage", "A-2", "Schnuppertage", None, None, None, "Testheim",
         "Nord", "A-2", "nein", "geplant"],
    ],
    "Mitgliedschaften": [
        ["AMT-1", "G-1", "Vorsitz", "01.03.2019"],
        ["AMT-2", "G-1", "Mitglied"],
        ["A-1", "G-3", None],
    ],
    "Beziehungen": [
        ["A-1", "A-2", "Kooperation", 3, "ja", "2019-08-01"],
        ["A-1", "ANG-3", "Vermittlung"],
        ["AMT-1", "ANG-1", "Finanzierung"],
    ],
    "Sozialräume": [
        ["Nord", "Testheim", 8000, 1500],
        ["Süd", "Testheim", 9000, 1400],
        ["Mitte", "Testheim", 7000, 1100],
    ],
}


def _fill(template: Path, target: Path, rows: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.load_workbook(template)
    for sheet, values in rows.items():
        ws = wb[sheet]
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
    wb.save(target)


def _pruefen(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    capsys.readouterr()
    code = main(["pruefen", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_template_filled_checked_broken_and_exported(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "x.xlsx"
    assert main(["vorlage", str(template)]) == 0
    filled = tmp_path / "ausgefuellt.xlsx"
    _fill(template, filled, ROWS)
    code, report = _pruefen(filled, capsys)
    assert code == 0, report["errors"]
    assert report["counts"] == {"actor": 3, "office": 3, "committee": 3, "offer": 3,
                                "edges": 12}

    broken_rows = {**ROWS, "Mitgliedschaften": [*ROWS["Mitgliedschaften"],
                                                 ["AMT-9", "G-1"], ["ANG-1", "G-2"]],
                   "Beziehungen": [*ROWS["Beziehungen"], ["G-3", "ANG-1", "berichtet an"]]}
    broken = tmp_path / "kaputt.xlsx"
    _fill(template, broken, broken_rows)
    code, report = _pruefen(broken, capsys)
    assert code == 1
    where = {(e["sheet"], e["row"], e["column"], e["code"]) for e in report["errors"]}
    assert ("Mitgliedschaften", 5, "Mitglied", "unknown-reference") in where
    assert ("Mitgliedschaften", 6, "Mitglied", "wrong-reference-type") in where
    assert any(e[0] == "Beziehungen" and e[1] == 5 for e in where)
    capsys.readouterr()
    assert main(["pruefen", str(broken)]) == 1
    text = capsys.readouterr().out
    assert "Zeile 5" in text and "Zeile 6" in text and "AMT-9" in text

    exported = tmp_path / "export.xlsx"
    assert main(["export", str(filled), "-o", str(exported)]) == 0
    code, again = _pruefen(exported, capsys)
    assert code == 0 and again["counts"] == report_counts(filled, capsys)


def report_counts(path: Path, capsys: pytest.CaptureFixture[str]) -> object:
    return _pruefen(path, capsys)[1]["counts"]
