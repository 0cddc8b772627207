"""Sozialraum areas from GeoJSON: what is read, and German messages for everything else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netzkarte.errors import InputError
from netzkarte.io.geojson import GeoJSONError, parse_district_shapes, read_district_shapes

RING = [[7.20, 51.46], [7.22, 51.46], [7.21, 51.47], [7.20, 51.46]]


def _feature(name: Any, geometry: dict[str, Any], key: str = "name") -> dict[str, Any]:
    return {"type": "Feature", "properties": {key: name}, "geometry": geometry}


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def test_polygons_and_multipolygons_with_names_in_several_spellings() -> None:
    shapes = parse_district_shapes(_collection(
        _feature("Nordstadt", {"type": "Polygon", "coordinates": [RING, RING]}),
        _feature("Südpark", {"type": "MultiPolygon", "coordinates": [[RING], [RING]]},
                 key="SOZIALRAUM"),
        _feature("Punkt", {"type": "Point", "coordinates": [7.2, 51.4]}),
        _feature("", {"type": "Polygon", "coordinates": [RING]})))
    assert [(s.name, len(s.rings)) for s in shapes] == [("Nordstadt", 1), ("Südpark", 2)]
    assert shapes[0].rings[0][0] == (7.20, 51.46)  # longitude first, outer rings only


def test_a_single_feature_is_enough() -> None:
    shapes = parse_district_shapes(_feature("Nord", {"type": "Polygon", "coordinates": [RING]},
                                            key="Bezeichnung"))
    assert shapes[0].name == "Nord"


@pytest.mark.parametrize(("data", "message"), [
    ([1, 2], "beginnt mit einem Objekt"),
    ({"type": "Topology"}, "FeatureCollection"),
    ({"type": "FeatureCollection"}, "keine Liste „features“"),
    (_collection(_feature("A", {"type": "Point", "coordinates": [7, 51]})),
     "keine benannte Fläche"),
    (_collection(_feature("A", {"type": "Polygon", "coordinates": [
        [[370000.0, 5700000.0], [371000.0, 5700000.0], [370500.0, 5701000.0]]]})),
     "vermutlich Meter"),
    ({**_collection(_feature("A", {"type": "Polygon", "coordinates": [RING]})),
      "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}},
     "Bezugssystem"),
    (_collection(_feature("A", {"type": "Polygon", "coordinates": [[["a", "b"]] * 4]})),
     "zwei Zahlen"),
    (_collection(_feature("A", {"type": "Polygon", "coordinates": [RING[:2]]})),
     "mindestens drei Punkte"),
])
def test_unusable_content_is_a_german_geojson_error(data: Any, message: str) -> None:
    with pytest.raises(GeoJSONError, match=message):
        parse_district_shapes(data)


def test_file_problems_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gibt es nicht") as missing:
        read_district_shapes(tmp_path / "fehlt.geojson")
    assert missing.value.code == "file-missing"
    broken = tmp_path / "kaputt.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"kein gültiges JSON \(Zeile 1"):
        read_district_shapes(broken)
    binary = tmp_path / "bild.geojson"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(InputError, match="UTF-8"):
        read_district_shapes(binary)


def test_a_file_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = tmp_path / "flaechen.geojson"
    path.write_text(json.dumps(_collection(
        _feature("Nord", {"type": "Polygon", "coordinates": [RING]}))), encoding="utf-8-sig")
    assert read_district_shapes(path)[0].name == "Nord"


HOLE = [[7.205, 51.462], [7.21, 51.462], [7.21, 51.464], [7.205, 51.462]]


def test_a_polygon_keeps_its_hole_and_rings_stay_the_outer_rings() -> None:
    shape, = parse_district_shapes(_collection(
        _feature("Ring", {"type": "Polygon", "coordinates": [RING, HOLE]})))
    polygon, = shape.polygons
    assert polygon.outer == shape.rings[0] and polygon.outer[1] == (7.22, 51.46)
    assert polygon.holes == (tuple((lon, lat) for lon, lat in HOLE),)


def test_a_multipolygon_keeps_the_holes_of_each_polygon() -> None:
    other = [[lon + 0.1, lat] for lon, lat in RING]
    shape, = parse_district_shapes(_collection(_feature("Ring", {
        "type": "MultiPolygon", "coordinates": [[RING, HOLE, HOLE[::-1]], [other]]})))
    assert [len(p.holes) for p in shape.polygons] == [2, 0]
    assert len(shape.rings) == 2 and shape.rings[1][0] == (7.3, 51.46)


@pytest.mark.parametrize(("hole", "message"), [
    (HOLE[:2], r"1\. Loch \(innerer Ring\): Ein Loch braucht mindestens drei Punkte"),
    ([[7.205, 51.462], "x", [7.21, 51.464]], r"1\. Loch .*„x“ ist kein Punkt"),
    ([[370000.0, 5700000.0], [371000.0, 5700000.0], [370500.0, 5701000.0]],
     r"Loch .*vermutlich Meter"),
    ("kein Ring", "mindestens drei Punkte"),
])
def test_a_bad_hole_is_a_german_geojson_error(hole: Any, message: str) -> None:
    with pytest.raises(GeoJSONError, match=message) as error:
        parse_district_shapes(_collection(
            _feature("Ring", {"type": "Polygon", "coordinates": [RING, hole]})))
    assert "„Ring“" in str(error.value)


def test_a_hole_outside_its_polygon_is_dropped_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    outside = [[lon + 1, lat] for lon, lat in HOLE]
    shape, = parse_district_shapes(_collection(
        _feature("Ring", {"type": "Polygon", "coordinates": [RING, outside, HOLE]})))
    assert shape.polygons[0].holes == (tuple((lon, lat) for lon, lat in HOLE),)
    assert "1. Loch liegt nicht innerhalb der Fläche" in caplog.text
