"""``netzkarte karte --layout stadtplan [--sozialraeume FLAECHEN.geojson] [--bedarf SPALTE]``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from maps import NORD, SUED, build_city_map, build_enclave_map, enclave_features

from netzkarte import cli
from netzkarte.io.exchange import write_json


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def karte(tmp_path: Path) -> Path:
    return write_json(build_city_map(), tmp_path / "planstadt.json")


def _geojson(path: Path, features: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


def _square(name: str, lat: float, lon: float) -> dict[str, object]:
    ring = [[lon - 0.01, lat - 0.01], [lon + 0.01, lat - 0.01], [lon + 0.01, lat + 0.01],
            [lon - 0.01, lat + 0.01], [lon - 0.01, lat - 0.01]]
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _payload(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="netzkarte-data">(.*?)</script>',
                    text, re.S)
    assert raw
    return dict(json.loads(raw.group(1)))


def test_stadtplan_with_areas_and_a_chosen_indicator(capsys: pytest.CaptureFixture[str],
                                                     karte: Path, tmp_path: Path) -> None:
    geo = _geojson(tmp_path / "flaechen.geojson", [_square("Nordstadt", *NORD),
                                                   _square("Suedpark", *SUED)])
    target = tmp_path / "karte.html"
    code, out, err = run(capsys, "karte", str(karte), "-o", str(target), "--sozialraeume",
                         str(geo), "--bedarf", "SGB-II-Quote Kinder (%)")
    assert code == 0, err
    assert "Karte geschrieben" in out
    payload = _payload(target)
    assert payload["meta"]["layout"] == "stadtplan"  # type: ignore[index]
    assert "SGB-II-Quote Kinder (%)" in payload["legend"]["areas"]["title"]  # type: ignore[index]
    assert "https://" not in target.read_text(encoding="utf-8").split("<script>")[0]


def test_an_enclave_file_keeps_the_hole_of_the_district_around_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    karte = write_json(build_enclave_map(), tmp_path / "ringstadt.json")
    geo = _geojson(tmp_path / "flaechen.geojson", enclave_features())
    target = tmp_path / "karte.html"
    code, _, err = run(capsys, "karte", str(karte), "-o", str(target), "--layout", "stadtplan",
                       "--sozialraeume", str(geo), "--ohne-befunde")
    assert code == 0, err
    guides: list[dict[str, Any]] = _payload(target)["guides"]  # type: ignore[assignment]
    areas = {g["district"]: g for g in guides if g["kind"] == "polygon"}
    assert len(areas["Ring"]["holes"]) == 1 and "holes" not in areas["Innenstadt"]
    assert sorted(areas["Ring"]["holes"][0]) == sorted(areas["Innenstadt"]["pts"])


@pytest.mark.parametrize(("content", "code", "message"), [
    ("{kaputt", 2, "kein gültiges JSON"),
    (json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Nordstadt"},
        "geometry": {"type": "Polygon", "coordinates": [[[370000, 5700000], [371000, 5700000],
                                                         [370500, 5701000]]]}}]}), 1,
     "vermutlich Meter"),
    (json.dumps({"type": "FeatureCollection", "features": []}), 1, "keine benannte Fläche"),
])
def test_bad_geojson_is_a_german_message_without_traceback(
        capsys: pytest.CaptureFixture[str], karte: Path, tmp_path: Path, content: str,
        code: int, message: str) -> None:
    geo = tmp_path / "flaechen.geojson"
    geo.write_text(content, encoding="utf-8")
    target = tmp_path / "karte.html"
    result, out, err = run(capsys, "karte", str(karte), "-o", str(target), "--layout",
                           "stadtplan", "--sozialraeume", str(geo))
    assert result == code
    assert message in err and "Traceback" not in err + out
    assert err.startswith("netzkarte: ")
    assert not target.exists()


def test_areas_of_another_town_and_option_conflicts(capsys: pytest.CaptureFixture[str],
                                                    karte: Path, tmp_path: Path) -> None:
    geo = _geojson(tmp_path / "flaechen.geojson", [_square("Hafen", 53.5, 9.9)])
    code, _, err = run(capsys, "karte", str(karte), "-o", str(tmp_path / "k.html"),
                       "--sozialraeume", str(geo))
    assert code == 1 and "Keine Fläche der Flächendatei passt" in err and "„Hafen“" in err
    code, _, err = run(capsys, "karte", str(karte), "-o", str(tmp_path / "k.html"),
                       "--layout", "kreis", "--sozialraeume", str(geo))
    assert code == 2 and "--sozialraeume gilt nur für --layout stadtplan" in err
    code, _, err = run(capsys, "karte", str(karte), "-o", str(tmp_path / "k.html"),
                       "--layout", "stadtplan", "--sozialraeume", str(tmp_path / "fehlt.json"))
    assert code == 2 and "gibt es nicht" in err
    code, _, err = run(capsys, "karte", str(karte), "-o", str(tmp_path / "k.html"),
                       "--layout", "stadtplan", "--bedarf", "Mondphase")
    assert code == 2 and "Mondphase" in err and "Traceback" not in err


def test_without_findings_the_stadtplan_still_outlines_the_coverage_gaps(
        capsys: pytest.CaptureFixture[str], karte: Path, tmp_path: Path) -> None:
    pages: dict[str, Path] = {}
    for name, extra in (("befunde", ()), ("ohne", ("--ohne-befunde",))):
        pages[name] = tmp_path / f"{name}.html"
        code, _, err = run(capsys, "karte", str(karte), "-o", str(pages[name]),
                           "--layout", "stadtplan", *extra)
        assert code == 0, err
    guides: dict[str, list[dict[str, Any]]] = {
        name: _payload(page)["guides"] for name, page in pages.items()}  # type: ignore[misc]
    assert guides["ohne"] == guides["befunde"]
    assert any(g["kind"] == "polygon" and g.get("hatch") for g in guides["ohne"])


def test_stadtplan_without_any_coordinates_says_what_to_enter(
        capsys: pytest.CaptureFixture[str], small_map: object, tmp_path: Path) -> None:
    karte = write_json(small_map, tmp_path / "karte.json")  # type: ignore[arg-type]
    code, _, err = run(capsys, "karte", str(karte), "-o", str(tmp_path / "k.html"),
                       "--layout", "stadtplan", "--ohne-befunde")
    assert code == 1 and "braucht Koordinaten" in err and "Breitengrad" in err
