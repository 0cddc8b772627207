"""Hostile and broken input: every case ends in a German issue with its place, never a crash.

Excel: error cells and formulas without a stored result (calamine reads both as empty),
merged ranges, password-protected workbooks, file names that are no UTF-8. JSON: numbers
that no reader or writer can hold, values out of range, references to missing nodes,
district tables with lists for names or dtypes that change values. Export: cells longer
than Excel holds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsx_helpers import base_sheets, codes, only, write_base

from netzkarte import NetworkMap
from netzkarte.errors import InputError, ValidationError
from netzkarte.io.excel import read_excel, validate_excel
from netzkarte.io.json_format import check_map, read_json, write_json
from netzkarte.io.safety import check_workbook, foreign_sheets
from netzkarte.io.template import EXCEL_CELL_LIMIT, write_excel

# --- helpers ----------------------------------------------------------------------------


def _sheet_part(path: Path, sheet: str) -> str:
    """The zip member of a worksheet (``xl/worksheets/sheet3.xml``)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(sheet) + 1
    wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def _set_cell_xml(path: Path, sheet: str, ref: str, xml: str) -> None:
    """Replace cell ``ref`` of ``sheet`` by raw cell XML (as Excel writes error cells)."""
    part = _sheet_part(path, sheet)
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    text = members[part].decode("utf-8")
    cell = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', re.S)
    assert cell.search(text), f"{ref} not in {sheet}"
    members[part] = cell.sub(xml.replace("\\", "\\\\"), text, count=1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _column(sheet: str, header: str) -> str:
    """Excel column letter of ``header`` in the base data of ``sheet``."""
    headers = list(dict.fromkeys(k for r in base_sheets()[sheet] for k in r))
    return openpyxl.utils.get_column_letter(headers.index(header) + 1)


def _error_cell(ref: str, error: str) -> str:
    return f'<c r="{ref}" t="e"><f>SVERWEIS(A1;X:Y;2;0)</f><v>{error}</v></c>'


def compound_file(streams: list[str]) -> bytes:
    """A minimal valid compound file (OLE2/CFB, 512-byte sectors) with empty streams.

    Excel saves a password-protected .xlsx as such a file with the streams
    ``EncryptionInfo`` and ``EncryptedPackage``; an old .xls has ``Workbook``.
    """
    end, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end)
    header[76:512] = b"\xff" * 436
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, fat_sector, end)  # sector 1: the directory
    directory = bytearray(512)
    ordered = sorted(streams, key=lambda s: (len(s), s.upper()))

    def entry(i: int, name: str, kind: int, right: int = none, child: int = none) -> None:
        at = i * 128
        raw = name.encode("utf-16-le") + b"\0\0"
        directory[at:at + len(raw)] = raw
        struct.pack_into("<HBB", directory, at + 64, len(raw), kind, 1)
        struct.pack_into("<III", directory, at + 68, none, right, child)
        struct.pack_into("<IQ", directory, at + 116, end, 0)

    entry(0, "Root Entry", 5, child=1)
    for k, name in enumerate(ordered, 1):
        entry(k, name, 2, right=k + 1 if k < len(ordered) else none)
    for k in range(len(ordered) + 1, 4):
        struct.pack_into("<III", directory, k * 128 + 68, none, none, none)
    return bytes(header + fat + directory)


def _doc(small_map: NetworkMap, tmp_path: Path) -> dict[str, Any]:
    """The JSON document of ``small_map`` with a district table of one row."""
    doc: dict[str, Any] = json.loads(write_json(small_map, tmp_path / "k.json")
                                     .read_text(encoding="utf-8"))
    doc["districts"] = {"index": "district", "columns": ["municipality", "population",
                                                         "children"],
                        "dtypes": ["object", "Int64", "Int64"],
                        "data": [["Nord", "Testheim", 12000, 2100]]}
    return doc


def _node(doc: dict[str, Any], nid: str) -> tuple[int, dict[str, Any]]:
    return next((i, n) for i, n in enumerate(doc["nodes"]) if n["id"] == nid)


def _read_errors(tmp_path: Path, doc: dict[str, Any] | str) -> list[Any]:
    path = tmp_path / "kaputt.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_json(path)
    return caught.value.report.errors


# --- password-protected workbooks, file names that are no UTF-8 --------------------------


def test_encrypted_workbook_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "geschuetzt.xlsx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(InputError) as caught:
        check_workbook(path)
    assert caught.value.code == "encrypted-workbook"
    message = str(caught.value)
    assert "geschuetzt.xlsx" in message and "mit einem Passwort geschützt" in message
    assert "Kennwort" in message and ".xls)" not in message


def test_old_xls_is_still_called_an_old_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "alt.xlsx"
    path.write_bytes(compound_file(["Workbook", "SummaryInformation"]))
    with pytest.raises(InputError) as caught:
        check_workbook(path)
    assert caught.value.code == "not-a-workbook"
    assert "alte Excel-Datei (.xls)" in str(caught.value)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_with_a_latin1_byte_is_readable(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/st\xe4dt.xlsx"  # Latin-1 "ä": no UTF-8
    write_base(tmp_path / "plain.xlsx")
    shutil.copyfile(tmp_path / "plain.xlsx", raw)
    assert read_excel(os.fsdecode(raw)).counts()["offer"] == 1
    done = subprocess.run([sys.executable, "-m", "netzkarte", "pruefen", raw],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Die Datei ist g" in done.stdout


# --- Excel error cells and formulas without a stored result ------------------------------


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#DIV/0!", "#NAME?", "#VALUE!"])
def test_error_in_an_optional_cell_is_a_warning_that_keeps_the_text(tmp_path: Path,
                                                                     error: str) -> None:
    path = write_base(tmp_path / "k.xlsx")
    ref = f"{_column('Angebote', 'Kapazität')}2"
    _set_cell_xml(path, "Angebote", ref, _error_cell(ref, error))
    netmap, report = validate_excel(path)
    assert report.ok and netmap is not None
    issue = only(report, "excel-error")
    assert issue.severity == "warning"
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Angebote", 2, "Kapazität",
                                                                   error)
    assert issue.message.startswith(f"{error} in „Kapazität“: ")
    assert "Tragen Sie den Wert direkt ein" in issue.message
    assert netmap.graph.nodes["CAFE"]["extra"]["Kapazität"] == error
    assert "capacity" not in netmap.graph.nodes["CAFE"]
    assert "bad-number" not in codes(report)  # one issue per cell, not two


def test_ref_error_message_says_what_happened(tmp_path: Path) -> None:
    path = write_base(tmp_path / "k.xlsx")
    ref = f"{_column('Angebote', 'Kapazität')}2"
    _set_cell_xml(path, "Angebote", ref, _error_cell(ref, "#REF!"))
    _, report = validate_excel(path)
    assert "#REF! in „Kapazität“: Die Formel verweist ins Leere" in \
        only(report, "excel-error").message


def test_error_in_an_id_is_an_error_not_a_generated_id(tmp_path: Path) -> None:
    path = write_base(tmp_path / "k.xlsx")
    _set_cell_xml(path, "Akteure", "A3", _error_cell("A3", "#N/A"))
    netmap, report = validate_excel(path)
    assert netmap is None and not report.ok
    issue = only(report, "excel-error")
    assert (issue.severity, issue.sheet, issue.row, issue.column) == ("error", "Akteure", 3,
                                                                      "ID")
    assert "generated-id" not in codes(report)


def test_error_in_a_reference_is_an_error(tmp_path: Path) -> None:
    path = write_base(tmp_path / "k.xlsx")
    ref = f"{_column('Akteure', 'Organisation')}3"
    _set_cell_xml(path, "Akteure", ref, _error_cell(ref, "#REF!"))
    _, report = validate_excel(path)
    issue = only(report, "excel-error")
    assert (issue.severity, issue.row, issue.column) == ("error", 3, "Organisation")
    assert "unknown-reference" not in codes(report)


def test_formula_without_a_stored_result(tmp_path: Path) -> None:
    sheets = base_sheets()
    sheets["Angebote"][0]["Kapazität"] = "=SUMME(B2:B4)"  # openpyxl stores no result
    sheets["Mitgliedschaften"][2]["Gremium"] = "=Gremien!A3"
    path = write_base(tmp_path / "k.xlsx", sheets)
    _, report = validate_excel(path)
    found = {(i.sheet, i.row, i.column): i for i in report.issues
             if i.code == "formula-without-value"}
    assert set(found) == {("Angebote", 2, "Kapazität"), ("Mitgliedschaften", 4, "Gremium")}
    assert found["Angebote", 2, "Kapazität"].severity == "warning"
    assert found["Mitgliedschaften", 4, "Gremium"].severity == "error"
    assert "„=SUMME(B2:B4)“" in found["Angebote", 2, "Kapazität"].message
    assert "speichern Sie sie in Excel oder LibreOffice" in \
        found["Angebote", 2, "Kapazität"].message


def test_formulas_with_stored_results_are_fine(tmp_path: Path) -> None:
    path = write_base(tmp_path / "k.xlsx")
    ref = f"{_column('Angebote', 'Kapazität')}2"
    _set_cell_xml(path, "Angebote", ref, f'<c r="{ref}"><f>10+10</f><v>20</v></c>')
    note = f"{_column('Akteure', 'Name')}2"
    _set_cell_xml(path, "Akteure", note,
                  f'<c r="{note}" t="str"><f>"Familienhilfe e. V."</f>'
                  '<v>Familienhilfe e. V.</v></c>')
    netmap, report = validate_excel(path)
    assert netmap is not None and netmap.graph.nodes["CAFE"]["capacity"] == 20
    assert not {"excel-error", "formula-without-value"} & set(codes(report))


# --- merged cells ------------------------------------------------------------------------


def test_merged_district_is_filled_down_with_a_warning(tmp_path: Path) -> None:
    sheets = base_sheets()
    for row in sheets["Akteure"]:
        row["Sozialraum"] = None
    sheets["Akteure"][0]["Sozialraum"] = "Nord"
    path = write_base(tmp_path / "k.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    letter = _column("Akteure", "Sozialraum")
    wb["Akteure"].merge_cells(f"{letter}2:{letter}7")  # two rows past the last entry
    wb.save(path)
    netmap, report = validate_excel(path)
    assert netmap is not None
    assert [netmap.graph.nodes[n].get("district") for n in ("TR", "K1", "GS1", "P1")] == \
        ["Nord"] * 4
    assert netmap.counts()["actor"] == 4  # no rows invented below the data
    issue = only(report, "merged-cells")
    assert (issue.severity, issue.row, issue.column) == ("warning", 2, "Sozialraum")
    assert f"{letter}2:{letter}7" in issue.message and "Zeilen 2 bis 5" in issue.message


# --- JSON: numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(("literal", "shown"), [
    ("9" * 5000, "(5000 Ziffern)"),
    ("1" + "0" * 400, "(401 Ziffern)"),
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    ("1e400", "1e400"),
])
def test_numbers_no_one_can_hold_are_reported_with_their_path(
        small_map: NetworkMap, tmp_path: Path, literal: str, shown: str) -> None:
    doc = _doc(small_map, tmp_path)
    i, node = next((i, n) for i, n in enumerate(doc["nodes"]) if n["type"] == "offer")
    node["capacity"] = "@@"
    text = json.dumps(doc).replace('"@@"', literal)
    (issue,) = _read_errors(tmp_path, text)
    assert issue.code == "bad-number" and issue.column == "Kapazität"
    assert f"nodes[{i}].capacity" in issue.message and shown in issue.message


@pytest.mark.parametrize(("nid", "key", "value", "path_key"), [
    ("KITA1", "lat", 95.0, "lat"),
    ("KITA1", "lon", -500, "lon"),
    ("SG", "meetings_per_year", -3.0, "meetings_per_year"),
    ("SG", "meetings_per_year", 1e300, "meetings_per_year"),
])
def test_numbers_out_of_range(small_map: NetworkMap, tmp_path: Path, nid: str, key: str,
                              value: float, path_key: str) -> None:
    doc = _doc(small_map, tmp_path)
    i, node = _node(doc, nid)
    node[key] = value
    (issue,) = _read_errors(tmp_path, doc)
    assert issue.code == "bad-number" and f"nodes[{i}].{path_key}" in issue.message


def test_negative_capacity(small_map: NetworkMap, tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    i, node = next((i, n) for i, n in enumerate(doc["nodes"]) if n["type"] == "offer")
    node["capacity"] = -5
    (issue,) = _read_errors(tmp_path, doc)
    assert issue.code == "bad-number" and issue.sheet == "Angebote"
    assert f"nodes[{i}].capacity" in issue.message and "ab 0" in issue.message


# --- JSON: references and districts -------------------------------------------------------


def test_lead_and_venue_must_name_a_node_of_the_right_type(small_map: NetworkMap,
                                                           tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    committee = next(n for n in doc["nodes"] if n["type"] == "committee")
    offer = next(n for n in doc["nodes"] if n["type"] == "offer")
    committee["lead"] = "GIBT-ES-NICHT"
    offer["venue"] = committee["id"]  # a committee is no place
    errors = {i.code: i for i in _read_errors(tmp_path, doc)}
    assert set(errors) == {"unknown-reference", "wrong-reference-type"}
    assert "GIBT-ES-NICHT" in errors["unknown-reference"].message
    assert errors["unknown-reference"].column == "Federführung"
    assert ".lead)" in errors["unknown-reference"].message
    assert errors["wrong-reference-type"].column == "Ort"


def test_district_name_that_is_a_list(small_map: NetworkMap, tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    doc["districts"]["data"][0][0] = ["Nord"]
    (issue,) = _read_errors(tmp_path, doc)
    assert issue.sheet == "Sozialräume" and "districts.data[0][0]" in issue.message


def test_negative_inhabitants(small_map: NetworkMap, tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    column = doc["districts"]["columns"].index("population") + 1
    doc["districts"]["data"][0][column] = -9800
    (issue,) = _read_errors(tmp_path, doc)
    assert issue.code == "bad-number" and issue.column == "Einwohner"
    assert f"districts.data[0][{column}]" in issue.message


def test_a_dtype_never_changes_a_value(small_map: NetworkMap, tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    column = doc["districts"]["columns"].index("population")
    doc["districts"]["data"][0][column + 1] = 9800
    doc["districts"]["dtypes"][column] = "int8"  # 9800 would wrap around to 72
    (issue,) = _read_errors(tmp_path, doc)
    assert issue.value == "int8" and "9800 würde zu 72" in issue.message
    assert f"districts.dtypes[{column}]" in issue.message


def test_valid_dtypes_still_apply(small_map: NetworkMap, tmp_path: Path) -> None:
    doc = _doc(small_map, tmp_path)
    path = tmp_path / "gut.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert str(read_json(path).districts["population"].dtype) == "Int64"


# --- a map in memory is checked before it is written --------------------------------------


def test_check_map_finds_what_the_reader_would_refuse(small_map: NetworkMap) -> None:
    offer = next(n for n, d in small_map.graph.nodes(data=True) if d["type"].value == "offer")
    small_map.graph.nodes[offer]["capacity"] = 10**400
    small_map.graph.nodes[offer]["extra"]["Nummer"] = 10**400
    report = check_map(small_map)
    assert [i.code for i in report.errors] == ["bad-number", "bad-number"]
    assert all(i.sheet == "Angebote" for i in report.errors)


# --- cells longer than Excel holds --------------------------------------------------------


def test_export_refuses_cells_longer_than_excel_holds(small_map: NetworkMap,
                                                      tmp_path: Path) -> None:
    nid = next(iter(small_map.graph.nodes))
    long_text = "x" * (EXCEL_CELL_LIMIT + 1)
    small_map.graph.nodes[nid]["note"] = long_text
    target = tmp_path / "k.xlsx"
    with pytest.raises(ValidationError) as caught:
        write_excel(small_map, target)
    (issue,) = caught.value.report.errors
    assert issue.code == "cell-too-long" and issue.column == "Bemerkung" and issue.row == 2
    assert f"„{nid}“" in issue.message and "32.767" in issue.message
    assert not target.exists()
    back = read_json(write_json(small_map, tmp_path / "k.json"))
    assert back.graph.nodes[nid]["note"] == long_text  # JSON keeps every character


def test_a_cell_of_exactly_the_limit_is_fine(small_map: NetworkMap, tmp_path: Path) -> None:
    nid = next(iter(small_map.graph.nodes))
    small_map.graph.nodes[nid]["note"] = "x" * EXCEL_CELL_LIMIT
    assert write_excel(small_map, tmp_path / "k.xlsx").exists()


def test_foreign_sheets(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Akteure"
    wb.create_sheet("Notizen")
    wb.create_sheet("anleitung")
    wb.save(tmp_path / "eigen.xlsx")
    assert foreign_sheets(tmp_path / "eigen.xlsx") == ["Notizen"]
    (tmp_path / "kaputt.xlsx").write_bytes(b"kein zip")
    assert foreign_sheets(tmp_path / "kaputt.xlsx") == []
