"""A workbook that goes through netzkarte comes back as the administrator typed it.

Values read by interpretation (``10-12``, ``ca. 30 Familien``, ``ja (StVV-Beschluss
2021)``, ``monatl.``, ``Koop.``, ``ok``, ``Sommer 21``) keep their text, and cells left
empty stay empty although the category's defaults fill sector and life phases for the
analyses: workbook → .json → .xlsx and workbook → .xlsx both give back the typed cells, and
reading the written workbook again gives the same values and the same warnings.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsx_helpers import Rows, as_rows, base_sheets, edge, write_workbook

from netzkarte.errors import InputError, ValidationError, ValidationReport
from netzkarte.io.excel import validate_excel
from netzkarte.io.exchange import load
from netzkarte.io.json_format import read_json, write_json
from netzkarte.io.template import write_excel
from netzkarte.model import NetworkMap
from netzkarte.vocab import EdgeKind, LifePhase, Sector, Strength

# (sheet, ID or (Von, Zu), header, what the administrator typed)
TYPED: list[tuple[str, str | tuple[str, str], str, object]] = [
    ("Angebote", "CAFE", "Kapazität", "10-12"),
    ("Angebote", "KURS", "Kapazität", "ca. 30 Familien"),
    ("Angebote", "KURS", "Lebensphasen", "1.-3. Lebensjahr"),
    ("Gremien", "SG", "Politisch legitimiert", "ja (StVV-Beschluss 2021)"),
    ("Gremien", "SG", "Sitzungen pro Jahr", "monatl."),
    ("Gremien", "SRK", "Sitzungen pro Jahr", "alle 6-8 Wochen"),
    ("Gremien", "SRK", "Lebensphasen", "0-16 Jahre"),
    ("Akteure", "K1", "Lebensphasen", "Kita; Studium"),
    ("Akteure", "CV", "Sektor", None),  # a Wohlfahrtsverband: its category fills these
    ("Akteure", "CV", "Lebensphasen", None),
    ("Akteure", "CV", "Form", None),
    ("Beziehungen", ("GS1", "TR"), "Art", "Koop."),
    ("Beziehungen", ("GS1", "TR"), "Stärke", "ok"),
    ("Beziehungen", ("K1", "GS1"), "Stärke", "gut"),
    ("Beziehungen", ("K1", "GS1"), "Seit", "Sommer 21"),
    ("Beziehungen", ("JC", "TR"), "Stärke", "sehr stark"),  # unreadable: kept, no error
    ("Mitgliedschaften", ("JA", "SG"), "Seit", "seit 2021"),
]


def typed_sheets() -> dict[str, Rows]:
    sheets = base_sheets()
    sheets["Akteure"].append({"ID": "CV", "Name": "Caritasverband", "Kategorie":
                              "Wohlfahrtsverband"})
    sheets["Angebote"].append({"ID": "KURS", "Name": "PEKiP-Kurs", "Anbieter": "TR",
                               "Kategorie": "Elterncafé"})
    sheets["Beziehungen"] += [{"Von": "GS1", "Zu": "TR"}, {"Von": "JC", "Zu": "TR",
                                                          "Art": "Kooperation"}]
    for sheet, key, header, text in TYPED:
        for row in sheets[sheet]:
            if key in (row.get("ID"), (row.get("Von"), row.get("Zu")),
                       (row.get("Mitglied"), row.get("Gremium"))):
                row[header] = text
    return sheets


def cells(path: Path) -> dict[tuple[str, str | tuple[str, str], str], Any]:
    """The cells of ``TYPED`` in a workbook, found by ID or by the two ends of a row."""
    wb = openpyxl.load_workbook(path)
    out: dict[tuple[str, str | tuple[str, str], str], Any] = {}
    for sheet, key, header, _ in TYPED:
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            found = dict(zip(headers, row, strict=False))
            ends = (found.get("Von"), found.get("Zu")) if sheet == "Beziehungen" else (
                found.get("Mitglied"), found.get("Gremium"))
            if key in (found.get("ID"), ends):
                out[(sheet, key, header)] = found.get(header)
    return out


def seen(report: ValidationReport) -> list[tuple[str, str | None, str | None, object]]:
    return sorted((i.code, i.sheet, i.column, str(i.value)) for i in report.issues)


@pytest.fixture
def typed(tmp_path: Path) -> tuple[Path, NetworkMap, ValidationReport]:
    data = {name: as_rows(rows) for name, rows in typed_sheets().items()}
    path = write_workbook(tmp_path / "eingabe.xlsx", data,
                          anleitung_meta={"Kommune": "Testheim"})
    netmap, report = validate_excel(path)
    assert netmap is not None and report.ok, [str(i) for i in report.errors]
    return path, netmap, report


def test_every_typed_value_is_read_and_none_is_an_error(
        typed: tuple[Path, NetworkMap, ValidationReport]) -> None:
    _, netmap, report = typed
    assert netmap.node("CAFE")["capacity"] == 11
    assert netmap.node("KURS")["capacity"] == 30
    assert netmap.node("KURS")["life_phases"] == (LifePhase.U3,)
    assert netmap.node("SG")["legitimated"] is True
    assert netmap.node("SG")["meetings_per_year"] == 12
    assert netmap.node("SRK")["meetings_per_year"] == 7  # every 7 weeks
    coop = edge(netmap, "GS1", "TR")
    assert coop["kind"] is EdgeKind.COOPERATION and coop["strength"] is Strength.COOPERATION
    assert edge(netmap, "K1", "GS1")["since"] == date(2021, 6, 1)
    assert edge(netmap, "JC", "TR").get("strength") is None
    assert {i.code for i in report.issues} == {"guessed-value", "unknown-value", "bad-strength"}


@pytest.mark.parametrize("via_json", [False, True], ids=["xlsx", "json-xlsx"])
def test_written_workbook_holds_what_was_typed(
        typed: tuple[Path, NetworkMap, ValidationReport], tmp_path: Path,
        via_json: bool) -> None:
    path, netmap, report = typed
    if via_json:
        netmap = read_json(write_json(netmap, tmp_path / "karte.json"))
    written = write_excel(netmap, tmp_path / "zurueck.xlsx")
    assert cells(written) == cells(path)
    assert cells(path)[("Angebote", "KURS", "Kapazität")] == "ca. 30 Familien"  # not 30
    back, again = validate_excel(written)
    assert back is not None and again.ok
    assert seen(again) == seen(report)  # the same values, the same warnings
    for nid in ("CAFE", "KURS", "SG", "SRK", "K1", "CV"):
        assert back.node(nid) == netmap.node(nid)


def test_empty_cells_stay_empty_while_the_analyses_use_the_defaults(
        typed: tuple[Path, NetworkMap, ValidationReport], tmp_path: Path) -> None:
    _, netmap, _ = typed
    every_phase = tuple(LifePhase)
    assert netmap.node("CV")["sector"] is Sector.SOCIAL
    assert netmap.node("CV")["life_phases"] == every_phase
    doc = json.loads(write_json(netmap, tmp_path / "k.json").read_text(encoding="utf-8"))
    record = next(n for n in doc["nodes"] if n["id"] == "CV")
    assert record["defaults"] == ["sector", "life_phases", "form"]
    assert record["life_phases"] == [p.value for p in every_phase]  # for other readers
    again = read_json(tmp_path / "k.json")
    assert again.node("CV")["life_phases"] == every_phase
    row = next(r for r in openpyxl.load_workbook(write_excel(again, tmp_path / "k.xlsx"))[
        "Akteure"].iter_rows(min_row=2, values_only=True) if r[0] == "CV")
    assert row[2:6] == (None, "Wohlfahrtsverband", None, None)  # Form, Kategorie, Sektor …


def test_a_value_changed_after_the_import_wins_over_the_typed_text(
        typed: tuple[Path, NetworkMap, ValidationReport], tmp_path: Path) -> None:
    _, netmap, _ = typed
    netmap.graph.nodes["KURS"]["capacity"] = 50
    netmap.graph.nodes["K1"]["life_phases"] = (LifePhase.U3,)
    netmap.graph.nodes["CV"]["sector"] = Sector.HEALTH
    written = cells(write_excel(netmap, tmp_path / "k.xlsx"))
    assert written[("Angebote", "KURS", "Kapazität")] == 50
    assert written[("Akteure", "K1", "Lebensphasen")] == "0–3 Jahre; Studium"
    assert written[("Akteure", "CV", "Sektor")] == "Gesundheit"


def test_an_older_export_keeps_the_unread_rest_after_the_values_read(tmp_path: Path) -> None:
    m = NetworkMap()
    m.add_node("K9", "actor", name="Kita Neun", life_phases=["3–6 Jahre (Kita)"],
               extra={"Lebensphasen": "Studium"})
    row = next(openpyxl.load_workbook(write_excel(m, tmp_path / "k.xlsx"))[
        "Akteure"].iter_rows(min_row=2, values_only=True))
    assert "3–6 Jahre (Kita); Studium" in row


def test_a_snapshot_kept_as_typed_goes_back_into_its_row(small_map: NetworkMap,
                                                         tmp_path: Path) -> None:
    small_map.meta.snapshot = date(2024, 3, 1)
    small_map.meta.extra = {"Stand": "Stand: Frühjahr 2024", "Bundesland": "Hessen"}
    ws = openpyxl.load_workbook(write_excel(small_map, tmp_path / "k.xlsx"))["Anleitung"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=3, max_row=12, values_only=True)}
    assert rows["Stand"] == "Stand: Frühjahr 2024" and rows["Bundesland"] == "Hessen"
    assert [r[0] for r in ws.iter_rows(values_only=True)].count("Stand") == 1


def test_json_defaults_that_are_not_attributes_are_reported(small_map: NetworkMap,
                                                            tmp_path: Path) -> None:
    path = write_json(small_map, tmp_path / "k.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["nodes"][0]["defaults"] = ["name"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_json(path)
    [issue] = caught.value.report.errors
    assert issue.code == "bad-value" and "„defaults“" in issue.message
    assert "netzkarte export" in issue.message


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_other_spreadsheets_are_refused_with_how_to_save_them(tmp_path: Path,
                                                              suffix: str) -> None:
    path = tmp_path / f"karte{suffix}"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert "in Excel oder LibreOffice" in message and "als .xlsx" in message
    assert caught.value.code == "unknown-format"


def test_a_guessed_stand_and_a_singular_header_are_read_and_the_stand_written_back(
        tmp_path: Path) -> None:
    """„Stand: Frühjahr 2024“ is read as 1 March 2024 and written back as typed; a header
    „Lebensphase“ is the column Lebensphasen (with a guessed-header warning)."""
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Anleitung"
    guide.append(["Kommune", "Musterstadt"])
    guide.append(["Stand", "Stand: Frühjahr 2024"])
    for name in ("Akteure", "Ämter", "Gremien", "Angebote", "Mitgliedschaften",
                 "Beziehungen"):
        book.create_sheet(name)
    book["Akteure"].append(["ID", "Name", "Kategorie", "Lebensphase"])
    book["Akteure"].append(["K1", "Kita Nord", "Kita", "3-6 Jahre"])
    book.save(tmp_path / "in.xlsx")
    network, report = validate_excel(tmp_path / "in.xlsx")
    assert network is not None
    assert network.meta.snapshot == date(2024, 3, 1)
    assert network.graph.nodes["K1"]["life_phases"] == (LifePhase.KITA,)
    assert any(i.code == "guessed-header" and "„Lebensphase“" in i.message
               for i in report.warnings)
    write_excel(network, tmp_path / "out.xlsx")
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(tmp_path / "out.xlsx")["Anleitung"]
            .iter_rows(values_only=True) if r and r[0]}
    assert rows["Stand"] == "Stand: Frühjahr 2024"
