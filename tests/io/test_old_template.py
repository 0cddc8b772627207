"""Workbooks of an older template: other headers, sheet names with a year, free-text
reporters and a title row above the headers."""

from __future__ import annotations

from typing import Any

from xlsx_helpers import Rows, base_sheets, codes, edge

from netzkarte.errors import ValidationReport
from netzkarte.io.build import build_map
from netzkarte.model import NetworkMap


def _renamed(rows: Rows, old: str, new: str) -> Rows:
    return [{(new if k == old else k): v for k, v in row.items()} for row in rows]


def _build(data: dict[str, Any]) -> tuple[NetworkMap, ValidationReport]:
    return build_map(data)


def _guessed_headers(report: ValidationReport) -> dict[tuple[str | None, object], str]:
    return {(w.sheet, w.value): w.message for w in report.warnings
            if w.code.value == "guessed-header"}


def test_headers_of_the_older_template_are_read_with_a_warning() -> None:
    data = base_sheets()
    data["Akteure"] = _renamed(data["Akteure"], "Sozialraum", "Sozialraum/Stadtteil")
    data["Sozialräume"] = _renamed(data["Sozialräume"], "Sozialraum", "Sozialraum/Stadtteil")
    data["Beziehungen"] = _renamed(data["Beziehungen"], "Art", "Art der Beziehung")
    data["Angebote"] = _renamed(data["Angebote"], "Anbieter", "Träger")
    netmap, report = _build(data)
    assert report.ok, report.errors
    assert netmap.graph.nodes["K1"]["district"] == "Nord"
    assert edge(netmap, "TR", "CAFE")["kind"].label == "Trägerschaft"
    assert edge(netmap, "K1", "GS1")["kind"].label == "Kooperation"
    guessed = _guessed_headers(report)
    assert set(guessed) == {("Akteure", "Sozialraum/Stadtteil"),
                            ("Sozialräume", "Sozialraum/Stadtteil"),
                            ("Beziehungen", "Art der Beziehung"), ("Angebote", "Träger")}
    assert "als Spalte „Anbieter“ gelesen" in guessed[("Angebote", "Träger")]
    assert "unknown-column" not in codes(report)


def test_traeger_is_an_alias_on_sheet_angebote_only() -> None:
    data = base_sheets()
    data["Akteure"][0]["Träger"] = "JA"
    _, report = _build(data)
    assert ("Akteure", "Träger") not in _guessed_headers(report)
    assert any(w.code.value == "unknown-column" and w.value == "Träger"
               for w in report.warnings)


def test_a_sheet_name_with_a_year_is_read_when_the_template_sheet_is_missing() -> None:
    data = base_sheets()
    data["Angebote 2023"] = data.pop("Angebote")
    netmap, report = _build(data)
    assert report.ok, report.errors
    assert "CAFE" in netmap.graph
    warning = next(w for w in report.warnings if w.sheet == "Angebote 2023")
    assert warning.code.value == "guessed-value"
    assert "wird als „Angebote“ gelesen" in warning.message
    assert "Benennen Sie es in „Angebote“ um" in warning.message


def test_a_sheet_name_with_a_year_stays_unread_beside_the_template_sheet() -> None:
    data = base_sheets()
    data["Angebote 2022"] = [{"ID": "OLD", "Name": "Altes Angebot"}]
    netmap, report = _build(data)
    assert "OLD" not in netmap.graph and "CAFE" in netmap.graph
    assert any(w.code.value == "unknown-sheet" and w.sheet == "Angebote 2022"
               for w in report.warnings)


def test_a_reporter_without_a_row_is_kept_as_text_with_one_warning_per_text() -> None:
    data = base_sheets()
    for rel in data["Beziehungen"]:
        rel["Gemeldet von"] = "Amt 51"
    data["Beziehungen"].append({"Von": "JC", "Zu": "K1", "Art": "Kooperation",
                                "Gemeldet von": "Stadtteilbüro Süd"})
    netmap, report = _build(data)
    assert report.ok, report.errors
    assert edge(netmap, "K1", "GS1")["extra"]["Gemeldet von"] == "Amt 51"
    assert "reported_by" not in edge(netmap, "K1", "GS1")
    assert edge(netmap, "JC", "K1")["extra"]["Gemeldet von"] == "Stadtteilbüro Süd"
    warned = [w for w in report.warnings if w.column == "Gemeldet von"]
    assert [(w.row, w.value) for w in warned] == [(2, "Amt 51"), (4, "Stadtteilbüro Süd")]
    assert "in 2 Zeilen" in warned[0].message
    assert "legen Sie „Amt 51“ im Blatt „Akteure“ oder „Ämter“ mit eigener ID an" in (
        warned[0].message)


def test_a_mistyped_reporter_id_stays_an_error() -> None:
    data = base_sheets()
    data["Beziehungen"][0]["Gemeldet von"] = "JA2"
    _, report = _build(data)
    assert [(e.code.value, e.column) for e in report.errors] == [
        ("unknown-reference", "Gemeldet von")]


def test_a_title_row_above_the_headers_is_named_in_the_message(tmp_path: Any) -> None:
    """„Akteursliste … Stand 03/2024“ in row 1, the headers in row 2: the error says to
    delete the title row, instead of only asking for an ID column that is there."""
    import openpyxl

    from netzkarte.io.excel import validate_excel

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Akteure"
    sheet.append(["Akteursliste der Stadt Großhausen, Stand 03/2024"])
    sheet.append(["ID", "Name", "Kategorie"])
    sheet.append(["K1", "Kita Nord", "Kita"])
    for name in ("Ämter", "Gremien", "Angebote", "Mitgliedschaften", "Beziehungen"):
        book.create_sheet(name)
    book.save(tmp_path / "titel.xlsx")
    _, report = validate_excel(tmp_path / "titel.xlsx")
    (missing,) = [i for i in report.errors if i.code == "missing-column" and i.column == "ID"]
    assert "Die Überschriften stehen offenbar in Zeile 2" in missing.message
    assert "Löschen Sie die Titelzeile 1" in missing.message


def test_entries_typed_by_several_departments_are_flagged_as_possible_duplicates() -> None:
    """„Kita Regenbogen“, „KiTa Regenbogen e.V.“ and „Kita Regenbogen (Städt.)“ in one
    Sozialraum are one warning naming the three rows; the same name in another Sozialraum
    and a different Kita are not."""
    data = base_sheets()
    data["Akteure"] += [
        {"ID": "R1", "Name": "Kita Regenbogen", "Kategorie": "Kita", "Sozialraum": "Nord"},
        {"ID": "R2", "Name": "KiTa Regenbogen e.V.", "Kategorie": "Kita", "Sozialraum": "Nord"},
        {"ID": "R3", "Name": "Kita Regenbogen (Städt.)", "Kategorie": "Kita",
         "Sozialraum": "Nord"},
        {"ID": "R4", "Name": "Kita Regenbogen", "Kategorie": "Kita", "Sozialraum": "Süd"},
        {"ID": "R5", "Name": "Kita Regenwald", "Kategorie": "Kita", "Sozialraum": "Nord"},
    ]
    _, report = _build(data)
    (hint,) = [i for i in report.warnings if i.code == "possible-duplicate"]
    assert hint.sheet == "Akteure" and hint.column == "Name"
    assert hint.message.startswith("3 Einträge heißen fast gleich: „Kita Regenbogen“ (Zeile ")
    assert "„KiTa Regenbogen e.V.“" in hint.message and "(Städt.)" in hint.message
    assert "Regenwald" not in hint.message
