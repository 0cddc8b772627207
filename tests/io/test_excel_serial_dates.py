"""Excel serial numbers in a date column are read as the days they count.

Systems exporting to Excel often write a date as its serial number without a date format
(``43466`` for 01.01.2019), sometimes as text. A whole number of a plausible day (1960 …
2059) is read as that day with a warning saying so; a four-digit number stays a year. The
written workbook gives back what was typed – the number as a number, text as text – and
reading it again gives the same day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from xlsx_helpers import base_sheets, edge, write_base

from netzkarte.io.cells import SERIAL_NOTE, excel_serial_date, parse_date
from netzkarte.io.excel import validate_excel
from netzkarte.io.json_format import read_json, write_json
from netzkarte.io.template import write_excel


@pytest.mark.parametrize(("value", "day"), [
    (43466, date(2019, 1, 1)),
    (43466.0, date(2019, 1, 1)),
    ("43466", date(2019, 1, 1)),
    (" 43831 ", date(2020, 1, 1)),
    ("43831.0", date(2020, 1, 1)),
    (21916, date(1960, 1, 1)),
    (58440, date(2059, 12, 31)),
])
def test_a_serial_number_is_read_as_its_day_with_a_note(value: object, day: date) -> None:
    assert parse_date(value) == (day, SERIAL_NOTE)


@pytest.mark.parametrize("value", [21915, 58441, "58441", "123456", 43466.5, "4346"])
def test_a_number_outside_the_plausible_days_is_no_date(value: object) -> None:
    assert parse_date(value) == (None, "")


@pytest.mark.parametrize("value", [2019, "2019"])
def test_a_four_digit_number_stays_a_year(value: object) -> None:
    assert parse_date(value) == (date(2019, 1, 1), "nur das Jahr: der 1. Januar")


def test_the_1900_leap_year_bug_is_minded() -> None:
    assert excel_serial_date(1) == date(1900, 1, 1)
    assert excel_serial_date(59) == date(1900, 2, 28)
    assert excel_serial_date(60) is None  # Excel's 29.02.1900, a day that never was
    assert excel_serial_date(61) == date(1900, 3, 1)
    assert excel_serial_date(45292) == date(2024, 1, 1)


def _since(path: Path) -> dict[tuple[str, str], object]:
    ws = openpyxl.load_workbook(path)["Mitgliedschaften"]
    headers = [c.value for c in ws[1]]
    return {(row[headers.index("Mitglied")], row[headers.index("Gremium")]):
            row[headers.index("Seit")] for row in ws.iter_rows(min_row=2, values_only=True)}


@pytest.mark.parametrize("via_json", [False, True], ids=["xlsx", "json-xlsx"])
def test_serial_numbers_are_read_and_written_back_as_typed(tmp_path: Path,
                                                           via_json: bool) -> None:
    sheets = base_sheets()
    sheets["Mitgliedschaften"][2]["Seit"] = 43466  # K1 in SRK: a number
    sheets["Mitgliedschaften"][3]["Seit"] = "43831"  # GS1 in SRK: the same as text
    path = write_base(tmp_path / "eingabe.xlsx", sheets)
    netmap, report = validate_excel(path)
    assert netmap is not None and report.ok
    assert edge(netmap, "K1", "SRK")["since"] == date(2019, 1, 1)
    assert edge(netmap, "GS1", "SRK")["since"] == date(2020, 1, 1)
    said = [i.message for i in report.issues if i.column == "Seit"]
    assert len(said) == 2
    assert "„43466“ als Excel-Datumszahl gelesen: 01.01.2019" in said[0]
    assert "„43831“ als Excel-Datumszahl gelesen: 01.01.2020" in said[1]
    if via_json:
        netmap = read_json(write_json(netmap, tmp_path / "karte.json"))
    written = write_excel(netmap, tmp_path / "zurueck.xlsx")
    cells = _since(written)
    assert cells[("K1", "SRK")] == 43466 and isinstance(cells[("K1", "SRK")], int)
    assert cells[("GS1", "SRK")] == "43831"
    back, again = validate_excel(written)
    assert back is not None and again.ok
    assert edge(back, "K1", "SRK")["since"] == date(2019, 1, 1)
    assert edge(back, "GS1", "SRK")["since"] == date(2020, 1, 1)
    assert sorted(i.message for i in again.issues) == sorted(i.message for i in report.issues)
