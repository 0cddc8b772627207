"""Everyday input of a second round of testing is read as meant.

* a Sozialraum such as „ganzer Bezirk“, „stadtweit“ or „alle“ means the whole town: the
  entry counts for every Sozialraum, with a warning; the text is kept and written back, and
  a district of that name on the sheet Sozialräume stays a district.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsx_helpers import Rows, base_sheets, only, write_base

from netzkarte import read_excel, validate_excel, write_excel
from netzkarte.analysis.datenlage import local_district
from netzkarte.districts import offer_district
from netzkarte.io.build import build_map
from netzkarte.vocab import EdgeKind


def _sheets(**rows: Rows) -> dict[str, Rows]:
    data = base_sheets()
    for sheet, extra in rows.items():
        data[sheet].extend(extra)
    return data


def _offer(district: str, **cells: Any) -> dict[str, Any]:
    return {"ID": "EB", "Name": "Erziehungsberatung", "Anbieter": "TR",
            "Kategorie": "Elterncafé", "Sozialraum": district, **cells}


# --- Sozialraum words meaning "everywhere" -----------------------------------------------


@pytest.mark.parametrize("word", ["ganzer Bezirk", "bezirksweit", "ganze Kommune", "stadtweit",
                                  "gesamtstädtisch", "ganze Stadt", "kreisweit",
                                  "alle Sozialräume", "alle", "überall", "Ganzer  Bezirk"])
def test_everywhere_district_is_town_wide(word: str) -> None:
    m, report = build_map(_sheets(Angebote=[_offer(word)]))
    assert report.ok
    assert "district" not in m.graph.nodes["EB"]
    assert offer_district(m, "EB") is None and local_district(m, "EB") is None
    assert m.graph.nodes["EB"]["extra"]["Sozialraum"] == word
    found = [i for i in report.warnings if i.row == 3 and i.sheet == "Angebote"]
    assert [i.code for i in found] == ["guessed-value"]
    assert "als ganze Kommune gelesen: das Angebot zählt für jeden Sozialraum" in found[0].message
    assert found[0].column == "Sozialraum" and found[0].value == word
    assert "tragen Sie ihn so ein" in found[0].message
    assert not [i for i in report.issues if i.code == "unknown-district"]


def test_everywhere_word_with_level_district_says_so_once() -> None:
    _m, report = build_map(_sheets(Akteure=[
        {"ID": "SM", "Name": "Stadtteilmütter", "Kategorie": "Stadtteilmütter",
         "Ebene": "Sozialraum", "Sozialraum": "ganzer Bezirk"}]))
    found = [i for i in report.warnings if i.row == 6 and i.sheet == "Akteure"]
    assert "der Eintrag zählt für jeden Sozialraum" in found[0].message
    assert len(found) == 1 and "Ebene „Kommune“" in found[0].message


def test_everywhere_word_that_is_a_real_district_stays_a_district() -> None:
    data = _sheets(Angebote=[_offer("Alle")],
                   Sozialräume=[{"Sozialraum": "Alle", "Kommune": "Testheim"}])
    m, report = build_map(data)
    assert m.graph.nodes["EB"]["district"] == "Alle"
    assert not [i for i in report.warnings if i.sheet == "Angebote"]


def test_everywhere_word_is_written_back(tmp_path: Path) -> None:
    m = read_excel(write_base(tmp_path / "in.xlsx", _sheets(Angebote=[_offer("stadtweit")])))
    write_excel(m, tmp_path / "out.xlsx")
    again = read_excel(tmp_path / "out.xlsx")
    assert "district" not in again.graph.nodes["EB"]
    assert again.graph.nodes["EB"]["extra"]["Sozialraum"] == "stadtweit"


# --- Ort and Organisation that name no entry; Art Austausch; Mitglied of a person ---------


def test_place_that_names_no_entry_is_kept_with_a_warning(tmp_path: Path) -> None:
    data = _sheets(Angebote=[_offer("Nord", Ort="Rathaus")])
    m, report = build_map(data)
    assert report.ok
    issue = [i for i in report.warnings if i.column == "Ort"]
    assert [i.code for i in issue] == ["unknown-reference"] and issue[0].row == 3
    assert "legen Sie „Rathaus“ im Blatt „Akteure“ oder „Ämter“ mit eigener ID an" in (
        issue[0].message)
    assert "venue" not in m.graph.nodes["EB"]
    assert m.graph.nodes["EB"]["extra"]["Ort"] == "Rathaus"
    write_excel(read_excel(write_base(tmp_path / "in.xlsx", data)), tmp_path / "out.xlsx")
    assert read_excel(tmp_path / "out.xlsx").graph.nodes["EB"]["extra"]["Ort"] == "Rathaus"


def test_traeger_without_row_is_kept_and_written_back(tmp_path: Path) -> None:
    data = _sheets(Akteure=[{"ID": "K2", "Name": "Kita Regenbogen", "Kategorie": "Kita",
                             "Organisation": "Kindergärten City (Eigenbetrieb)"}])
    m, report = build_map(data)
    assert report.ok
    assert not list(m.graph.out_edges("K2"))
    assert m.graph.nodes["K2"]["extra"]["Organisation"] == "Kindergärten City (Eigenbetrieb)"
    write_excel(read_excel(write_base(tmp_path / "in.xlsx", data)), tmp_path / "out.xlsx")
    again = read_excel(tmp_path / "out.xlsx")
    assert again.graph.nodes["K2"]["extra"]["Organisation"] == "Kindergärten City (Eigenbetrieb)"


def test_mistyped_id_and_relation_ends_stay_errors() -> None:
    data = _sheets(Angebote=[_offer("Nord", Ort="K9"), {**_offer("Nord", Ort="Rathaus"),
                                                        "ID": "EB2"}],
                   Akteure=[{"ID": "K2", "Name": "Kita Regenbogen", "Organisation": "TR-2"},
                            {"ID": "K3", "Name": "Kita Wolke", "Organisation": "Träger X"}],
                   Beziehungen=[{"Von": "Rathaus", "Zu": "K1", "Art": "Kooperation"}])
    _, report = build_map(data)
    assert sorted((i.sheet, i.column, i.severity) for i in report.issues
                  if i.code == "unknown-reference") == [
        ("Akteure", "Organisation", "error"), ("Akteure", "Organisation", "warning"),
        ("Angebote", "Ort", "error"), ("Angebote", "Ort", "warning"),
        ("Beziehungen", "Von", "error")]


def test_art_austausch_is_a_weak_cooperation() -> None:
    m, report = build_map(_sheets(Beziehungen=[
        {"Von": "K1", "Zu": "JC", "Art": "Austausch"},
        {"Von": "GS1", "Zu": "JC", "Art": "austausch", "Stärke": "3 Koordination"}]))
    assert report.ok
    first, second = m.graph.edges["K1", "JC", 0], m.graph.edges["GS1", "JC", 0]
    assert first["kind"] is EdgeKind.COOPERATION and first["strength"] == 1
    assert second["kind"] is EdgeKind.COOPERATION and second["strength"] == 3
    found = [i for i in report.warnings if i.column == "Art"]
    assert [(i.code, i.row) for i in found] == [("guessed-value", 4), ("guessed-value", 5)]
    assert "Kooperation" in found[0].message


def test_person_member_of_an_organisation_belongs_to_it() -> None:
    m, report = build_map(_sheets(Beziehungen=[{"Von": "P1", "Zu": "TR", "Art": "Mitglied"}]))
    assert report.ok
    assert {d["kind"] for d in m.graph.get_edge_data("P1", "TR").values()} == {
        EdgeKind.BELONGS_TO}
    issue = only(report, "reinterpreted-relation")
    assert issue.row == 4 and "gehört zu" in issue.message
    _, report = build_map(_sheets(Beziehungen=[{"Von": "K1", "Zu": "GS1", "Art": "Mitglied"}]))
    assert [i.code for i in report.errors] == ["wrong-reference-type"]  # a Kita: no reading


# --- coordinates ---------------------------------------------------------------------------


def test_swapped_coordinates_are_read_swapped_and_others_outside_germany_warned() -> None:
    m, report = build_map(_sheets(Akteure=[
        {"ID": "K2", "Name": "Kita Regenbogen", "Breitengrad": 13.49, "Längengrad": 52.52},
        {"ID": "K3", "Name": "Kita Wolke", "Breitengrad": 40.1, "Längengrad": 9.9}]))
    assert report.ok
    assert (m.graph.nodes["K2"]["lat"], m.graph.nodes["K2"]["lon"]) == (52.52, 13.49)
    assert (m.graph.nodes["K3"]["lat"], m.graph.nodes["K3"]["lon"]) == (40.1, 9.9)
    found = [(i.code, i.row, i.column) for i in report.warnings
             if i.column in ("Breitengrad", "Längengrad")]
    assert found == [("guessed-value", 6, "Breitengrad"), ("bad-number", 7, "Breitengrad")]
    assert "vertauscht" in next(i.message for i in report.warnings
                                if i.row == 6 and i.column == "Breitengrad")


# --- sheet copies --------------------------------------------------------------------------


@pytest.mark.parametrize("copy", ["Akteure (2)", "Kopie von Akteure"])
def test_copy_of_a_missing_sheet_is_read(tmp_path: Path, copy: str) -> None:
    data = base_sheets()
    data[copy] = data.pop("Akteure")
    _, report = validate_excel(write_base(tmp_path / "c.xlsx", data))
    assert report.ok
    issue = only(report, "guessed-value")
    assert issue.sheet == copy and "als „Akteure“ gelesen" in issue.message


def test_visible_copy_of_a_hidden_sheet_is_read(tmp_path: Path) -> None:
    data = base_sheets()
    data["Akteure (2)"] = data["Akteure"]
    data["Akteure"] = [{"ID": "ALT", "Name": "Alter Stand"}]
    path = write_base(tmp_path / "h.xlsx", data)
    book = openpyxl.load_workbook(path)
    book["Akteure"].sheet_state = "hidden"
    book.save(path)
    m, report = validate_excel(path)
    assert report.ok and m is not None and "K1" in m.graph and "ALT" not in m.graph
    issue = only(report, "guessed-value")
    assert "das gleichnamige Blatt „Akteure“ ist ausgeblendet" in issue.message


# --- numbers in messages -------------------------------------------------------------------


def test_numeric_id_gets_no_close_id_suggestion() -> None:
    data = _sheets(Beziehungen=[{"Von": "K1", "Zu": 26.0, "Art": "Kooperation"}])
    data["Akteure"] += [{"ID": 2, "Name": "Kita Zwei"}, {"ID": 6, "Name": "Kita Sechs"}]
    _, report = build_map(data)
    issue = only(report, "unknown-reference")
    assert "Die ID „26“ gibt es nicht" in issue.message and "meinten" not in issue.message


def test_whole_numbers_are_shown_without_decimal_point() -> None:
    from netzkarte.cli import _shown
    assert [_shown(2019.0), _shown(45292.0), _shown(2.5), _shown("2019.0")] == [
        "„2019“", "„45292“", "„2.5“", "„2019.0“"]


def test_federfuehrung_and_reporting_line_that_name_no_entry_are_kept(tmp_path: Path) -> None:
    """„Federführung: Bürgermeisteramt“ and „Berichtet an: Jugendhilfeausschuss“ without rows
    of their own are kept as typed with a warning, written back, and the Federführung still
    tells the coordination check that someone runs the committee."""
    from netzkarte.analysis.bottlenecks import find_bottlenecks

    data = _sheets(Gremien=[{"ID": "AK", "Name": "AK Übergang", "Federführung":
                             "Bürgermeisteramt", "Berichtet an": "Jugendhilfeausschuss"}],
                   Mitgliedschaften=[{"Mitglied": "K1", "Gremium": "AK"}])
    m, report = build_map(data)
    assert report.ok, report.errors
    assert {i.column for i in report.warnings if i.code == "unknown-reference"} >= {
        "Federführung", "Berichtet an"}
    extra = m.graph.nodes["AK"]["extra"]
    assert extra["Federführung"] == "Bürgermeisteramt"
    assert extra["Berichtet an"] == "Jugendhilfeausschuss"
    (coordination,) = [f for f in find_bottlenecks(m)
                       if f.evidence.get("check") == "no_coordination" and f.nodes == ("AK",)]
    assert coordination.severity == "info" and "Bürgermeisteramt" in coordination.text
    write_excel(read_excel(write_base(tmp_path / "in.xlsx", data)), tmp_path / "out.xlsx")
    back = read_excel(tmp_path / "out.xlsx").graph.nodes["AK"]["extra"]
    assert back["Federführung"] == "Bürgermeisteramt"
