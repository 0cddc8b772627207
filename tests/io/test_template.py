"""The empty Excel template: sheets, headers, dropdowns, guide — read back with openpyxl."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from netzkarte.io.excel import validate_excel
from netzkarte.io.template import LISTS, write_template
from netzkarte.schema import META_FIELDS, SHEET_ORDER, SHEETS, ValueKind
from netzkarte.vocab import (
    CATEGORIES,
    ActorForm,
    EdgeKind,
    LifePhase,
    NodeType,
    Role,
    Sector,
    Strength,
)

SHIPPED = Path(__file__).resolve().parents[2] / "data_templates" / "netzkarte_vorlage.xlsx"
REGENERATE = "python tools/regenerate.py"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = write_template(tmp_path_factory.mktemp("vorlage") / "vorlage.xlsx")
    return load_workbook(path)


def validations(ws: Worksheet) -> dict[str, Any]:
    """Data validations of a sheet keyed by their range ("D2:D2000")."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def list_values(wb: Workbook, formula: str) -> list[str]:
    """The cell values a list validation's formula (``Listen!$A$2:$A$4``) points at."""
    sheet_name, ref = formula.split("!")
    return [c.value for row in wb[sheet_name][ref.replace("$", "")] for c in row]


def guide_column_a(wb: Workbook) -> list[Any]:
    return [row[0] for row in wb["Anleitung"].iter_rows(values_only=True)]


def test_sheets_come_in_template_order(workbook: Workbook) -> None:
    assert workbook.sheetnames == list(SHEET_ORDER)
    assert workbook.sheetnames[0] == "Anleitung" and workbook.sheetnames[-1] == "Listen"


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.name)
def test_data_sheet_has_german_headers_and_no_data(workbook: Workbook, sheet: Any) -> None:
    ws = workbook[sheet.name]
    assert [c.value for c in ws[1]] == sheet.headers
    assert ws.max_row == 1  # no hint row, no example row: the template validates empty
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(sheet.headers))}1"
    for i, col in enumerate(sheet.columns, 1):
        letter = get_column_letter(i)
        assert ws.column_dimensions[letter].width == col.width
        header = ws.cell(1, i)
        assert header.font.b, col.header
        assert header.fill.fgColor.rgb.endswith("DDEBF7")
        assert header.comment is not None and col.hint in header.comment.text


def test_header_row_is_exact_for_akteure(workbook: Workbook) -> None:
    assert [c.value for c in workbook["Akteure"][1]] == [
        "ID", "Name", "Form", "Kategorie", "Sektor", "Ebene", "Kommune", "Sozialraum",
        "Lebensphasen", "Rollen", "Hierarchieebene", "Organisation", "Breitengrad",
        "Längengrad", "Kontakt", "Bemerkung"]


def test_lists_sheet_holds_german_labels(workbook: Workbook) -> None:
    ws = workbook["Listen"]
    assert [c.value for c in ws[1]] == [name for name, _ in LISTS]
    columns = {ws.cell(1, i).value: [c.value for c in col[1:] if c.value is not None]
               for i, col in enumerate(ws.iter_cols(), 1)}
    assert columns["Sektor"] == Sector.labels()
    assert columns["Form"] == ["Organisation", "Einrichtung", "Person"]
    assert columns["Stärke"] == ["1 Austausch", "2 Kooperation", "3 Koordination",
                                 "4 Integration"]
    assert columns["ja/nein"] == ["ja", "nein"]
    assert columns["Art"] == EdgeKind.labels()
    assert columns["Lebensphasen"][0] == "Schwangerschaft und Geburt"
    actor_categories = [c.label for c in CATEGORIES if c.node_type is NodeType.ACTOR]
    assert columns["Kategorie Akteur"] == actor_categories
    assert "Kita" in columns["Kategorie Akteur"] and "Jugendamt" not in actor_categories
    assert "Jugendamt" in columns["Kategorie Amt"]
    assert "Elterncafé" in columns["Kategorie Angebot"]


def expected_list(sheet_name: str, col: Any) -> list[str] | None:
    if col.enum is not None:
        return col.enum.labels()  # type: ignore[no-any-return]
    if col.kind is ValueKind.BOOL:
        return ["ja", "nein"]
    if col.kind is ValueKind.STRENGTH:
        return Strength.labels()
    if col.attr == "category":
        node_type = next(s.node_type for s in SHEETS if s.name == sheet_name)
        return [c.label for c in CATEGORIES if c.node_type is node_type]
    if sheet_name == "Kategorien" and col.attr == "node_type":
        return ["Akteur", "Amt", "Angebot"]
    if sheet_name == "Kategorien" and col.attr == "town_wide":
        return ["Sozialraum", "ganze Kommune"]
    return None


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.name)
def test_every_enum_column_has_a_dropdown_on_the_right_list(workbook: Workbook,
                                                            sheet: Any) -> None:
    dvs = validations(workbook[sheet.name])
    for i, col in enumerate(sheet.columns, 1):
        letter = get_column_letter(i)
        dv = dvs[f"{letter}2:{letter}2000"]
        assert dv.promptTitle == col.header and dv.prompt == col.hint
        assert dv.showInputMessage
        expected = expected_list(sheet.name, col)
        if expected is None:
            assert dv.type is None, col.header  # input message only
            continue
        assert dv.type == "list", col.header
        assert dv.formula1.startswith("Listen!$") and dv.formula1.count("$") == 4
        assert list_values(workbook, dv.formula1) == expected, col.header
        assert dv.showErrorMessage and dv.error and len(dv.error) <= 225
        assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255


def test_dropdowns_block_only_what_the_import_would_reject(workbook: Workbook) -> None:
    akteure = validations(workbook["Akteure"])
    assert akteure["E2:E2000"].errorStyle == "warning"  # Sektor: unknown is a warning
    assert akteure["C2:C2000"].errorStyle == "warning"  # Form: unknown is a warning
    assert akteure["D2:D2000"].errorStyle == "warning"  # Kategorie: free text
    assert akteure["I2:I2000"].errorStyle == "information"  # Lebensphasen: "a; b"
    assert akteure["J2:J2000"].errorStyle == "information"  # Rollen: "a; b"
    beziehungen = validations(workbook["Beziehungen"])
    assert beziehungen["C2:C2000"].errorStyle in (None, "stop")  # Art: strict
    assert beziehungen["D2:D2000"].formula1 == "Listen!$M$2:$M$5"  # Stärke
    # Stärke and ja/nein: the import reads „ok“ or „teils“ with a warning, so Excel asks
    assert beziehungen["D2:D2000"].errorStyle == "warning"
    offers = workbook["Angebote"]
    outreach = next(c.column_letter for c in offers[1] if c.value == "Aufsuchend")
    assert validations(offers)[f"{outreach}2:{outreach}2000"].errorStyle == "warning"


def test_validation_rows_are_configurable(tmp_path: Path) -> None:
    wb = load_workbook(write_template(tmp_path / "v.xlsx", validation_rows=50))
    assert "C2:C50" in validations(wb["Mitgliedschaften"])


def test_guide_has_the_metadata_block_in_rows_3_to_8(workbook: Workbook) -> None:
    ws = workbook["Anleitung"]
    assert [ws.cell(r, 1).value for r in range(3, 9)] == [label for _, label in META_FIELDS]
    assert all(ws.cell(r, 2).value is None for r in range(3, 9))
    assert "Anleitung" in ws["A1"].value


def test_guide_explains_every_sheet_kind_and_the_check(workbook: Workbook) -> None:
    text = "\n".join(str(v) for v in guide_column_a(workbook) if v)
    for name in SHEET_ORDER[1:]:
        assert f"„{name}“" in text, name
    assert "netzkarte pruefen datei.xlsx" in text
    for label in ("Akteur", "Amt", "Gremium", "Angebot"):
        assert f"\n{label}: " in text
    for kind in EdgeKind:
        assert f"\n{kind.label} (" in text, kind
    for strength in Strength.labels():
        assert f"\n{strength}: " in text
    assert "personenbezogene Daten" in text and "„Kontakt“" in text
    assert "; (Semikolon)" in text


def test_guide_shows_one_example_row_per_data_sheet(workbook: Workbook) -> None:
    rows = list(workbook["Anleitung"].iter_rows(values_only=True))
    first_cells = [r[0] for r in rows]
    examples = {}
    for sheet in SHEETS:
        at = first_cells.index(f"Blatt „{sheet.name}“:")
        assert list(rows[at + 1][:len(sheet.headers)]) == sheet.headers
        examples[sheet.name] = rows[at + 2]
        assert at > 30  # below the metadata scan window of the reader
    assert examples["Akteure"][:5] == ("A-001", "Kita Sonnenschein", "Einrichtung", "Kita",
                                       "Kinder- und Jugendhilfe")
    assert examples["Akteure"][11] == "A-002"  # Organisation
    assert examples["Mitgliedschaften"][:4] == ("A-001", "G-01", "Mitglied",
                                                datetime(2019, 3, 1))
    assert examples["Beziehungen"][:5] == ("A-001", "A-003", "Kooperation", "3 Koordination",
                                           "ja")
    assert examples["Sozialräume"][:5] == ("Nord", "Kindertal", 12500, 2100, 18.5)
    assert examples["Gremien"][3] == "a – gesamtkommunale Leitung"
    ws = workbook["Anleitung"]
    date_cell = ws.cell(first_cells.index("Blatt „Mitgliedschaften“:") + 3, 4)
    assert date_cell.number_format == "DD.MM.YYYY"


def test_example_values_are_valid_list_entries(workbook: Workbook) -> None:
    rows = list(workbook["Anleitung"].iter_rows(values_only=True))
    at = [r[0] for r in rows].index("Blatt „Akteure“:")
    header, example = rows[at + 1], rows[at + 2]
    row = dict(zip(header, example, strict=False))
    assert ActorForm.parse(row["Form"]) is ActorForm.FACILITY
    assert [LifePhase.parse(p.strip()) for p in str(row["Lebensphasen"]).split(";")] == [
        LifePhase.U3, LifePhase.KITA]
    assert row["Rollen"] is None or all(Role.parse(r) for r in str(row["Rollen"]).split(";"))


def test_empty_template_is_valid_with_zero_nodes(tmp_path: Path) -> None:
    netmap, report = validate_excel(write_template(tmp_path / "v.xlsx"))
    assert report.ok and not report.errors
    assert netmap is not None
    assert netmap.counts() == {"actor": 0, "office": 0, "committee": 0, "offer": 0, "edges": 0}


def test_output_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first = write_template(tmp_path / "a.xlsx").read_bytes()
    second = write_template(tmp_path / "b.xlsx").read_bytes()
    assert first == second
    props = load_workbook(tmp_path / "a.xlsx").properties
    assert props.creator == "netzkarte"
    assert props.created == props.modified == datetime(2024, 1, 1)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_failed_write_leaves_existing_file_untouched(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "vorlage.xlsx"
    target.write_bytes(b"old")

    def boom(self: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.writer.excel.ExcelWriter.save", boom)
    with pytest.raises(OSError):
        write_template(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["vorlage.xlsx"]
    gc.collect()  # the aborted streaming sheets complain here, not in a later test


def snapshot(path: Path) -> dict[str, Any]:
    """What a user sees of a workbook: cells, dropdowns, frozen panes, column widths."""
    wb = load_workbook(path)
    out: dict[str, Any] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        out[ws.title] = {
            "cells": [list(r) for r in ws.iter_rows(values_only=True)],
            "validations": sorted((str(dv.sqref), dv.type, dv.formula1, dv.errorStyle,
                                   dv.prompt) for dv in ws.data_validations.dataValidation),
            "freeze": ws.freeze_panes,
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
        }
    return out


def test_shipped_template_matches_the_code(tmp_path: Path) -> None:
    assert SHIPPED.exists(), f"{SHIPPED} fehlt. Erzeugen mit: {REGENERATE}"
    fresh = snapshot(write_template(tmp_path / "fresh.xlsx"))
    shipped = snapshot(SHIPPED)
    for key in fresh:
        assert shipped.get(key) == fresh[key], (
            f"data_templates/netzkarte_vorlage.xlsx is out of date ({key!r} differs). "
            f"Regenerate it with: {REGENERATE}")
