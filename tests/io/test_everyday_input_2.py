"""Everyday input of a second round of testing is read as meant.

* a Sozialraum such as „ganzer Bezirk“, „stadtweit“ or „alle“ means the whole town: the
  entry counts for every Sozialraum, with a warning; the text is kept and written back, and
  a district of that name on the sheet Sozialräume stays a district.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from xlsx_helpers import Rows, base_sheets, write_base

from netzkarte import read_excel, write_excel
from netzkarte.analysis.datenlage import local_district
from netzkarte.districts import offer_district
from netzkarte.io.build import build_map


def _sheets(**rows: Rows) -> dict[str, Rows]:
    data = base_sheets()
    for sheet, extra in rows.items():
        data[sheet].extend(extra)
    return data


def _offer(district: str, **cells: Any) -> dict[str, Any]:
    return {"ID": "EB", "Name": "Erziehungsberatung", "Anbieter": "TR",
            "Kategorie": "Elterncafé", "Sozialraum": district, **cells}


# --- Sozialraum words meaning "everywhere" -----------------------------------------------


@pytest.mark.parametrize("word", ["ganzer Bezirk", "bezirksweit", "ganze Kommune", "stadtweit",
                                  "gesamtstädtisch", "ganze Stadt", "kreisweit",
                                  "alle Sozialräume", "alle", "überall", "Ganzer  Bezirk"])
def test_everywhere_district_is_town_wide(word: str) -> None:
    m, report = build_map(_sheets(Angebote=[_offer(word)]))
    assert report.ok
    assert "district" not in m.graph.nodes["EB"]
    assert offer_district(m, "EB") is None and local_district(m, "EB") is None
    assert m.graph.nodes["EB"]["extra"]["Sozialraum"] == word
    found = [i for i in report.warnings if i.row == 3 and i.sheet == "Angebote"]
    assert [i.code for i in found] == ["guessed-value"]
    assert "als ganze Kommune gelesen: das Angebot zählt für jeden Sozialraum" in found[0].message
    assert found[0].column == "Sozialraum" and found[0].value == word
    assert "tragen Sie ihn so ein" in found[0].message
    assert not [i for i in report.issues if i.code == "unknown-district"]


def test_everywhere_word_with_level_district_says_so_once() -> None:
    _m, report = build_map(_sheets(Akteure=[
        {"ID": "SM", "Name": "Stadtteilmütter", "Kategorie": "Stadtteilmütter",
         "Ebene": "Sozialraum", "Sozialraum": "ganzer Bezirk"}]))
    found = [i for i in report.warnings if i.row == 6 and i.sheet == "Akteure"]
    assert "der Eintrag zählt für jeden Sozialraum" in found[0].message
    assert len(found) == 1 and "Ebene „Kommune“" in found[0].message


def test_everywhere_word_that_is_a_real_district_stays_a_district() -> None:
    data = _sheets(Angebote=[_offer("Alle")],
                   Sozialräume=[{"Sozialraum": "Alle", "Kommune": "Testheim"}])
    m, report = build_map(data)
    assert m.graph.nodes["EB"]["district"] == "Alle"
    assert not [i for i in report.warnings if i.sheet == "Angebote"]


def test_everywhere_word_is_written_back(tmp_path: Path) -> None:
    m = read_excel(write_base(tmp_path / "in.xlsx", _sheets(Angebote=[_offer("stadtweit")])))
    write_excel(m, tmp_path / "out.xlsx")
    again = read_excel(tmp_path / "out.xlsx")
    assert "district" not in again.graph.nodes["EB"]
    assert again.graph.nodes["EB"]["extra"]["Sozialraum"] == "stadtweit"
