"""The metadata block on *Anleitung* survives export and import, extra labels included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netzkarte import NetworkMap
from netzkarte.io.excel import read_excel
from netzkarte.io.template import write_excel


def test_meta_and_extra_labels_round_trip(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.meta.mission = "Gut aufwachsen in Testheim"
    small_map.meta.goals = ("Teilhabe sichern", "Übergänge gestalten")
    small_map.meta.snapshot = date(2019, 3, 31)
    small_map.meta.extra = {"Bundesland": "Nordrhein-Westfalen", "Einwohner": "60000"}
    path = write_excel(small_map, tmp_path / "karte.xlsx")
    meta = read_excel(path).meta
    assert meta.mission == "Gut aufwachsen in Testheim"
    assert meta.goals == ("Teilhabe sichern", "Übergänge gestalten")
    assert meta.snapshot == date(2019, 3, 31)
    assert meta.extra == {"Bundesland": "Nordrhein-Westfalen", "Einwohner": "60000"}


def test_guide_text_is_not_mistaken_for_metadata(tmp_path: Path) -> None:
    path = write_excel(NetworkMap("Leerstadt"), tmp_path / "leer.xlsx")
    assert read_excel(path).meta.extra == {}
