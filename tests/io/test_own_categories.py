"""A Kommune's own categories (sheet *Kategorien*), category warnings and contradictions.

Own categories are read before any node, so their defaults (sector, life phases, form) and
every analysis use them; they survive every round trip (xlsx, JSON, GraphML). Rows whose
category is guessed, ambiguous or unknown, and rows whose Ebene contradicts their
Sozialraum or category, get warnings with sheet, row and column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from openpyxl import load_workbook
from strategies import assert_maps_equal
from xlsx_helpers import Rows, as_rows, assert_german_fix, base_sheets, only, write_workbook

from netzkarte import NetworkMap, read_excel, validate_excel, write_excel, write_template
from netzkarte.errors import ValidationReport
from netzkarte.io import build
from netzkarte.io.build import build_map
from netzkarte.io.exchange import read_json, write_gexf, write_graphml, write_json
from netzkarte.schema import SHEET_ORDER
from netzkarte.vocab import (
    BUILTIN,
    ActorForm,
    CategoryCatalogue,
    CategoryInfo,
    LifePhase,
    Method,
    NodeType,
    Recognition,
    Sector,
    category_info,
)

OWN: Rows = [  # Excel rows 2–4
    {"Kategorie": "Krabbelgruppe", "Knotentyp": "Angebot", "Sektor": "Kinder- und Jugendhilfe",
     "Lebensphasen": "0–3 Jahre", "Wirkungskreis": "Sozialraum",
     "Andere Schreibweisen": "Krabbelkreis; Krabbeltreff", "Bemerkung": "seit 2020",
     "Quelle": "AG 78"},
    {"Kategorie": "Stadtteilmütter", "Knotentyp": "Akteur", "Sektor": "Zivilgesellschaft",
     "Lebensphasen": "0–3 Jahre; 3–6 Jahre (Kita)", "Wirkungskreis": "ganze Kommune",
     "Form": "Organisation"},
    {"Kategorie": "Kita", "Lebensphasen": "3–6 Jahre (Kita)"},
]


@pytest.fixture
def own_sheets(sheets: dict[str, Rows]) -> dict[str, Rows]:
    """The base dataset with sheet *Kategorien* and nodes of the own categories."""
    sheets["Kategorien"] = [dict(r) for r in OWN]
    sheets["Angebote"].append({"ID": "KR", "Name": "Krabbelgruppe Nord", "Anbieter": "TR",
                               "Kategorie": "Krabbelgruppe", "Sozialraum": "Nord"})
    sheets["Angebote"].append({"ID": "KR2", "Name": "Krabbeln am Markt",
                               "Kategorie": "krabbelkreis", "Sozialraum": "Nord"})
    sheets["Akteure"].append({"ID": "SM", "Name": "Stadtteilmütter Testheim",
                              "Kategorie": "Stadtteilmütter", "Ebene": "Kommune"})
    return sheets


def issues(report: ValidationReport, code: str) -> list[Any]:
    return [i for i in report.issues if i.code == code]


# --- reading the sheet -----------------------------------------------------------------


def test_own_category_gives_its_defaults_and_no_warning(own_sheets: dict[str, Rows]) -> None:
    netmap, report = build_map(own_sheets)
    assert report.ok, report.errors
    assert not issues(report, "unknown-category")
    for nid in ("KR", "KR2"):  # the label and another spelling
        node = netmap.node(nid)
        assert node["life_phases"] == (LifePhase.U3,)
        assert node["sector"] is Sector.YOUTH_WELFARE
        info = netmap.classify(nid).info
        assert info is not None and info.custom and info.label == "Krabbelgruppe"
    krabbel = netmap.categories.get("Krabbelgruppe")
    assert krabbel == CategoryInfo("Krabbelgruppe", NodeType.OFFER, Sector.YOUTH_WELFARE,
                                   (LifePhase.U3,), aliases=("Krabbelkreis", "Krabbeltreff"),
                                   custom=True)
    assert netmap.category_extra["Krabbelgruppe"] == {"note": "seit 2020", "Quelle": "AG 78"}
    assert netmap.extra_columns["Kategorien"] == ["Quelle"]


def test_town_wide_own_category(own_sheets: dict[str, Rows]) -> None:
    netmap, _ = build_map(own_sheets)
    info = netmap.classify("SM").info
    assert info is not None and info.town_wide and info.node_type is NodeType.ACTOR
    node = netmap.node("SM")
    assert node["sector"] is Sector.CIVIL_SOCIETY
    assert node["form"] is ActorForm.ORGANISATION
    assert node["life_phases"] == (LifePhase.U3, LifePhase.KITA)
    assert netmap.categories.get("Krabbelgruppe").town_wide is False  # type: ignore[union-attr]


def test_own_definition_replaces_the_built_in_one(own_sheets: dict[str, Rows]) -> None:
    netmap, report = build_map(own_sheets)
    (issue,) = [i for i in issues(report, "builtin-category") if i.row == 4]
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.value) == (
        "warning", "Kategorien", 4, "Kategorie", "Kita")
    assert "Ihre Definition gilt statt der eingebauten" in issue.message
    assert_german_fix(issue.message)
    # the Kita row only gave life phases: the rest comes from the built-in Kita
    kita = netmap.categories.get("Kita")
    builtin = category_info("Kita")
    assert kita is not None and builtin is not None and kita.custom
    assert (kita.node_type, kita.sector, kita.form) == (builtin.node_type, builtin.sector,
                                                         builtin.form)
    assert kita.life_phases == (LifePhase.KITA,)
    assert netmap.node("K1")["life_phases"] == (LifePhase.KITA,)
    assert BUILTIN.get("Kita") == builtin  # the built-in catalogue is untouched


def test_old_workbook_without_the_sheet(sheets: dict[str, Rows]) -> None:
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.categories.custom == () and netmap.category_extra == {}


def test_bad_rows_are_reported_and_the_rest_is_read(own_sheets: dict[str, Rows]) -> None:
    own_sheets["Kategorien"] += [  # rows 5–10
        {"Kategorie": "Zappelrunde", "Knotentyp": "Gremium", "Sektor": "Soziales"},
        {"Kategorie": "Wuselkreis", "Knotentyp": "Angebott", "Sektor": "Soziales"},
        {"Kategorie": "Zwergenpaten", "Knotentyp": "Akteur"},
        {"Kategorie": "krabbelgruppe", "Knotentyp": "Angebot", "Sektor": "Soziales"},
        {"Knotentyp": "Angebot", "Sektor": "Soziales"},
        {"Kategorie": "Zappeltisch", "Knotentyp": "Angebot", "Sektor": "Soziales",
         "Wirkungskreis": "überall", "Form": "Person"},
    ]
    netmap, report = build_map(own_sheets)
    found = {(i.code, i.row, i.column) for i in report.issues if i.sheet == "Kategorien"}
    assert {("unknown-value", 5, "Knotentyp"), ("unknown-value", 6, "Knotentyp"),
            ("missing-value", 7, "Sektor"), ("duplicate-category", 8, "Kategorie"),
            ("missing-value", 9, "Kategorie"), ("unknown-value", 10, "Wirkungskreis"),
            ("guessed-value", 10, "Form")} <= found
    assert all(i.severity == "error" for i in report.issues
               if i.sheet == "Kategorien" and i.row in (5, 6, 7, 8, 9))
    gremium = next(i for i in report.issues if i.row == 5 and i.sheet == "Kategorien")
    assert "Gremientyp" in gremium.message and "„Akteur“, „Amt“ oder „Angebot“" in gremium.message
    for issue in report.issues:
        if issue.sheet == "Kategorien":
            assert_german_fix(issue.message)
    # the good rows still count, the whole rest of the workbook is there
    labels = [c.label for c in netmap.categories.custom]
    assert labels == ["Krabbelgruppe", "Stadtteilmütter", "Kita", "Zappeltisch"]
    assert netmap.categories.get("Zappeltisch").town_wide is False  # type: ignore[union-attr]
    assert netmap.categories.get("Zappeltisch").form is None  # type: ignore[union-attr]
    assert netmap.counts()["offer"] == 3 and netmap.node("KR")["life_phases"] == (
        LifePhase.U3,)


def test_missing_required_column(sheets: dict[str, Rows]) -> None:
    sheets["Kategorien"] = [{"Name": "Zappelkreis", "Knotentyp": "Angebot"}]
    netmap, report = build_map(sheets)
    issue = only(report, "missing-column")
    assert (issue.sheet, issue.row, issue.column) == ("Kategorien", 1, "Kategorie")
    assert netmap.categories.custom == ()


def test_alias_of_another_category_is_dropped(sheets: dict[str, Rows]) -> None:
    assert category_info("Babytreff") is not None  # a built-in spelling (Elterncafé)
    sheets["Kategorien"] = [
        {"Kategorie": "Zappelkreis", "Knotentyp": "Angebot", "Sektor": "Soziales",
         "Andere Schreibweisen": "Zappelrunde"},
        {"Kategorie": "Wuselkreis", "Knotentyp": "Angebot", "Sektor": "Soziales",
         "Andere Schreibweisen": "zappelrunde; Babytreff"},
    ]
    netmap, report = build_map(sheets)
    duplicate = only(report, "duplicate-category")
    assert (duplicate.severity, duplicate.row, duplicate.column) == (
        "warning", 3, "Andere Schreibweisen")
    builtin = only(report, "builtin-category")
    assert (builtin.row, builtin.column, builtin.value) == (3, "Andere Schreibweisen",
                                                          "Babytreff")
    assert netmap.categories.get("Wuselkreis").aliases == ("Babytreff",)  # type: ignore[union-attr]
    assert netmap.categories.get("Babytreff").label == "Wuselkreis"  # type: ignore[union-attr]


# --- round trips -----------------------------------------------------------------------


def test_xlsx_round_trip_writes_the_same_rows(own_sheets: dict[str, Rows],
                                              tmp_path: Path) -> None:
    netmap, _ = build_map(own_sheets)
    path = write_excel(netmap, tmp_path / "karte.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEET_ORDER)
    rows = list(wb["Kategorien"].iter_rows(values_only=True))
    assert rows[0] == ("Kategorie", "Knotentyp", "Sektor", "Lebensphasen", "Wirkungskreis",
                       "Form", "Andere Schreibweisen", "Bemerkung", "Quelle")
    assert rows[1] == ("Krabbelgruppe", "Angebot", "Kinder- und Jugendhilfe", "0–3 Jahre",
                       "Sozialraum", None, "Krabbelkreis; Krabbeltreff", "seit 2020", "AG 78")
    assert rows[2] == ("Stadtteilmütter", "Akteur", "Zivilgesellschaft",
                       "0–3 Jahre; 3–6 Jahre (Kita)", "ganze Kommune", "Organisation", None,
                       None, None)
    assert rows[3][:6] == ("Kita", "Akteur", "Kinder- und Jugendhilfe", "3–6 Jahre (Kita)",
                           "Sozialraum", "Einrichtung")
    lists = {c[0].value: [x.value for x in c[1:] if x.value is not None]
             for c in wb["Listen"].iter_cols()}
    assert lists["Kategorie Angebot"][-1] == "Krabbelgruppe"
    assert lists["Kategorie Akteur"].count("Kita") == 1
    assert "Stadtteilmütter" in lists["Kategorie Akteur"]
    back = read_excel(path)
    assert back.categories.custom == netmap.categories.custom
    assert back.category_extra == netmap.category_extra
    assert_maps_equal(netmap, back)
    again = write_excel(back, tmp_path / "again.xlsx")
    assert list(load_workbook(again)["Kategorien"].iter_rows(values_only=True)) == rows


def test_real_workbook_with_the_sheet(own_sheets: dict[str, Rows], tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "k.xlsx", {n: as_rows(r) for n, r in own_sheets.items()})
    netmap, report = validate_excel(path)
    assert netmap is not None and report.ok
    assert [c.label for c in netmap.categories.custom] == ["Krabbelgruppe", "Stadtteilmütter",
                                                           "Kita"]
    assert netmap.node("KR2")["life_phases"] == (LifePhase.U3,)


def test_json_round_trip(own_sheets: dict[str, Rows], tmp_path: Path) -> None:
    netmap, _ = build_map(own_sheets)
    path = write_json(netmap, tmp_path / "k.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["categories"][0] == {
        "label": "Krabbelgruppe", "node_type": "offer", "sector": "youth_welfare",
        "life_phases": ["u3"], "form": None, "aliases": ["Krabbelkreis", "Krabbeltreff"],
        "core": None, "town_wide": False, "note": "seit 2020", "extra": {"Quelle": "AG 78"}}
    assert doc["categories"][1]["town_wide"] is True
    back = read_json(path)
    assert back.categories.custom == netmap.categories.custom
    assert back.category_extra == netmap.category_extra
    assert back.classify("KR2").label == "Krabbelgruppe"
    assert_maps_equal(netmap, back)


def test_json_without_categories_still_reads(small_map: NetworkMap, tmp_path: Path) -> None:
    path = write_json(small_map, tmp_path / "alt.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["categories"] == []
    del doc["categories"]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    back = read_json(path)
    assert back.categories.custom == ()
    assert_maps_equal(small_map, back)


def test_bad_json_categories_are_all_reported(small_map: NetworkMap, tmp_path: Path) -> None:
    from netzkarte import ValidationError

    path = write_json(small_map, tmp_path / "k.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["categories"] = [
        {"label": "A", "node_type": "committee", "sector": "social"},
        {"label": "B", "node_type": "offer", "sector": "irgendwas"},
        {"label": "C", "node_type": "offer", "sector": "social", "town_wide": "ja"},
        {"label": "c", "node_type": "offer", "sector": "social"},
    ]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_json(path)
    found = [(i.code, i.column) for i in caught.value.report.issues]
    assert found == [("unknown-value", "Knotentyp"), ("unknown-value", "Sektor"),
                     ("bad-bool", "Wirkungskreis"), ("duplicate-category", "Kategorie")]
    assert all(i.sheet == "Kategorien" for i in caught.value.report.issues)


def test_graphml_carries_the_definitions_gexf_their_effect(own_sheets: dict[str, Rows],
                                                           tmp_path: Path) -> None:
    netmap, _ = build_map(own_sheets)
    graph = nx.read_graphml(write_graphml(netmap, tmp_path / "k.graphml"))
    records = json.loads(graph.graph["categories"])
    assert [r["label"] for r in records] == ["Krabbelgruppe", "Stadtteilmütter", "Kita"]
    assert records[1]["town_wide"] is True
    gexf = nx.read_gexf(write_gexf(netmap, tmp_path / "k.gexf"))
    assert "categories" not in gexf.graph
    assert gexf.nodes["KR2"]["life_phases"] == "0–3 Jahre"
    plain = nx.read_graphml(write_graphml(NetworkMap(), tmp_path / "leer.graphml"))
    assert "categories" not in plain.graph


def test_copy_and_subgraph_keep_the_categories(own_sheets: dict[str, Rows]) -> None:
    netmap, _ = build_map(own_sheets)
    part = netmap.subgraph(["KR", "TR"])
    assert part.categories.custom == netmap.categories.custom
    copied = netmap.copy()
    copied.category_extra["Krabbelgruppe"]["note"] = "geändert"
    assert netmap.category_extra["Krabbelgruppe"]["note"] == "seit 2020"


def test_empty_template_has_the_sheet_and_validates(tmp_path: Path) -> None:
    path = write_template(tmp_path / "vorlage.xlsx")
    wb = load_workbook(path)
    names = wb.sheetnames
    assert names.index("Kategorien") == names.index("Sozialräume") + 1
    assert names[-1] == "Listen" and wb["Kategorien"].max_row == 1
    netmap, report = validate_excel(path)
    assert netmap is not None and report.ok
    assert netmap.categories.custom == ()
    assert not [i for i in report.issues if i.sheet == "Kategorien"]


# --- category warnings -------------------------------------------------------------------


def test_unknown_category_points_to_the_sheet(sheets: dict[str, Rows]) -> None:
    sheets["Angebote"].append({"ID": "ZK", "Name": "Zappeln", "Kategorie": "Zappelkreis"})
    sheets["Akteure"].append({"ID": "X1", "Name": "Regenbogen", "Kategorie": "Kitta"})
    _, report = build_map(sheets)
    found = issues(report, "unknown-category")
    assert [(i.sheet, i.row, i.column, i.value) for i in found] == [
        ("Akteure", 6, "Kategorie", "Kitta"), ("Angebote", 3, "Kategorie", "Zappelkreis")]
    for issue in found:
        assert "Blatt „Kategorien“" in issue.message and "keiner Auswertung" in issue.message
        assert_german_fix(issue.message)
    assert "meinten Sie „Kita“?" in found[0].message


def test_own_categories_differ_per_map(own_sheets: dict[str, Rows]) -> None:
    row = {"Kategorie": "Zappelkreis", "Knotentyp": "Angebot", "Sektor": "Soziales"}
    own_sheets["Kategorien"].append(row)
    own_sheets["Angebote"].append({"ID": "ZK", "Name": "Zappeln", "Kategorie": "Zappelkreis"})
    _, with_sheet = build_map(own_sheets)
    plain = base_sheets()
    plain["Angebote"].append({"ID": "ZK", "Name": "Zappeln", "Kategorie": "Zappelkreis"})
    _, without = build_map(plain)
    assert not issues(with_sheet, "unknown-category")
    assert len(issues(without, "unknown-category")) == 1
    # and a near miss suggests the own category
    own_sheets["Angebote"].append({"ID": "ZK2", "Name": "Z", "Kategorie": "Zapelkreis"})
    _, near = build_map(own_sheets)
    assert "meinten Sie „Zappelkreis“?" in only(near, "unknown-category").message


def test_category_of_another_sheet(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"ID": "X1", "Name": "X", "Kategorie": "Jugendamt"})
    _, report = build_map(sheets)
    issue = only(report, "unknown-category")
    assert "gehört zu Ämter, nicht zu Akteure" in issue.message


def test_empty_category_told_by_the_name(sheets: dict[str, Rows]) -> None:
    sheets["Ämter"].append({"ID": "GA", "Name": "Gesundheitsamt"})
    netmap, report = build_map(sheets)
    issue = only(report, "guessed-category")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.value) == (
        "warning", "Ämter", 5, "Kategorie", None)
    assert "aus dem Namen" in issue.message and "„Gesundheitsamt“" in issue.message
    assert netmap.classify("GA").label == "Gesundheitsamt"


def _guess(text: str) -> Recognition | None:
    infos = {"Städtische Gesamtschule": (Method.WORD_PART, "Gesamtschule"),
             "Beratungsstelle": (Method.AMBIGUOUS, None)}
    if text not in infos:
        return None
    method, label = infos[text]
    if method is Method.AMBIGUOUS:
        return Recognition(None, method, text, candidates=("Erziehungsberatungsstelle",
                                                           "Schwangerschaftsberatung"))
    return Recognition(category_info(label), method, text, clue=label)


def test_word_part_and_ambiguous_categories_warn(sheets: dict[str, Rows],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    original = CategoryCatalogue.recognize

    def recognize(self: CategoryCatalogue, category: object, **kw: Any) -> Recognition:
        return _guess(str(category)) or original(self, category, **kw)

    monkeypatch.setattr(CategoryCatalogue, "recognize", recognize)
    sheets["Akteure"] += [
        {"ID": "S1", "Name": "Schule am Wall", "Kategorie": "Städtische Gesamtschule"},
        {"ID": "B1", "Name": "Beratung Nord", "Kategorie": "Beratungsstelle"},
    ]
    netmap, report = build_map(sheets)
    guessed = only(report, "guessed-category")
    assert (guessed.sheet, guessed.row, guessed.column, guessed.value) == (
        "Akteure", 6, "Kategorie", "Städtische Gesamtschule")
    assert "„Gesamtschule“" in guessed.message
    ambiguous = only(report, "ambiguous-category")
    assert (ambiguous.sheet, ambiguous.row, ambiguous.column) == ("Akteure", 7, "Kategorie")
    assert "„Erziehungsberatungsstelle“ oder „Schwangerschaftsberatung“" in ambiguous.message
    assert "keiner Auswertung" in ambiguous.message
    assert_german_fix(ambiguous.message)
    assert netmap.node("S1")["sector"] is Sector.EDUCATION  # the guess gives the defaults
    assert "sector" not in netmap.node("B1")  # ambiguous: no defaults


def test_category_warning_depends_on_the_catalogue() -> None:
    rec = Recognition(None, Method.UNKNOWN, "Zapelkreis")
    own = CategoryCatalogue([CategoryInfo("Zappelkreis", NodeType.OFFER, Sector.SOCIAL, (),
                                          custom=True)])
    plain = build._category_warning(BUILTIN, rec, NodeType.OFFER)
    mine = build._category_warning(own, rec, NodeType.OFFER)
    assert plain is not None and mine is not None
    assert "Zappelkreis“?" not in plain[1] and "meinten Sie „Zappelkreis“?" in mine[1]
    assert build._category_warning(BUILTIN, Recognition(category_info("Kita"), Method.EXACT,
                                                        "Kita"), NodeType.ACTOR) is None


# --- contradictions ------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "column", "words"), [
    ({"Ebene": "Sozialraum"}, "Sozialraum", ("keinem Sozialraum",)),
    ({"Ebene": "Kreis", "Sozialraum": "Nord"}, "Ebene", ("Adresse", "kreisweit")),
    ({"Ebene": "Land", "Sozialraum": "Nord"}, "Ebene", ("Adresse", "landesweit")),
])
def test_contradicting_rows_warn(sheets: dict[str, Rows], row: dict[str, str], column: str,
                                 words: tuple[str, ...]) -> None:
    sheets["Akteure"].append({"ID": "X1", "Name": "Kita Regenbogen", "Kategorie": "Kita",
                              **row})
    netmap, report = build_map(sheets)
    issue = only(report, "contradiction")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == (
        "warning", "Akteure", 6, column)
    assert all(w in issue.message for w in words), issue.message
    assert "netzkarte" in issue.message  # says what is assumed
    assert_german_fix(issue.message)
    assert netmap.node("X1").get("district") == row.get("Sozialraum")  # kept as given


def test_town_wide_category_on_district_level(own_sheets: dict[str, Rows]) -> None:
    own_sheets["Akteure"].append({"ID": "SM2", "Name": "Stadtteilmütter Nord",
                                  "Kategorie": "Stadtteilmütter", "Ebene": "Sozialraum",
                                  "Sozialraum": "Nord"})
    own_sheets["Akteure"].append({"ID": "SM3", "Name": "Stadtteilmütter Süd",
                                  "Kategorie": "Stadtteilmütter", "Ebene": "Sozialraum"})
    _, report = build_map(own_sheets)
    found = issues(report, "contradiction")
    assert [(i.row, i.column, i.value) for i in found] == [(7, "Ebene", "Sozialraum"),
                                                          (8, "Ebene", "Sozialraum")]
    assert "für alle Sozialräume" in found[0].message and "Adresse" in found[0].message
    assert "Wirkungskreis" in found[0].message


def test_committee_on_district_level_without_district(sheets: dict[str, Rows]) -> None:
    sheets["Gremien"][1]["Ebene"] = "Sozialraum"  # has Sozialraum Nord: fine
    sheets["Gremien"].append({"ID": "G3", "Name": "Stadtteilrunde", "Ebene": "Sozialraum"})
    _, report = build_map(sheets)
    issue = only(report, "contradiction")
    assert (issue.sheet, issue.row, issue.column) == ("Gremien", 4, "Sozialraum")


def test_built_in_town_wide_category_on_district_level(sheets: dict[str, Rows]) -> None:
    info = category_info("Jobcenter")
    assert info is not None and info.town_wide
    sheets["Ämter"][2]["Ebene"] = "Sozialraum"  # JC, the Jobcenter
    _, report = build_map(sheets)
    issue = only(report, "contradiction")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Ämter", 4, "Ebene",
                                                                   "Sozialraum")
    assert "„Jobcenter“" in issue.message and "für alle Sozialräume" in issue.message


def test_normal_rows_do_not_warn(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"][1]["Ebene"] = "Kommune"  # a municipal Kita in Nord: normal
    sheets["Akteure"][2]["Ebene"] = "Sozialraum"  # with its Sozialraum
    sheets["Ämter"][0]["Ebene"] = "Kreis"
    sheets["Ämter"][2]["Ebene"] = "Kommune"
    # a town-wide category at Kreis level: its Sozialraum is just the address
    assert category_info("Agentur für Arbeit").town_wide  # type: ignore[union-attr]
    sheets["Akteure"].append({"ID": "AA", "Name": "Agentur für Arbeit Testheim",
                              "Kategorie": "Agentur für Arbeit", "Ebene": "Kreis",
                              "Sozialraum": "Nord"})
    _, report = build_map(sheets)
    assert report.issues == []
