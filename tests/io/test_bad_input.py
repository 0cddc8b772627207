"""Bad input: every problem is reported with code, sheet, Excel row, column and a German fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from xlsx_helpers import Rows, as_rows, assert_german_fix, base_sheets, edge, only, write_workbook

from netzkarte import ValidationError
from netzkarte.io.build import build_map
from netzkarte.io.excel import read_excel, validate_excel

# (case id, sheet, appended row, expected code, expected column)
# The appended row lands directly under the base rows of that sheet.
CASES: list[tuple[str, str, dict[str, Any], str, str]] = [
    # Akteure (appended at row 6)
    ("dup-id", "Akteure", {"ID": "K1", "Name": "Kita Zwei"}, "duplicate-id", "ID"),
    ("dup-id-across-sheets", "Angebote", {"ID": "JA", "Name": "Jugendamt?"},
     "duplicate-id", "ID"),
    ("sector-typo", "Akteure", {"ID": "X1", "Name": "X", "Sektor": "Gesundheitt"},
     "unknown-value", "Sektor"),
    ("phase-unknown", "Akteure", {"ID": "X1", "Name": "X", "Lebensphasen": "Kita; Studium"},
     "unknown-value", "Lebensphasen"),
    ("role-unknown", "Akteure", {"ID": "X1", "Name": "X", "Rollen": "Chef"},
     "unknown-value", "Rollen"),
    ("org-dangling", "Akteure", {"ID": "X1", "Name": "X", "Organisation": "TR-99"},
     "unknown-reference", "Organisation"),
    ("org-is-offer", "Akteure", {"ID": "X1", "Name": "X", "Organisation": "CAFE"},
     "wrong-reference-type", "Organisation"),
    ("org-is-person", "Akteure", {"ID": "X1", "Name": "X", "Kategorie": "Kita",
                                  "Organisation": "P1"}, "wrong-reference-type", "Organisation"),
    ("org-is-self", "Akteure", {"ID": "X1", "Name": "X", "Organisation": "X1"},
     "self-loop", "Organisation"),
    ("lat-text", "Akteure", {"ID": "X1", "Name": "X", "Breitengrad": "Nord"},
     "bad-number", "Breitengrad"),
    ("lat-range", "Akteure", {"ID": "X1", "Name": "X", "Breitengrad": 151},
     "bad-number", "Breitengrad"),
    ("name-missing", "Akteure", {"ID": "X1", "Kategorie": "Kita"}, "missing-value", "Name"),
    # Ämter (row 5)
    ("parent-is-actor", "Ämter", {"ID": "X2", "Name": "Amt X", "Übergeordnet": "K1"},
     "wrong-reference-type", "Übergeordnet"),
    ("parent-dangling", "Ämter", {"ID": "X2", "Name": "Amt X", "Übergeordnet": "DEZ-9"},
     "unknown-reference", "Übergeordnet"),
    ("office-sector", "Ämter", {"ID": "X2", "Name": "Amt X", "Sektor": "Spaß"},
     "unknown-value", "Sektor"),
    ("office-dup-actor-id", "Ämter", {"ID": "GS1", "Name": "Amt X"}, "duplicate-id", "ID"),
    ("office-roles", "Ämter", {"ID": "X2", "Name": "Amt X", "Rollen": "Machtpromotor; Held"},
     "unknown-value", "Rollen"),
    # Gremien (row 4)
    ("reports-to-offer", "Gremien", {"ID": "X3", "Name": "AK", "Berichtet an": "CAFE"},
     "wrong-reference-type", "Berichtet an"),
    ("reports-to-dangling", "Gremien", {"ID": "X3", "Name": "AK", "Berichtet an": "G-99"},
     "unknown-reference", "Berichtet an"),
    ("reports-to-self", "Gremien", {"ID": "X3", "Name": "AK", "Berichtet an": "X3"},
     "self-loop", "Berichtet an"),
    ("tier-unknown", "Gremien", {"ID": "X3", "Name": "AK", "Steuerungsebene": "d"},
     "unknown-value", "Steuerungsebene"),
    ("lead-is-offer", "Gremien", {"ID": "X3", "Name": "AK", "Federführung": "CAFE"},
     "wrong-reference-type", "Federführung"),
    ("lead-dangling", "Gremien", {"ID": "X3", "Name": "AK", "Federführung": "NOPE"},
     "unknown-reference", "Federführung"),
    ("meetings-text", "Gremien", {"ID": "X3", "Name": "AK", "Sitzungen pro Jahr": "oft"},
     "bad-number", "Sitzungen pro Jahr"),
    ("legitimated-maybe", "Gremien", {"ID": "X3", "Name": "AK",
                                      "Politisch legitimiert": "vielleicht"},
     "bad-bool", "Politisch legitimiert"),
    # Angebote (row 3)
    ("provider-is-committee", "Angebote", {"ID": "X4", "Name": "Kurs", "Anbieter": "SG"},
     "wrong-reference-type", "Anbieter"),
    ("provider-dangling", "Angebote", {"ID": "X4", "Name": "Kurs", "Anbieter": "TR-2"},
     "unknown-reference", "Anbieter"),
    ("venue-is-committee", "Angebote", {"ID": "X4", "Name": "Kurs", "Ort": "SG"},
     "wrong-reference-type", "Ort"),
    ("capacity-fraction", "Angebote", {"ID": "X4", "Name": "Kurs", "Kapazität": "12,5"},
     "bad-number", "Kapazität"),
    ("outreach-sometimes", "Angebote", {"ID": "X4", "Name": "Kurs", "Aufsuchend": "manchmal"},
     "bad-bool", "Aufsuchend"),
    ("offer-phase", "Angebote", {"ID": "X4", "Name": "Kurs", "Lebensphasen": "Rente"},
     "unknown-value", "Lebensphasen"),
    # Mitgliedschaften (row 6)
    ("member-dangling-committee", "Mitgliedschaften", {"Mitglied": "JA", "Gremium": "G-99"},
     "unknown-reference", "Gremium"),
    ("member-is-offer", "Mitgliedschaften", {"Mitglied": "CAFE", "Gremium": "SG"},
     "wrong-reference-type", "Mitglied"),
    ("committee-is-office", "Mitgliedschaften", {"Mitglied": "K1", "Gremium": "JA"},
     "wrong-reference-type", "Gremium"),
    ("function-unknown", "Mitgliedschaften", {"Mitglied": "JC", "Gremium": "SG",
                                              "Funktion": "Boss"}, "unknown-value", "Funktion"),
    ("since-impossible", "Mitgliedschaften", {"Mitglied": "JC", "Gremium": "SG",
                                              "Seit": "32.13.2019"}, "bad-date", "Seit"),
    ("since-word", "Mitgliedschaften", {"Mitglied": "JC", "Gremium": "SG", "Seit": "gestern"},
     "bad-date", "Seit"),
    ("member-empty", "Mitgliedschaften", {"Gremium": "SG", "Funktion": "Gast"},
     "missing-value", "Mitglied"),
    ("member-dangling", "Mitgliedschaften", {"Mitglied": "A-17", "Gremium": "SG"},
     "unknown-reference", "Mitglied"),
    # Beziehungen (row 4)
    ("strength-five", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Kooperation",
                                      "Stärke": 5}, "bad-strength", "Stärke"),
    ("strength-word", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Kooperation",
                                      "Stärke": "sehr stark"}, "bad-strength", "Stärke"),
    ("kind-unknown", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Freundschaft"},
     "unknown-value", "Art"),
    ("kind-empty", "Beziehungen", {"Von": "K1", "Zu": "TR", "Stärke": 2},
     "missing-value", "Art"),
    ("self-loop", "Beziehungen", {"Von": "K1", "Zu": "K1", "Art": "Kooperation"},
     "self-loop", "Zu"),
    ("formal-maybe", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Kooperation",
                                     "Formal": "eventuell"}, "bad-bool", "Formal"),
    ("from-dangling", "Beziehungen", {"Von": "NOPE", "Zu": "TR", "Art": "Kooperation"},
     "unknown-reference", "Von"),
    ("member-kind-to-actor", "Beziehungen", {"Von": "K1", "Zu": "GS1", "Art": "Mitglied"},
     "wrong-reference-type", "Zu"),
    ("provides-from-committee", "Beziehungen", {"Von": "SG", "Zu": "CAFE",
                                                "Art": "Trägerschaft"},
     "wrong-reference-type", "Von"),
    ("belongs-to-person", "Beziehungen", {"Von": "GS1", "Zu": "P1", "Art": "gehört zu"},
     "wrong-reference-type", "Zu"),
    ("reported-by-offer", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Kooperation",
                                          "Gemeldet von": "CAFE"},
     "wrong-reference-type", "Gemeldet von"),
    ("since-bad", "Beziehungen", {"Von": "K1", "Zu": "TR", "Art": "Kontrakt",
                                  "Seit": "Frühjahr"}, "bad-date", "Seit"),
    # Sozialräume (row 3)
    ("population-text", "Sozialräume", {"Sozialraum": "Süd", "Einwohner": "viele"},
     "bad-number", "Einwohner"),
    ("district-twice", "Sozialräume", {"Sozialraum": "Nord", "Einwohner": 3},
     "duplicate-district", "Sozialraum"),
    ("indicator-text", "Sozialräume", {"Sozialraum": "Süd", "SGB-II-Quote Kinder": "hoch"},
     "bad-number", "SGB-II-Quote Kinder"),
]

# Unreadable values of optional columns are warnings (the text is kept, the analyses run);
# errors are what breaks identity or structure, and an unknown Art.
WARNINGS = {"sector-typo", "phase-unknown", "role-unknown", "lat-text", "lat-range",
            "office-sector", "office-roles", "tier-unknown", "meetings-text",
            "legitimated-maybe", "capacity-fraction", "outreach-sometimes", "offer-phase",
            "function-unknown", "since-impossible", "since-word", "formal-maybe", "since-bad",
            "population-text", "indicator-text", "strength-five", "strength-word"}


def _with_row(sheet: str, row: dict[str, Any]) -> tuple[dict[str, Rows], int]:
    data = base_sheets()
    data[sheet].append(row)
    return data, len(data[sheet]) + 1


@pytest.mark.parametrize(("case", "sheet", "row", "code", "column"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_bad_cell_is_reported_where_it_is(case: str, sheet: str, row: dict[str, Any],
                                               code: str, column: str) -> None:
    data, excel_row = _with_row(sheet, row)
    _, report = build_map(data)
    severity = "warning" if case in WARNINGS else "error"
    found = [i for i in report.issues if i.code == code and i.severity == severity]
    expected_errors = 1 if severity == "error" else 0
    assert len(report.errors) == expected_errors and len(found) == 1, [
        str(i) for i in report.issues]
    issue = found[0]
    assert (issue.sheet, issue.row, issue.column) == (sheet, excel_row, column)
    assert_german_fix(issue.message)


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)


def test_dangling_id_names_the_sheet_and_suggests_the_close_id() -> None:
    data = base_sheets()
    data["Gremien"].append({"ID": "G-09", "Name": "Netzwerk Frühe Hilfen"})
    data["Mitgliedschaften"].append({"Mitglied": "JC", "Gremium": "G-99"})
    _, report = build_map(data)
    issue = only(report, "unknown-reference")
    assert (issue.row, issue.column, issue.value) == (6, "Gremium", "G-99")
    assert issue.message == ("Die ID „G-99“ gibt es nicht. Tragen Sie die ID eines Gremiums "
                             "aus dem Blatt „Gremien“ ein (meinten Sie „G-09“?).")


def test_strict_enum_suggests_the_label() -> None:
    data, _ = _with_row("Akteure", {"ID": "X1", "Name": "X", "Sektor": "Gesundheitt"})
    _, report = build_map(data)
    assert "meinten Sie „Gesundheit“?" in only(report, "unknown-value").message


def test_offer_as_member_uses_the_edge_rule_wording() -> None:
    data, _ = _with_row("Mitgliedschaften", {"Mitglied": "CAFE", "Gremium": "SG"})
    _, report = build_map(data)
    message = only(report, "wrong-reference-type").message
    assert "Angebot → Gremium" in message
    assert "Tragen Sie hier die ID eines Akteurs oder Amts" in message


def test_duplicate_id_points_to_the_first_row() -> None:
    data, _ = _with_row("Ämter", {"ID": "K1", "Name": "Kita als Amt"})
    _, report = build_map(data)
    assert "Blatt „Akteure“, Zeile 3" in only(report, "duplicate-id").message


def test_ambiguous_name_is_an_error() -> None:
    data = base_sheets()
    data["Akteure"].append({"ID": "K2", "Name": "Kita Sonnenschein", "Kategorie": "Kita"})
    data["Mitgliedschaften"].append({"Mitglied": "Kita Sonnenschein", "Gremium": "SRK"})
    _, report = build_map(data)
    issue = only(report, "ambiguous-reference")
    assert (issue.sheet, issue.row, issue.column) == ("Mitgliedschaften", 6, "Mitglied")
    assert "K1, K2" in issue.message
    assert_german_fix(issue.message)


@pytest.mark.parametrize(("change", "code", "sheet", "row", "column"), [
    ("drop-sheet", "missing-sheet", "Gremien", None, None),
    ("drop-column", "missing-column", "Mitgliedschaften", 1, "Gremium"),
    ("duplicate-column", "duplicate-column", "Akteure", 1, "name"),
    ("drop-art", "missing-column", "Beziehungen", 1, "Art"),
])
def test_sheet_and_column_problems(change: str, code: str, sheet: str, row: int | None,
                                   column: str | None) -> None:
    data = base_sheets()
    if change == "drop-sheet":
        del data["Gremien"]
        data["Mitgliedschaften"] = [r for r in data["Mitgliedschaften"]
                                    if r["Gremium"] not in ("SG", "SRK")]
        data["Akteure"][0]["Bemerkung"] = "ohne Gremien"
    elif change == "drop-column":
        for r in data["Mitgliedschaften"]:
            r.pop("Gremium")
    elif change == "duplicate-column":
        data["Akteure"][0][" name "] = "zweiter Name"
    elif change == "drop-art":
        for r in data["Beziehungen"]:
            r.pop("Art")
    netmap, report = build_map(data)
    issue = only(report, code)
    assert (issue.sheet, issue.row, issue.column) == (sheet, row, column)
    assert_german_fix(issue.message)
    if change == "drop-sheet":  # the rest still imports
        assert netmap.counts()["actor"] == 4


def test_many_problems_in_one_workbook_are_all_reported(tmp_path: Path) -> None:
    data = base_sheets()
    data["Akteure"].append({"ID": "K1", "Name": "doppelt"})  # row 6
    data["Akteure"].append({"ID": "X1", "Name": "X", "Sektor": "Sport"  # known: fine
                            , "Organisation": "NOPE"})  # row 7
    data["Gremien"].append({"ID": "X3", "Name": "AK", "Berichtet an": "CAFE",
                            "Steuerungsebene": "z"})  # row 4: two problems
    data["Mitgliedschaften"].append({"Mitglied": "CAFE", "Gremium": "SG"})  # row 6
    data["Beziehungen"].append({"Von": "K1", "Zu": "K1", "Art": "Kooperation"})  # row 4
    data["Beziehungen"].append({"Von": "K1", "Zu": "TR", "Art": "Kooperation",
                                "Stärke": 9, "Seit": "gestern"})  # row 5: two problems
    path = write_workbook(tmp_path / "fehler.xlsx",
                          {name: as_rows(rows) for name, rows in data.items()})
    netmap, report = validate_excel(path)
    assert netmap is None
    got = sorted((i.sheet, i.row, i.column, i.code) for i in report.errors)
    assert got == sorted([
        ("Akteure", 6, "ID", "duplicate-id"),
        ("Akteure", 7, "Organisation", "unknown-reference"),
        ("Gremien", 4, "Berichtet an", "wrong-reference-type"),
        ("Mitgliedschaften", 6, "Mitglied", "wrong-reference-type"),
        ("Beziehungen", 4, "Zu", "self-loop"),
    ])
    # unreadable optional values are warnings
    assert sorted((i.sheet, i.row, i.column, i.code) for i in report.warnings) == [
        ("Beziehungen", 5, "Seit", "bad-date"), ("Beziehungen", 5, "Stärke", "bad-strength"),
        ("Gremien", 4, "Steuerungsebene", "unknown-value")]
    with pytest.raises(ValidationError) as caught:
        read_excel(path)
    assert len(caught.value.report.errors) == 5
    assert "5 Fehler" in str(caught.value)
    # everything valid is still in the map of build_map: the new nodes and the K1–TR
    # cooperation of row 5 (without its bad strength and date); the failing edges are not
    partial, _ = build_map(data)
    assert partial.counts()["edges"] == 12
    assert "strength" not in edge(partial, "K1", "TR")
    assert "X3" in partial and "X1" in partial
