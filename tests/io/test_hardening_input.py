"""Hardening of the importer, part 2: what slipped through before.

Invisible differences in IDs, headers with a unit or hint, cycles and numbers out of range,
missing markers in reference columns, control characters, the raw text of unreadable edge
cells. Each case ends in a German issue with its place, or in nothing at all where the
input means what it says.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from xlsx_helpers import (
    Rows,
    as_rows,
    assert_german_fix,
    base_sheets,
    codes,
    edge,
    only,
    write_base,
    write_workbook,
)

from netzkarte import NetworkMap, cli, schema
from netzkarte.errors import ValidationError
from netzkarte.io import columns, json_format
from netzkarte.io.build import build_map
from netzkarte.io.columns import ColumnReader
from netzkarte.io.excel import validate_excel
from netzkarte.io.exchange import load, write_gexf, write_graphml
from netzkarte.io.issues import IssueLog
from netzkarte.io.json_format import check_map, read_json, write_json
from netzkarte.io.template import write_excel

# --- unreadable raw text of edge cells --------------------------------------------------


def test_edge_sheets_keep_unreadable_text_without_an_override() -> None:
    # the edge sheets merge what convert kept into the edge's extra themselves
    assert "edge" not in vars(ColumnReader)
    assert not hasattr(ColumnReader(IssueLog("x")), "_edge_extra")


def test_unreadable_edge_cells_and_extra_columns_together(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"][0].update({"Formal": "mündlich", "Seit": "irgendwann",
                                     "Quelle": "Interview"})
    sheets["Mitgliedschaften"][0].update({"Seit": "nach Absprache"})
    netmap, report = build_map(sheets)
    assert report.ok
    assert edge(netmap, "K1", "GS1")["extra"] == {"Formal": "mündlich", "Seit": "irgendwann",
                                                  "Quelle": "Interview"}
    assert edge(netmap, "JA", "SG")["extra"] == {"Seit": "nach Absprache"}



# --- invisible differences in IDs -------------------------------------------------------

INVISIBLE = [("K\u00a01", "K 1", "geschütztes Leerzeichen (U+00A0)"),
             ("K\u200b1", "K1", "Leerzeichen ohne Breite (U+200B)"),
             ("\ufeffK1", "K1", "Byte-Order-Mark (BOM) (U+FEFF)"),
             ("K1\u200d", "K1", "Verbinder ohne Breite (U+200D)"),
             ("K\u202f1", "K 1", "schmales geschütztes Leerzeichen (U+202F)"),
             ("Cafe\u0301", "Café", "Unicode NFD")]


@pytest.mark.parametrize(("typed", "clean", "named"), INVISIBLE)
def test_an_id_with_invisible_characters_is_one_node_with_a_warning(
        sheets: dict[str, Rows], typed: str, clean: str, named: str) -> None:
    sheets["Akteure"][1]["ID"] = typed  # the Kita
    plain = clean  # everyone else types the ID plainly
    for row in sheets["Mitgliedschaften"]:
        if row["Mitglied"] == "K1":
            row["Mitglied"] = plain
    sheets["Beziehungen"][0]["Von"] = plain
    sheets["Angebote"][0]["Ort"] = plain
    netmap, report = build_map(sheets)
    assert report.ok, [str(i) for i in report.issues]
    issue = only(report, "normalised-id")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("warning", "Akteure", 3,
                                                                      "ID")
    assert named in issue.message and f"Gelesen wird die ID „{clean}“" in issue.message
    assert_german_fix(issue.message)
    assert clean in netmap.graph and typed not in netmap.graph
    assert netmap.graph.has_edge(clean, "SRK") and netmap.graph.has_edge(clean, "GS1")
    assert netmap.node("CAFE")["venue"] == clean


@pytest.mark.parametrize(("typed", "clean", "named"), INVISIBLE)
def test_a_reference_with_invisible_characters_finds_its_id(
        sheets: dict[str, Rows], typed: str, clean: str, named: str) -> None:
    sheets["Akteure"][1]["ID"] = clean
    for row in sheets["Mitgliedschaften"]:
        if row["Mitglied"] == "K1":
            row["Mitglied"] = clean
    sheets["Angebote"][0]["Ort"] = clean
    sheets["Beziehungen"][0]["Von"] = typed  # copied from an e-mail
    netmap, report = build_map(sheets)
    assert report.ok, [str(i) for i in report.issues]
    issue = only(report, "normalised-id")
    assert (issue.sheet, issue.row, issue.column) == ("Beziehungen", 2, "Von")
    assert named in issue.message and f"Gelesen als ID „{clean}“" in issue.message
    assert "unknown-reference" not in codes(report)
    assert netmap.graph.has_edge(clean, "GS1")


def test_an_id_of_invisible_characters_only_is_an_empty_id(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"ID": "\u200b\ufeff", "Name": "Neue Kita",
                               "Kategorie": "Kita"})
    netmap, report = build_map(sheets)
    assert report.ok
    assert {i.code for i in report.issues} == {"normalised-id", "generated-id"}
    assert "A-auto-6" in netmap.graph


def test_ids_that_differ_only_in_case_are_an_error(sheets: dict[str, Rows]) -> None:
    sheets["Akteure"].append({"ID": "k1", "Name": "Kita Regenbogen"})  # row 6; K1 is row 3
    netmap, report = build_map(sheets)
    issue = only(report, "ambiguous-id")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.value) == (
        "error", "Akteure", 6, "ID", "k1")
    assert "„K1“ (Blatt „Akteure“, Zeile 3)" in issue.message
    assert "Groß- und Kleinschreibung" in issue.message
    assert_german_fix(issue.message)
    assert netmap.name("K1") == "Kita Sonnenschein" and "k1" not in netmap.graph


def test_ids_differing_in_case_across_sheets(sheets: dict[str, Rows]) -> None:
    sheets["Angebote"].append({"ID": "ja", "Name": "Jugendangebot"})
    _, report = build_map(sheets)
    assert "(Blatt „Ämter“, Zeile 3)" in only(report, "ambiguous-id").message


def test_a_reference_in_other_case_still_finds_its_id(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"][0]["Von"] = "k1"
    netmap, report = build_map(sheets)
    assert report.ok and report.issues == []
    assert netmap.graph.has_edge("K1", "GS1")


# --- missing markers in reference columns -----------------------------------------------

OPTIONAL_REFS = [("Akteure", 1, "Organisation"), ("Ämter", 1, "Übergeordnet"),
                 ("Gremien", 0, "Federführung"), ("Gremien", 1, "Berichtet an"),
                 ("Angebote", 0, "Anbieter"), ("Angebote", 0, "Ort"),
                 ("Beziehungen", 0, "Gemeldet von")]


@pytest.mark.parametrize("marker", ["k. A.", "–", "unbekannt", "?", "keine Angabe"])
@pytest.mark.parametrize(("sheet", "index", "header"), OPTIONAL_REFS)
def test_missing_marker_in_an_optional_reference_is_an_empty_cell(
        sheets: dict[str, Rows], sheet: str, index: int, header: str, marker: str) -> None:
    sheets[sheet][index][header] = marker
    netmap, report = build_map(sheets)
    assert report.ok and report.issues == [], [str(i) for i in report.issues]
    assert marker not in netmap.graph  # no node, no edge, nothing invented


@pytest.mark.parametrize(("sheet", "header"), [("Mitgliedschaften", "Mitglied"),
                                               ("Mitgliedschaften", "Gremium"),
                                               ("Beziehungen", "Von"), ("Beziehungen", "Zu")])
def test_missing_marker_in_a_required_reference_is_a_missing_value(
        sheets: dict[str, Rows], sheet: str, header: str) -> None:
    sheets[sheet][0][header] = "k. A."
    _, report = build_map(sheets)
    issue = only(report, "missing-value")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.value) == (
        "error", sheet, 2, header, "k. A.")
    assert f"„{header}“ enthält nur „k. A.“ (keine Angabe)" in issue.message
    assert_german_fix(issue.message)
    assert "unknown-reference" not in codes(report)


# --- plausibility: circles and numbers out of range -------------------------------------


def test_a_circle_in_berichtet_an_is_an_error_spelled_out(sheets: dict[str, Rows]) -> None:
    sheets["Gremien"] = [{"ID": "G-01", "Name": "Lenkungskreis", "Berichtet an": "G-02"},
                         {"ID": "G-02", "Name": "Netzwerk Frühe Hilfen", "Berichtet an": "G-03"},
                         {"ID": "G-03", "Name": "AK Übergänge", "Berichtet an": "G-01"}]
    sheets["Mitgliedschaften"] = [{"Mitglied": "JA", "Gremium": "G-01"}]
    _, report = build_map(sheets)
    issue = only(report, "reference-cycle")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("error", "Gremien", 2,
                                                                      "Berichtet an")
    assert "G-01 → G-02 → G-03 → G-01" in issue.message
    assert "Gremien, Zeile 4: G-03 → G-01" in issue.message
    assert_german_fix(issue.message)


def test_a_circle_in_uebergeordnet_and_one_through_beziehungen(sheets: dict[str, Rows]) -> None:
    sheets["Ämter"][0]["Übergeordnet"] = "JA"  # BM → JA → BM
    sheets["Beziehungen"].append({"Von": "SG", "Zu": "SRK", "Art": "berichtet an"})
    _, report = build_map(sheets)
    found = {i.sheet: i for i in report.issues if i.code == "reference-cycle"}
    assert set(found) == {"Ämter", "Gremien"}
    assert "BM → JA → BM" in found["Ämter"].message
    assert found["Ämter"].column == "Übergeordnet" and found["Ämter"].row == 2
    assert "SRK → SG → SRK" in found["Gremien"].message
    assert "Beziehungen, Zeile 4: SG → SRK" in found["Gremien"].message


def test_a_chain_without_a_circle_is_fine(sheets: dict[str, Rows]) -> None:
    sheets["Gremien"].append({"ID": "G3", "Name": "AK Kita", "Berichtet an": "SRK"})
    sheets["Ämter"].append({"ID": "ASD", "Name": "Sozialer Dienst", "Übergeordnet": "JA"})
    _, report = build_map(sheets)
    assert report.ok and "reference-cycle" not in codes(report)


NEGATIVE = [("Angebote", 0, "Kapazität", -5), ("Gremien", 0, "Sitzungen pro Jahr", "-4"),
            ("Sozialräume", 0, "Einwohner", -9800), ("Sozialräume", 0, "Kinder unter 18", "-1"),
            ("Angebote", 0, "Kapazität", 10**16), ("Sozialräume", 0, "Einwohner", 1e18),
            ("Sozialräume", 0, "SGB-II-Quote Kinder", 1e20),
            ("Gremien", 0, "Sitzungen pro Jahr", "ca. -3")]


@pytest.mark.parametrize(("sheet", "index", "header", "typed"), NEGATIVE)
def test_numbers_out_of_range_are_errors_as_in_the_json_reader(
        sheets: dict[str, Rows], tmp_path: Path, sheet: str, index: int, header: str,
        typed: object) -> None:
    sheets[sheet][index][header] = typed
    netmap, report = validate_excel(write_base(tmp_path / "k.xlsx", sheets))
    issue = only(report, "bad-number")
    assert netmap is None
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("error", sheet, 2, header)
    assert ("kann nicht negativ sein" in issue.message) == (str(typed).find("-") >= 0)
    assert_german_fix(issue.message)


def test_what_pruefen_accepts_export_writes(sheets: dict[str, Rows], tmp_path: Path) -> None:
    # the bounds of both readers are one table
    assert json_format.NUMBER_RANGE is columns.NUMBER_RANGE is schema.NUMBER_RANGE
    sheets["Angebote"][0]["Kapazität"] = 10**15  # the largest allowed count
    sheets["Gremien"][0]["Sitzungen pro Jahr"] = 0
    netmap, report = validate_excel(write_base(tmp_path / "k.xlsx", sheets))
    assert netmap is not None and report.ok
    assert check_map(netmap).ok


# --- headers with a unit or a hint ------------------------------------------------------

HINTED = [("Beziehungen", "Stärke", "Stärke (1–4)"), ("Akteure", "Organisation",
                                                     "Organisation (ID)"),
          ("Angebote", "Kapazität", "Kapazität\n(Plätze)"), ("Mitgliedschaften", "Seit",
                                                             "Seit [Datum]"),
          ("Angebote", "Ort", "Ort (ID der Einrichtung)"),
          ("Beziehungen", "Von", "Von\n(ID)")]


@pytest.mark.parametrize(("sheet", "header", "written"), HINTED)
def test_a_header_with_a_hint_maps_to_its_column(tmp_path: Path, sheets: dict[str, Rows],
                                                 sheet: str, header: str,
                                                 written: str) -> None:
    plain, _ = build_map(sheets)
    for row in sheets[sheet]:
        if header in row:
            row[written] = row.pop(header)
    netmap, report = validate_excel(write_base(tmp_path / "k.xlsx", sheets))
    assert netmap is not None, [str(i) for i in report.issues]
    issue = only(report, "guessed-header")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("warning", sheet, 1,
                                                                      written)
    assert f"als Spalte „{header}“ gelesen" in issue.message
    assert_german_fix(issue.message)
    assert codes(report) == ["guessed-header"]
    assert netmap.counts() == plain.counts()  # 11 edges stay 11
    assert sorted(map(str, netmap.graph.edges(data="strength"))) == \
        sorted(map(str, plain.graph.edges(data="strength")))
    assert netmap.node("CAFE")["capacity"] == 20


def test_an_unknown_header_stays_an_extra_column_with_a_warning(sheets: dict[str, Rows]) -> None:
    for row in sheets["Beziehungen"]:
        row["Staerke der Bez."] = row.pop("Stärke", None)
    netmap, report = build_map(sheets)
    issue = only(report, "unknown-column")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == (
        "warning", "Beziehungen", 1, "Staerke der Bez.")
    assert "meinten Sie „Stärke“?" in issue.message and "bleibt" not in issue.message
    assert "übernimmt sie unverändert als eigene Spalte" in issue.message
    assert_german_fix(issue.message)
    assert edge(netmap, "K1", "GS1")["extra"] == {"Staerke der Bez.": "3 Koordination"}


def test_a_hinted_header_next_to_the_real_one_stays_extra(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"][0]["Stärke (alt)"] = "2"
    netmap, report = build_map(sheets)
    assert codes(report) == ["unknown-column"]
    assert edge(netmap, "K1", "GS1")["strength"] == 3  # the real column wins
    assert edge(netmap, "K1", "GS1")["extra"] == {"Stärke (alt)": "2"}


def test_a_column_without_header_but_with_values(tmp_path: Path) -> None:
    rows = {name: as_rows(records) for name, records in base_sheets().items()}
    rows["Akteure"][0].append(None)
    rows["Akteure"][2].append("Notiz ohne Überschrift")
    netmap, report = validate_excel(write_workbook(tmp_path / "k.xlsx", rows))
    assert netmap is not None
    issue = only(report, "unknown-column")
    assert "keine Überschrift" in issue.message and issue.sheet == "Akteure"
    assert_german_fix(issue.message)


def test_district_indicators_are_no_unknown_columns(sheets: dict[str, Rows]) -> None:
    _, report = build_map(sheets)  # "SGB-II-Quote Kinder" is an indicator
    assert report.issues == []


# --- control characters -----------------------------------------------------------------


def _with_controls(tmp_path: Path) -> Path:
    """The base workbook with control characters as Excel stores them (``_x0007_``)."""
    sheets = base_sheets()
    sheets["Akteure"][1]["Name"] = "Kita_x0007_ Sonnenschein"
    sheets["Akteure"][1]["Bemerkung"] = "Leitung_x001B_[31m neu_x0085_"
    sheets["Akteure"][2]["Notiz_x0001_"] = "eigene_x0000_ Spalte"
    sheets["Gremien"][0]["Themen"] = "Frühe Hilfen;_x000B_Kinderschutz"
    sheets["Beziehungen"][0]["Von"] = "K1_x0002_"
    return write_base(tmp_path / "steuer.xlsx", sheets, {"Kommune": "Test_x0007_heim"})


def test_control_characters_are_removed_with_a_warning_per_cell(tmp_path: Path) -> None:
    netmap, report = validate_excel(_with_controls(tmp_path))
    assert netmap is not None and report.ok, [str(i) for i in report.errors]
    found = {(i.sheet, i.row, i.column): i for i in report.issues
             if i.code == "control-character"}
    assert set(found) == {("Akteure", 3, "Name"), ("Akteure", 3, "Bemerkung"),
                          ("Akteure", 1, "Notiz"), ("Akteure", 4, "Notiz"),
                          ("Gremien", 2, "Themen"), ("Beziehungen", 2, "Von"),
                          ("Anleitung", None, "Kommune")}
    name = found["Akteure", 3, "Name"]
    assert name.severity == "warning" and "Steuerzeichen (U+0007)" in name.message
    assert name.value == "Kita[U+0007] Sonnenschein"
    assert "übrig bleibt „Kita Sonnenschein“" in name.message
    assert_german_fix(name.message)
    assert "(U+001B)" in found["Akteure", 3, "Bemerkung"].message
    assert "(U+0085)" in found["Akteure", 3, "Bemerkung"].message
    assert netmap.name("K1") == "Kita Sonnenschein"
    assert netmap.node("K1")["note"] == "Leitung[31m neu"
    assert netmap.node("GS1")["extra"] == {"Notiz": "eigene Spalte"}
    assert netmap.node("SG")["topics"] == ("Frühe Hilfen", "Kinderschutz")
    assert netmap.graph.has_edge("K1", "GS1") and netmap.meta.municipality == "Testheim"


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".xlsx", ".json"])
def test_every_export_of_such_a_workbook_is_readable(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     suffix: str) -> None:
    source = _with_controls(tmp_path)
    assert cli.main(["pruefen", str(source)]) == 0
    target = tmp_path / f"aus{suffix}"
    assert cli.main(["export", str(source), "-o", str(target)]) == 0
    capsys.readouterr()
    if suffix == ".graphml":
        back = nx.read_graphml(target)
    elif suffix == ".gexf":
        back = nx.read_gexf(target)
    else:
        back = load(target).graph
    assert back.nodes["K1"]["name"] == "Kita Sonnenschein"


def test_a_map_from_python_with_control_characters_stays_writable(tmp_path: Path) -> None:
    m = NetworkMap()
    m.add_node("A\x01", "actor", name="Kita\x07Nord", note="a\x00b", extra={"X\x02": "y\x03"})
    m.add_node("B", "actor", name="Hort\x85")
    m.add_edge("A\x01", "B", "cooperation", note="n\x04")
    graphml = nx.read_graphml(write_graphml(m, tmp_path / "k.graphml"))
    assert graphml.nodes["A\u2401"]["name"] == "Kita\u2407Nord"  # visible: ␁ and ␇
    assert graphml.nodes["A\u2401"]["extra_X\u2402"] == "y\u2403"
    assert graphml.nodes["B"]["name"] == "Hort\x85"  # legal in XML 1.0: kept
    gexf = nx.read_gexf(write_gexf(m, tmp_path / "k.gexf"))
    assert gexf.nodes["A\u2401"]["label"] == "Kita\u2407Nord"
    # the workbook keeps them as Excel does (_x0007_); reading it back names each one
    back, report = validate_excel(write_excel(m, tmp_path / "k.xlsx"))
    assert back is not None and back.name("A") == "KitaNord"
    found = {(i.sheet, i.row, i.column) for i in report.issues if i.code == "control-character"}
    assert found == {("Akteure", 1, "X"), ("Akteure", 2, "ID"), ("Akteure", 2, "Name"),
                     ("Akteure", 2, "Bemerkung"), ("Akteure", 2, "X"), ("Akteure", 3, "Name"),
                     ("Beziehungen", 2, "Von"), ("Beziehungen", 2, "Bemerkung")}


def test_a_circle_is_refused_by_the_json_reader_and_before_an_export(
        small_map: NetworkMap, tmp_path: Path) -> None:
    m = NetworkMap()
    m.add_node("AMT-1", "office", name="Dezernat")
    m.add_node("AMT-2", "office", name="Jugendamt")
    m.add_edge("AMT-1", "AMT-2", "belongs_to")
    assert check_map(m).ok
    m.add_edge("AMT-2", "AMT-1", "belongs_to")
    (issue,) = check_map(m).errors
    assert issue.code == "reference-cycle" and issue.sheet == "Ämter"
    assert "AMT-1 → AMT-2 → AMT-1" in issue.message and "edges[0]" in issue.message
    path = write_json(m, tmp_path / "kreis.json")
    with pytest.raises(ValidationError) as caught:
        read_json(path)
    assert [i.code for i in caught.value.report.errors] == ["reference-cycle"]
    assert check_map(small_map).ok  # a map without a circle passes


def test_half_a_character_pair_in_json_is_a_clear_error(small_map: NetworkMap, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    text = write_json(small_map, tmp_path / "k.json").read_text(encoding="utf-8")
    first = json.loads(text)["nodes"][0]["name"]
    broken = tmp_path / "kaputt.json"
    broken.write_text(text.replace(json.dumps(first, ensure_ascii=False)[:-1],
                                   json.dumps(first, ensure_ascii=False)[:-1] + "\\ud800", 1),
                      encoding="utf-8")
    target = tmp_path / "aus.json"
    target.write_text("vorher", encoding="utf-8")
    assert cli.main(["export", str(broken), "-o", str(target)]) == 1  # not 3: no crash
    err = capsys.readouterr().err
    assert "nodes[0].name: Der Text enthält ein halbes Unicode-Zeichenpaar" in err
    assert target.read_text(encoding="utf-8") == "vorher"
    emoji = tmp_path / "emoji.json"  # a whole pair is a character like any other
    emoji.write_text(text.replace(json.dumps(first, ensure_ascii=False)[:-1],
                                  json.dumps(first, ensure_ascii=False)[:-1] + "\\ud83d\\ude00",
                                  1), encoding="utf-8")
    assert read_json(emoji).name(json.loads(text)["nodes"][0]["id"]) == first + "\U0001f600"
