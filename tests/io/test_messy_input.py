"""Messy but valid input (docs/vorlage.md): imports with the right values and the right warnings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from xlsx_helpers import Rows, as_rows, base_sheets, codes, edge, only, write_workbook

from netzkarte.io.build import build_map
from netzkarte.io.excel import read_excel, validate_excel
from netzkarte.vocab import (
    ActorForm,
    EdgeKind,
    LifePhase,
    MemberFunction,
    Role,
    Sector,
    Strength,
)


def test_base_dataset_is_valid_and_counted(sheets: dict[str, Rows]) -> None:
    netmap, report = build_map(sheets, meta={"Kommune": "Testheim"}, source="test")
    assert report.issues == []
    assert report.counts == {"actor": 4, "office": 3, "committee": 2, "offer": 1, "edges": 11}
    assert netmap.meta.municipality == "Testheim" and netmap.meta.source == "test"


def test_empty_rows_are_skipped_but_still_count(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][2:2] = [{}, {"ID": None, "Name": "   ", "Kategorie": ""}]
    sheets["Akteure"].append({"ID": "X1", "Name": "X", "Sektor": "Gesundheitt"})
    netmap, report = build_map(sheets)
    assert netmap.counts()["actor"] == 4 + 1
    assert only(report, "unknown-value").row == 8  # 4 base rows + 2 blank rows + header


def test_spaces_and_numbers_stored_as_text(sheets: dict[str, Rows]) -> None:
    sheets["Angebote"][0].update({"ID": "  CAFE ", "Anbieter": " TR", "Kapazität": " 20 ",
                                  "Status": " LAUFEND "})
    sheets["Gremien"][0]["Sitzungen pro Jahr"] = "4"
    sheets["Mitgliedschaften"][0]["Gremium"] = "SG  "
    netmap, report = build_map(sheets)
    assert report.issues == []
    cafe = netmap.node("CAFE")
    assert cafe["capacity"] == 20 and cafe["status"].label == "laufend"
    assert netmap.node("SG")["meetings_per_year"] == 4.0
    assert "CAFE" in netmap.graph["TR"]


def test_ids_typed_as_numbers(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"ID": 12.0, "Name": "Hebamme Meier", "Kategorie": "Hebamme"})
    sheets["Mitgliedschaften"].append({"Mitglied": 12, "Gremium": "SG"})
    sheets["Beziehungen"].append({"Von": "12", "Zu": "K1", "Art": "Vermittlung"})
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.memberships("12") == ["SG"]
    assert netmap.node("12")["form"] is ActorForm.PERSON  # category default


@pytest.mark.parametrize(("typed", "expected"), [
    ("ja", True), ("Nein", False), ("x", True), ("X", True), (1, True), (0, False),
    ("1", True), ("0", False), (True, True), ("wahr", True), ("-", False),
])
def test_yes_no_spellings(sheets: dict[str, Rows], typed: object, expected: bool) -> None:
    sheets["Gremien"][0]["Politisch legitimiert"] = typed
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.node("SG")["legitimated"] is expected


@pytest.mark.parametrize(("typed", "expected", "warning"), [
    ("01.03.2019", date(2019, 3, 1), None),
    ("1.3.2019", date(2019, 3, 1), None),
    ("2019-03-01", date(2019, 3, 1), None),
    (datetime(2019, 3, 1, 0, 0), date(2019, 3, 1), None),
    (date(2019, 3, 1), date(2019, 3, 1), None),
    (pd.Timestamp("2019-03-01"), date(2019, 3, 1), None),
    ("01.03.19", date(2019, 3, 1), "guessed-value"),
    (43525, date(2019, 3, 1), "guessed-value"),  # a date cell that lost its format
])
def test_date_spellings(sheets: dict[str, Rows], typed: object, expected: date,
                        warning: str | None) -> None:
    sheets["Mitgliedschaften"][1]["Seit"] = typed
    netmap, report = build_map(sheets)
    assert codes(report) == ([warning] if warning else [])
    assert edge(netmap, "P1", "SG")["since"] == expected


def test_decimal_commas(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][1].update({"Breitengrad": "51,4512", "Längengrad": 7.2034})
    sheets["Sozialräume"][0].update({"SGB-II-Quote Kinder": "18,5", "Einwohner": "12.000"})
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.node("K1")["lat"] == pytest.approx(51.4512)
    assert netmap.districts.loc["Nord", "SGB-II-Quote Kinder"] == pytest.approx(18.5)
    assert netmap.districts.loc["Nord", "population"] == 12000


@pytest.mark.parametrize("typed", ["Kita; 6–10 Jahre (Grundschule)", "Kita | Grundschule",
                                   "Kita\nGrundschule", "Grundschule;Kita;", "kita ;  primary"])
def test_multi_value_separators(sheets: dict[str, Rows], typed: str) -> None:
    sheets["Gremien"][1]["Lebensphasen"] = typed
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.node("SRK")["life_phases"] == (LifePhase.KITA, LifePhase.PRIMARY)


def test_commas_between_values_are_separators(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][3]["Rollen"] = "Lotse, Fachpromotor"
    netmap, report = build_map(sheets)
    assert codes(report) == []
    assert netmap.node("P1")["roles"] == (Role.GUIDE, Role.EXPERT_PROMOTER)


def test_extra_columns_are_kept_in_order(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][1].update({"Träger-Nr.": 4711, "Öffnungszeiten": "7–17 Uhr"})
    sheets["Beziehungen"][0]["Quelle"] = "Befragung 2024"
    netmap, report = build_map(sheets)
    assert report.ok  # each own column is named once, as a hint
    assert sorted((i.code, i.sheet, i.column) for i in report.issues) == [
        ("unknown-column", "Akteure", "Träger-Nr."),
        ("unknown-column", "Akteure", "Öffnungszeiten"),
        ("unknown-column", "Beziehungen", "Quelle")]
    assert netmap.node("K1")["extra"] == {"Träger-Nr.": 4711, "Öffnungszeiten": "7–17 Uhr"}
    assert netmap.node("GS1")["extra"] == {}
    assert netmap.extra_columns["Akteure"] == ["Träger-Nr.", "Öffnungszeiten"]
    assert edge(netmap, "K1", "GS1")["extra"] == {"Quelle": "Befragung 2024"}


def test_header_and_sheet_spelling_variants(sheets: dict[str, Rows]) -> None:
    renamed = {"Akteure": "akteure ", "Ämter": "Aemter", "Beziehungen": "BEZIEHUNGEN"}
    headers = {"Organisation": "organisation", "Kategorie": " KATEGORIE ",
               "Hierarchieebene": "Hierarchie-Ebene", "Übergeordnet": "Uebergeordnet",
               "Stärke": "staerke"}
    data = {renamed.get(name, name): [{headers.get(k, k): v for k, v in row.items()}
                                      for row in rows] for name, rows in sheets.items()}
    netmap, report = build_map(data)
    assert report.issues == []
    assert netmap.counts() == build_map(sheets)[0].counts()
    assert edge(netmap, "K1", "GS1")["strength"] is Strength.COORDINATION
    assert netmap.node("JA")["rank"].label == "Amtsleitung"


def test_category_defaults_and_own_values_win(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][2]["Sektor"] = "Gesundheit"
    netmap, _ = build_map(sheets)
    kita = netmap.node("K1")
    assert kita["sector"] is Sector.YOUTH_WELFARE
    assert kita["life_phases"] == (LifePhase.U3, LifePhase.KITA)
    assert kita["form"] is ActorForm.FACILITY
    assert netmap.node("GS1")["sector"] is Sector.HEALTH  # typed value beats the default


def test_empty_ids_are_generated_deterministically(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"Name": "Hebamme Meier", "Kategorie": "Hebamme"})
    sheets["Mitgliedschaften"].append({"Mitglied": "Hebamme Meier", "Gremium": "SRK"})
    netmap, report = build_map(sheets)
    assert codes(report) == ["generated-id", "name-reference"]
    assert (only(report, "generated-id").row, only(report, "generated-id").column) == (6, "ID")
    assert netmap.memberships("A-auto-6") == ["SRK"]
    assert build_map(sheets)[0].node_ids() == netmap.node_ids()


def test_unique_name_instead_of_id_is_a_warning(sheets: dict[str, Rows]) -> None:
    sheets["Mitgliedschaften"].append({"Mitglied": "jobcenter", "Gremium": "Steuerungsgruppe"})
    netmap, report = build_map(sheets)
    assert codes(report) == ["name-reference", "name-reference"]
    assert report.ok and netmap.memberships("JC") == ["SG"]
    assert "„JC“" in report.warnings[0].message


def test_unknown_category_is_kept_with_a_suggestion(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"ID": "X1", "Name": "Regenbogen", "Kategorie": "Kitta"})
    netmap, report = build_map(sheets)
    issue = only(report, "unknown-category")
    assert issue.severity == "warning" and "meinten Sie „Kita“?" in issue.message
    assert netmap.node("X1")["category"] == "Kitta"


def test_unknown_loose_enum_value_is_kept_in_extra(sheets: dict[str, Rows]) -> None:
    sheets["Gremien"][0]["Gremientyp"] = "Runder Tisch"
    netmap, report = build_map(sheets)
    issue = only(report, "unknown-value")
    assert (issue.severity, issue.row, issue.column) == ("warning", 2, "Gremientyp")
    node = netmap.node("SG")
    assert "committee_type" not in node and node["extra"] == {"Gremientyp": "Runder Tisch"}


def test_unknown_district_is_a_warning_and_case_is_normalised(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][1]["Sozialraum"] = "nord"
    sheets["Akteure"][2]["Sozialraum"] = "Nordd"
    netmap, report = build_map(sheets)
    issue = only(report, "unknown-district")
    assert (issue.row, issue.value) == (4, "Nordd") and "meinten Sie „Nord“?" in issue.message
    assert netmap.node("K1")["district"] == "Nord"


def test_duplicate_edge_is_skipped_with_a_warning(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"].append({"Von": "GS1", "Zu": "K1", "Art": "Zusammenarbeit"})
    sheets["Beziehungen"].append({"Von": "K1", "Zu": "TR", "Art": "gehört zu"})
    netmap, report = build_map(sheets)
    assert [(i.code, i.row) for i in report.issues] == [("duplicate-edge", 4),
                                                        ("duplicate-edge", 5)]
    assert "Blatt „Akteure“, Zeile 3" in report.issues[1].message
    assert netmap.counts()["edges"] == 11


def test_order_of_sheets_and_rows_does_not_matter(sheets: dict[str, Rows]) -> None:
    reordered = dict(reversed(list(sheets.items())))
    reordered["Akteure"] = list(reversed(sheets["Akteure"]))
    netmap, report = build_map(reordered)
    assert report.issues == []
    assert netmap.counts() == build_map(sheets)[0].counts()


def test_unknown_and_empty_sheets_are_warnings(sheets: dict[str, Rows]) -> None:
    sheets["Notizen"] = [{"Text": "Bitte bis Freitag"}]
    sheets["Angebote"] = []
    sheets["Beziehungen"].pop()  # the only reference to the offer
    sheets["Anleitung"] = [{"A": "wird nicht als Daten gelesen"}]
    sheets["Listen"] = [{"Sektor": "Gesundheit"}]
    netmap, report = build_map(sheets)
    assert report.ok
    assert [(i.code, i.sheet) for i in report.issues] == [("unknown-sheet", "Notizen"),
                                                          ("empty-sheet", "Angebote")]
    assert netmap.counts()["offer"] == 0


def test_edge_values_are_typed(sheets: dict[str, Rows]) -> None:
    netmap, _ = build_map(sheets)
    coop = edge(netmap, "K1", "GS1")
    assert (coop["kind"], coop["strength"], coop["formal"]) == (EdgeKind.COOPERATION,
                                                                Strength.COORDINATION, True)
    assert edge(netmap, "P1", "SG")["function"] is MemberFunction.COORDINATION
    assert edge(netmap, "K1", "SRK")["function"] is MemberFunction.MEMBER  # default
    assert netmap.node("SG")["lead"] == "JA" and netmap.node("CAFE")["venue"] == "K1"
    assert list(netmap.graph["TR"]) == ["CAFE"]  # Anbieter: provider → offer


def test_messy_workbook_through_excel(tmp_path: Path) -> None:
    data = base_sheets()
    data["Akteure"][1].update({"ID": " K1 ", "Breitengrad": "51,5"})
    data["Akteure"].append({"ID": "X1", "Name": "X", "Sektor": "Gesundheitt"})
    data["Mitgliedschaften"][0]["Seit"] = datetime(2019, 3, 1)
    data["Mitgliedschaften"][2]["Funktion"] = " mitglied"
    rows = {name: as_rows(r) for name, r in data.items()}
    rows["Akteure"].insert(2, [None] * len(rows["Akteure"][0]))  # a blank row 3
    path = write_workbook(tmp_path / "messy.xlsx", rows)
    netmap, report = validate_excel(path)  # an unknown Sektor is a warning, kept as text
    [issue] = report.issues
    assert (issue.sheet, issue.row, issue.column, issue.code, issue.severity) == (
        "Akteure", 7, "Sektor", "unknown-value", "warning")
    assert netmap is not None and netmap.node("X1")["extra"] == {"Sektor": "Gesundheitt"}
    rows["Akteure"].pop()  # drop X1
    netmap = read_excel(write_workbook(tmp_path / "messy2.xlsx", rows))
    assert netmap.node("K1")["lat"] == 51.5
    assert edge(netmap, "JA", "SG")["since"] == date(2019, 3, 1)
    assert edge(netmap, "K1", "SRK")["function"] is MemberFunction.MEMBER


def test_importer_builds_the_same_graph_as_the_public_api(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"].append({"Von": "K1", "Zu": "GS1", "Art": "Vermittlung"})  # 2nd edge
    netmap, _ = build_map(sheets)
    rebuilt: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    rebuilt.add_nodes_from(netmap.graph.nodes(data=True))
    for u, v, k, d in netmap.graph.edges(keys=True, data=True):
        rebuilt.add_edge(u, v, key=k, **d)
    assert nx.utils.graphs_equal(netmap.graph, rebuilt)
    assert list(netmap.graph.in_edges("GS1", keys=True)) == list(rebuilt.in_edges("GS1",
                                                                                  keys=True))
    assert netmap.graph.number_of_edges() == netmap.counts()["edges"] == 12
    assert [k for _, v, k in netmap.graph.out_edges("K1", keys=True) if v == "GS1"] == [0, 1]
