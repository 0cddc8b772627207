"""Reading real .xlsx files written by openpyxl: tables, metadata, typed values, reports."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path

import pytest
from xlsx_helpers import as_rows, base_sheets, edge, write_base, write_workbook

from netzkarte import ValidationError
from netzkarte.io.excel import read_excel, read_tables, validate_excel
from netzkarte.vocab import EdgeKind, LifePhase, Sector, Strength

META = {"Kommune": "Testheim", "Kreis": "Musterkreis", "Titel": "Präventionskette Testheim",
        "Stand": datetime(2024, 6, 1), "Leitbild": "Kein Kind zurücklassen",
        "Strategische Ziele": "Übergänge sichern; Eltern stärken"}


def test_read_tables_keeps_raw_cells_and_row_positions(tmp_path: Path) -> None:
    rows = as_rows(base_sheets()["Akteure"])
    rows.insert(2, [None] * len(rows[0]))  # blank Excel row 3
    path = write_workbook(tmp_path / "k.xlsx", {"Akteure": rows, "Leer": []},
                          anleitung_meta=META)
    tables = read_tables(path)
    assert list(tables.sheets) == ["Anleitung", "Akteure", "Leer"]
    frame = tables.sheets["Akteure"]
    assert list(frame.columns[:4]) == ["ID", "Name", "Form", "Kategorie"]
    assert frame.iloc[2]["ID"] == "K1"  # position 2 = Excel row 4, after the blank row
    assert tables.sheets["Leer"].empty
    assert tables.meta["municipality"] == "Testheim"
    assert tables.meta["snapshot"] in (date(2024, 6, 1), datetime(2024, 6, 1))
    assert tables.source == "k.xlsx"


def test_read_excel_builds_the_whole_map(tmp_path: Path) -> None:
    netmap = read_excel(write_base(tmp_path / "karte.xlsx", anleitung_meta=META))
    assert netmap.counts() == {"actor": 4, "office": 3, "committee": 2, "offer": 1,
                               "edges": 11}
    meta = netmap.meta
    assert (meta.municipality, meta.county, meta.title) == ("Testheim", "Musterkreis",
                                                            "Präventionskette Testheim")
    assert meta.snapshot == date(2024, 6, 1) and meta.mission == "Kein Kind zurücklassen"
    assert meta.goals == ("Übergänge sichern", "Eltern stärken")
    assert meta.source == "karte.xlsx"
    kita = netmap.node("K1")
    assert kita["sector"] is Sector.YOUTH_WELFARE and kita["district"] == "Nord"
    assert netmap.node("CAFE")["capacity"] == 20  # a number cell arrives as 20.0
    coop = edge(netmap, "K1", "GS1")
    assert (coop["kind"], coop["strength"], coop["formal"]) == (
        EdgeKind.COOPERATION, Strength.COORDINATION, True)
    assert edge(netmap, "JA", "SG")["since"] == date(2019, 3, 1)


def test_districts_table(tmp_path: Path) -> None:
    data = base_sheets()
    data["Sozialräume"].append({"Sozialraum": "Süd", "Kommune": "Testheim", "Einwohner": 8000,
                                "SGB-II-Quote Kinder": "9,5"})
    netmap = read_excel(write_base(tmp_path / "k.xlsx", data))
    d = netmap.districts
    assert list(d.index) == ["Nord", "Süd"] and d.index.name == "district"
    assert list(d.columns) == ["municipality", "population", "children", "SGB-II-Quote Kinder"]
    assert d.loc["Süd", "population"] == 8000 and d["children"].isna().tolist() == [False, True]
    assert d["SGB-II-Quote Kinder"].tolist() == [18.5, 9.5]


def test_real_date_number_and_bool_cells(tmp_path: Path) -> None:
    data = base_sheets()
    data["Beziehungen"][0].update({"Seit": datetime(2020, 2, 29), "Stärke": 2,
                                   "Formal": True})
    data["Akteure"].append({"ID": 7, "Name": "Hebamme Meier", "Kategorie": "Hebamme",
                            "Lebensphasen": "Schwangerschaft und Geburt\n0–3 Jahre"})
    data["Mitgliedschaften"].append({"Mitglied": 7, "Gremium": "SRK"})
    netmap = read_excel(write_base(tmp_path / "k.xlsx", data))
    coop = edge(netmap, "K1", "GS1")
    assert (coop["since"], coop["strength"], coop["formal"]) == (
        date(2020, 2, 29), Strength.COOPERATION, True)
    assert netmap.node("7")["life_phases"] == (LifePhase.PREGNANCY, LifePhase.U3)
    assert netmap.memberships("7") == ["SRK"]


def test_validate_excel_returns_the_report(tmp_path: Path) -> None:
    data = base_sheets()
    data["Mitgliedschaften"].append({"Mitglied": "JA", "Gremium": "G-99"})
    data["Akteure"].append({"ID": "X1", "Name": "X", "Kategorie": "Kitta"})
    netmap, report = validate_excel(write_base(tmp_path / "k.xlsx", data))
    assert netmap is None and not report.ok
    assert [i.code for i in report.errors] == ["unknown-reference"]
    assert [i.code for i in report.warnings] == ["unknown-category"]
    assert report.counts["actor"] == 5 and report.source == "k.xlsx"
    payload = json.loads(json.dumps(report.to_dict()))
    assert payload["errors"] == [{
        "code": "unknown-reference", "sheet": "Mitgliedschaften", "row": 6,
        "column": "Gremium", "value": "G-99",
        "message": "Die ID „G-99“ gibt es nicht. Tragen Sie die ID eines Gremiums aus dem "
                   "Blatt „Gremien“ ein."}]
    assert payload["ok"] is False


def test_warnings_only_is_valid(tmp_path: Path) -> None:
    data = base_sheets()
    data["Akteure"].append({"Name": "Ohne ID", "Kategorie": "Kita"})
    netmap, report = validate_excel(write_base(tmp_path / "k.xlsx", data))
    assert netmap is not None and report.ok
    assert [i.code for i in report.warnings] == ["generated-id"]
    assert "A-auto-6" in netmap


def test_read_excel_raises_with_the_full_report(tmp_path: Path) -> None:
    data = base_sheets()
    data["Beziehungen"].append({"Von": "K1", "Zu": "TR", "Art": "Freundschaft"})
    data["Beziehungen"].append({"Von": "K1", "Zu": "Q", "Art": "Kooperation"})
    with pytest.raises(ValidationError) as caught:
        read_excel(write_base(tmp_path / "k.xlsx", data))
    assert [(i.row, i.code) for i in caught.value.report.errors] == [(4, "unknown-value"),
                                                                     (5, "unknown-reference")]
    assert "2 Fehler (k.xlsx)" in str(caught.value)


def test_logs_what_it_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="netzkarte"):
        read_excel(write_base(tmp_path / "k.xlsx"))
    assert any("Karte mit 10 Knoten und 11 Beziehungen gelesen" in r.getMessage()
               for r in caplog.records)


def test_missing_sheets_in_a_foreign_workbook(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "fremd.xlsx", {"Tabelle1": [["a", "b"], [1, 2]]})
    netmap, report = validate_excel(path)
    assert netmap is None
    assert sorted(str(i.sheet) for i in report.errors if i.code == "missing-sheet") == sorted(
        ["Akteure", "Ämter", "Gremien", "Angebote", "Mitgliedschaften", "Beziehungen"])
    assert [i.code for i in report.warnings] == ["unknown-sheet"]


def test_round_trip_of_column_edges_keeps_insertion_order(tmp_path: Path) -> None:
    data = base_sheets()
    data["Beziehungen"].append({"Von": "P1", "Zu": "BM", "Art": "gehört zu"})
    netmap = read_excel(write_base(tmp_path / "k.xlsx", data))
    assert [v for _, v, d in netmap.graph.out_edges("P1", data=True)
            if d["kind"] is EdgeKind.BELONGS_TO] == ["JA", "BM"]
    assert netmap.organisation("P1") == "JA"  # the column's edge comes first
