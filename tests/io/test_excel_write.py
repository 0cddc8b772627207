"""write_excel: a map written in template format, read back cell by cell and by the importer."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from netzkarte import MapMeta, NetworkMap
from netzkarte.io.excel import read_excel
from netzkarte.io.template import write_excel


def rows(wb: Workbook, sheet: str) -> list[tuple[Any, ...]]:
    return list(wb[sheet].iter_rows(values_only=True))


def rich_map() -> NetworkMap:
    """Extras, multi-values, dates, two belongs_to of one person, raw unknown enum text."""
    m = NetworkMap(meta=MapMeta(
        municipality="Kindertal", county="Kreis Beispiel", title="Netzwerkkarte Kindertal",
        snapshot=date(2024, 5, 31), mission="Kein Kind zurücklassen",
        goals=("Übergänge stärken", "Parallelstrukturen abbauen")))
    m.add_node("TR1", "actor", name="Familienhilfe e. V.", category="Freier Träger")
    m.add_node("TR2", "actor", name="Caritas", category="Wohlfahrtsverband")
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    m.add_node("P1", "actor", name="Frau Berg", form="Person", roles=["Lotse", "Fachpromotor"],
               life_phases=["3–6 Jahre (Kita)", "0–3 Jahre"], contact="0123 456", lat=51.45,
               lon=7.2, extra={"Träger-Nr": 17, "Notiz intern": "=1+1"})
    m.add_node("K1", "actor", name="Stadtteilbüro", category="Stadtteilbüro",
               extra={"Form": "Verbund", "Eröffnet": "2010"})
    m.add_node("G1", "committee", name="AK Frühe Hilfen", topics=("Frühe Hilfen", "Geburt"),
               meetings_per_year=4.5, note="tagt\x07 im Rathaus")
    m.add_node("O1", "offer", name="Babybesuch", category="Babybesuchsdienst", capacity=120,
               status="laufend")
    m.add_edge("P1", "TR1", "belongs_to")
    m.add_edge("P1", "TR2", "belongs_to")
    m.add_edge("K1", "TR1", "belongs_to", note="seit Trägerwechsel")
    m.add_edge("P1", "G1", "member", function="Vorsitz", since=date(2019, 3, 1),
               extra={"Vertretung": "Herr Ost"})
    m.add_edge("JA", "O1", "provides")
    m.add_edge("TR1", "O1", "provides")
    m.add_edge("TR1", "JA", "cooperation", strength=4, formal=False, since=date(2020, 1, 15),
               reported_by="JA", extra={"Quelle": "Befragung 2024"})
    m.extra_columns = {"Akteure": ["Notiz intern", "Träger-Nr"], "Beziehungen": ["Quelle"]}
    m.set_districts(pd.DataFrame(
        {"municipality": ["Kindertal", "Kindertal"], "population": [12500.0, 8000.0],
         "children": [2100.0, 1500.0], "SGB-II-Quote Kinder": [18.5, 9.25]},
        index=pd.Index(["Nord", "Süd"], name="district")))
    return m


@pytest.fixture
def rich(tmp_path: Path) -> Workbook:
    return load_workbook(write_excel(rich_map(), tmp_path / "karte.xlsx"))


# --- the small map, cell by cell ---------------------------------------------------------


def test_small_map_nodes_are_written_with_german_labels(small_map: NetworkMap,
                                                        tmp_path: Path) -> None:
    wb = load_workbook(write_excel(small_map, tmp_path / "k.xlsx"))
    akteure = rows(wb, "Akteure")
    assert len(akteure) == 5
    # what the category's defaults fill in (Sektor, Lebensphasen, Form) stays empty, as
    # in the map it came from; reading the file fills it in again
    assert akteure[1] == ("KOORD", "Frau Kurz", "Person", "Person", None, None,
                          None, None, None, "Netzwerkkoordination; Fachpromotor", "Stabsstelle",
                          "JA", None, None, None, None)
    assert akteure[2][:12] == ("KITA1", "Kita Sonnenschein", None, "Kita", None, None, None,
                               "Nord", None, None, None, "TR")
    assert rows(wb, "Ämter")[1] == ("BM", "Bürgermeisterin", "Verwaltungsspitze", None, None,
                                    None, "Machtpromotor", "Verwaltungsspitze", None, None, None)
    assert rows(wb, "Gremien")[1:] == [
        ("SG", "Steuerungsgruppe", "Steuerungsgruppe", "a – gesamtkommunale Leitung", None,
         None, None, None, None, None, None, None, "ja", None, None),
        ("SRK", "Sozialraumkonferenz Nord", "Sozialraumkonferenz",
         "c – operative Steuerung im Sozialraum", None, None, "Nord", None, None, None, None,
         "SG", None, None, None)]
    assert rows(wb, "Angebote")[1] == ("CAFE", "Elterncafé Nord", "TR", "Elterncafé", None,
                                       None, None, None, "Nord", "KITA1", "ja", None, None,
                                       None, None, None)
    assert wb["Anleitung"]["A3"].value == "Kommune"
    assert wb["Anleitung"]["B3"].value == "Testheim"


def test_small_map_edges_go_to_columns_memberships_and_relations(small_map: NetworkMap,
                                                                 tmp_path: Path) -> None:
    wb = load_workbook(write_excel(small_map, tmp_path / "k.xlsx"))
    assert rows(wb, "Mitgliedschaften")[1:] == [
        ("BM", "SG", "Vorsitz", None, None), ("JA", "SG", "Mitglied", None, None),
        ("JC", "SG", "Mitglied", None, None), ("KOORD", "SG", "Koordination", None, None),
        ("KOORD", "SRK", "Koordination", None, None), ("KITA1", "SRK", "Mitglied", None, None),
        ("GS1", "SRK", "Mitglied", None, None)]
    # belongs_to, provides and reports_to sit in Organisation / Anbieter / Berichtet an
    assert rows(wb, "Beziehungen")[1:] == [
        ("JA", "CAFE", "Finanzierung", None, None, None, None, None),
        ("JA", "TR", "Kontrakt", None, None, None, None, None),
        ("KITA1", "GS1", "Kooperation", "3 Koordination", "ja", None, None, None),
        ("KITA1", "CAFE", "Vermittlung", None, None, None, None, None)]


# --- the rich map ------------------------------------------------------------------------


def test_extra_columns_follow_the_known_ones_in_declared_order(rich: Workbook) -> None:
    header = rows(rich, "Akteure")[0]
    assert header[16:] == ("Notiz intern", "Träger-Nr", "Eröffnet")  # undeclared one last
    assert "Form" not in header[16:]
    p1 = dict(zip(header, rows(rich, "Akteure")[3], strict=True))
    assert (p1["Träger-Nr"], p1["Notiz intern"], p1["Eröffnet"]) == (17, "=1+1", None)
    cell = rich["Akteure"].cell(4, 17)
    assert cell.value == "=1+1" and cell.data_type == "s"  # text, never a formula
    extra_header = rich["Akteure"].cell(1, 17)
    assert extra_header.font.b and extra_header.fill.fgColor.rgb.endswith("EDEDED")
    covered = {str(dv.sqref) for dv in rich["Akteure"].data_validations.dataValidation}
    assert not any(ref.startswith(("Q", "R", "S")) for ref in covered)
    assert rows(rich, "Mitgliedschaften") == [
        ("Mitglied", "Gremium", "Funktion", "Seit", "Bemerkung", "Vertretung"),
        ("P1", "G1", "Vorsitz", datetime(2019, 3, 1), None, "Herr Ost")]


def test_raw_unknown_enum_text_goes_back_into_its_column(rich: Workbook) -> None:
    header = rows(rich, "Akteure")[0]
    k1 = dict(zip(header, rows(rich, "Akteure")[4], strict=True))
    assert k1["Form"] == "Verbund"
    assert k1["Kategorie"] == "Stadtteilbüro" and k1["Eröffnet"] == "2010"


def test_values_multi_dates_numbers_and_cleaned_text(rich: Workbook) -> None:
    p1 = rows(rich, "Akteure")[3]
    assert p1[:5] == ("P1", "Frau Berg", "Person", None, None)
    assert p1[8:11] == ("0–3 Jahre; 3–6 Jahre (Kita)", "Lotse; Fachpromotor", None)
    assert p1[12:15] == (51.45, 7.2, "0123 456")
    g1 = rows(rich, "Gremien")[1]
    assert g1[7] == "Frühe Hilfen; Geburt" and g1[9] == 4.5
    # a control character is written as Excel stores it, neither a crash nor a silent drop
    assert g1[14] == "tagt_x0007_ im Rathaus"
    o1 = rows(rich, "Angebote")[1]
    assert (o1[11], o1[12]) == ("laufend", 120)
    since = rich["Mitgliedschaften"]["D2"]
    assert since.is_date and since.number_format == "DD.MM.YYYY"


def test_several_edges_of_one_column_kind(rich: Workbook) -> None:
    akteure = {r[0]: r for r in rows(rich, "Akteure")[1:]}
    assert akteure["P1"][11] == "TR1"  # first belongs_to in the column
    assert akteure["K1"][11] is None  # its belongs_to has a note: kept in Beziehungen
    assert rows(rich, "Angebote")[1][2] == "JA"  # the offer's first provider
    assert rows(rich, "Beziehungen") == [
        ("Von", "Zu", "Art", "Stärke", "Formal", "Seit", "Bemerkung", "Gemeldet von",
         "Quelle"),
        ("TR1", "O1", "Trägerschaft", None, None, None, None, None, None),
        ("TR1", "JA", "Kooperation", "4 Integration", "nein", datetime(2020, 1, 15), None,
         "JA", "Befragung 2024"),
        ("P1", "TR2", "gehört zu", None, None, None, None, None, None),
        ("K1", "TR1", "gehört zu", None, None, None, "seit Trägerwechsel", None, None)]


def test_metadata_block_and_districts(rich: Workbook) -> None:
    guide = rich["Anleitung"]
    assert [(guide.cell(r, 1).value, guide.cell(r, 2).value) for r in range(3, 9)] == [
        ("Kommune", "Kindertal"), ("Kreis", "Kreis Beispiel"),
        ("Titel", "Netzwerkkarte Kindertal"), ("Stand", datetime(2024, 5, 31)),
        ("Leitbild", "Kein Kind zurücklassen"),
        ("Strategische Ziele", "Übergänge stärken; Parallelstrukturen abbauen")]
    assert guide["B6"].number_format == "DD.MM.YYYY"
    assert guide["A1"].value == "Netzwerkkarte Kindertal – Anleitung"
    assert rows(rich, "Sozialräume") == [
        ("Sozialraum", "Kommune", "Einwohner", "Kinder unter 18", "SGB-II-Quote Kinder"),
        ("Nord", "Kindertal", 12500, 2100, 18.5), ("Süd", "Kindertal", 8000, 1500, 9.25)]
    assert isinstance(rich["Sozialräume"]["C2"].value, int)


def test_filled_workbook_keeps_dropdowns_beyond_the_data(tmp_path: Path) -> None:
    m = NetworkMap()
    for i in range(5):
        m.add_node(f"A{i}", "actor", name=f"Akteur {i}")
    wb = load_workbook(write_excel(m, tmp_path / "k.xlsx", validation_rows=3))
    refs = {str(dv.sqref): dv for dv in wb["Akteure"].data_validations.dataValidation}
    assert refs["E2:E6"].formula1 == "Listen!$B$2:$B$12"  # Sektor, down to the last row
    assert wb["Akteure"].auto_filter.ref == "A1:P6"
    assert wb["Akteure"].freeze_panes == "A2"


def test_write_is_atomic_and_returns_the_path(small_map: NetworkMap, tmp_path: Path) -> None:
    target = tmp_path / "neu" / "karte.xlsx"
    assert write_excel(small_map, str(target)) == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["karte.xlsx"]


# --- round trip with the importer ----------------------------------------------------------


def edge_multiset(m: NetworkMap) -> Counter[tuple[str, str, str, str]]:
    return Counter((u, v, d["kind"].value, repr(sorted(d.items())))
                   for u, v, d in m.graph.edges(data=True))


def assert_same_map(a: NetworkMap, b: NetworkMap) -> None:
    for node_type in ("actor", "office", "committee", "offer"):
        assert a.node_ids(node_type) == b.node_ids(node_type)
    for node in a.graph:
        assert dict(a.graph.nodes[node]) == dict(b.graph.nodes[node]), node
    assert edge_multiset(a) == edge_multiset(b)
    pd.testing.assert_frame_equal(a.districts, b.districts, check_dtype=False,
                                  check_index_type=False, check_column_type=False)
    assert {**a.meta.__dict__, "source": None} == {**b.meta.__dict__, "source": None}
    assert {k: v for k, v in a.extra_columns.items() if v} == {
        k: v for k, v in b.extra_columns.items() if v}


def test_round_trip_small_map(small_map: NetworkMap, tmp_path: Path) -> None:
    back = read_excel(write_excel(small_map, tmp_path / "k.xlsx"))
    assert_same_map(small_map, back)


def test_round_trip_rich_map(tmp_path: Path) -> None:
    original = rich_map()
    back = read_excel(write_excel(original, tmp_path / "k.xlsx"))
    original.graph.nodes["G1"]["note"] = "tagt im Rathaus"  # control character: a warning
    original.extra_columns["Akteure"].append("Eröffnet")
    original.extra_columns["Mitgliedschaften"] = ["Vertretung"]
    assert back.node("K1")["extra"] == {"Form": "Verbund", "Eröffnet": "2010"}
    assert_same_map(original, back)
    assert back.organisation("P1") == "TR1"  # first of two belongs_to stays first
    assert [u for u, _ in back.graph.in_edges("O1")] == ["JA", "TR1"]


def test_round_trip_of_a_read_map_is_stable(tmp_path: Path) -> None:
    m = rich_map()
    m.graph.nodes["K1"]["extra"]["Eröffnet"] = date(2010, 8, 1)  # dates in extra columns
    once = read_excel(write_excel(m, tmp_path / "1.xlsx"))
    twice = read_excel(write_excel(once, tmp_path / "2.xlsx"))
    assert_same_map(once, twice)
    assert (tmp_path / "1.xlsx").read_bytes() != b""
