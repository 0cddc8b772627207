"""The Stadtplan layout: positions from coordinates, Sozialräume as areas, need, gaps, reach."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from maps import NORD, SUED, build_city_map, build_enclave_map, enclave_features

import netzkarte as nk
from netzkarte import NetworkMap
from netzkarte.analysis.coverage import find_coverage_gaps
from netzkarte.analysis.findings import Finding
from netzkarte.districts import REACH_KM, haversine_km
from netzkarte.io.geojson import DistrictShape, GeoJSONError, parse_district_shapes
from netzkarte.render.html_map import build_payload
from netzkarte.render.layouts import (
    LAYOUTS,
    NO_COORDINATES,
    PX_PER_KM,
    Layout,
    _area_centre,
    _inner_point,
    compute_layout,
    located_nodes,
)


def _square(name: str, lat: float, lon: float, half: float = 0.01) -> DistrictShape:
    ring = ((lon - half, lat - half), (lon + half, lat - half), (lon + half, lat + half),
            (lon - half, lat + half), (lon - half, lat - half))
    return DistrictShape(name, (ring,))


def test_stadtplan_is_a_registered_layout() -> None:
    assert "stadtplan" in LAYOUTS and "Koordinaten" in LAYOUTS["stadtplan"]


def test_positions_follow_the_coordinates_at_the_scale() -> None:
    m = build_city_map()
    pos = compute_layout(m, "stadtplan").positions
    (x1, y1), (x2, y2) = pos["K1"], pos["S1"]
    assert x2 > x1 and y2 > y1  # Südpark lies east and south: right and below
    km = haversine_km(*NORD, *SUED)
    assert math.hypot(x2 - x1, y2 - y1) / PX_PER_KM == pytest.approx(km, rel=0.01)
    # an offer without coordinates stands at its venue; two at one point do not overlap
    assert math.dist(pos["O1"], pos["K1"]) < 30
    assert pos["EB"] != pos["S1"] and math.dist(pos["EB"], pos["S1"]) < 30
    assert located_nodes(m)["O1"] == NORD


def test_nodes_without_coordinates_are_parked_in_a_labelled_strip_below() -> None:
    m = build_city_map()
    lay = compute_layout(m, "stadtplan")
    lowest = max(lay.positions[n][1] for n in located_nodes(m))
    assert all(lay.positions[n][1] > lowest for n in ("G1", "JA"))
    assert any(g.kind == "text" and g.text == "Ohne Koordinaten (2)" for g in lay.guides)


def test_hulls_when_no_file_shaded_by_need_and_named() -> None:
    m = build_city_map()
    lay = compute_layout(m, "stadtplan", findings=[])
    areas = {g.district: g for g in lay.guides if g.kind == "polygon"}
    assert set(areas) == {"Nordstadt", "Südpark"}
    nord = areas["Nordstadt"]
    xs, ys = nord.points[::2], nord.points[1::2]
    for node in ("K1", "K2"):  # the hull takes in the district's institutions
        x, y = lay.positions[node]
        assert min(xs) < x < max(xs) and min(ys) < y < max(ys)
    # the neediest district is darker; the legend names the indicator and the classes
    assert _grey(areas["Nordstadt"].fill) < _grey(areas["Südpark"].fill)
    assert lay.legend is not None
    assert lay.legend["title"].startswith("Sozialräume nach Bedarf: SGB-II-Quote Kinder (%)")
    assert next(i["label"] for i in lay.legend["items"] if i["kind"] == "fill") == "9,0 bis 16,2"
    assert not any(a.hatch for a in areas.values())  # no gap given
    names = [g.text for g in lay.guides if g.kind == "text"]
    assert "Nordstadt" in names and "Südpark" in names


def _grey(colour: str) -> int:
    return int(colour[1:3], 16)


def test_gaps_are_outlined_and_hatched_and_services_get_their_reach_circle() -> None:
    m = build_city_map()
    gap = Finding.create("coverage_gap", "high", "Kein Angebot in Nordstadt",
                         district="Nordstadt")
    lay = compute_layout(m, "stadtplan", findings=[gap])
    areas = {g.district: g for g in lay.guides if g.kind == "polygon"}
    assert areas["Nordstadt"].hatch and areas["Nordstadt"].stroke == "#D40000"
    assert not areas["Südpark"].hatch
    assert "Nordstadt – 1 Versorgungslücke" in [g.text for g in lay.guides]
    circles = [g for g in lay.guides if g.kind == "circle"]
    assert len(circles) == 2  # the Kinderarztpraxis and the Erziehungsberatungsstelle
    assert all(c.r == pytest.approx(REACH_KM * PX_PER_KM) for c in circles)
    assert lay.legend is not None
    labels = " ".join(i["label"] for i in lay.legend["items"])
    assert "Kinderarztpraxis: Umkreis 1,5 km" in labels and "Versorgungslücke" in labels
    # the gaps come from the analysis; the layout computes none of its own
    computed = compute_layout(m, "stadtplan", findings=find_coverage_gaps(m))
    assert any(g.kind == "polygon" and g.hatch for g in computed.guides)
    assert not any(g.kind == "polygon" and g.hatch
                   for g in compute_layout(m, "stadtplan").guides)


def test_the_app_layer_outlines_the_gaps_when_no_findings_are_given() -> None:
    m = build_city_map()
    gaps = {f.district for f in find_coverage_gaps(m) if f.district}
    for page in (nk.show(m, layout="stadtplan").page, str(m.to_html(layout="stadtplan"))):
        raw = page.split('id="netzkarte-data">', 1)[1].split("</script>", 1)[0]
        hatched = {g["district"] for g in json.loads(raw)["guides"]
                   if g["kind"] == "polygon" and g.get("hatch")}
        assert hatched == gaps and hatched


def test_areas_from_a_file_match_by_folded_name_and_the_rest_are_hulls(
        caplog: pytest.LogCaptureFixture) -> None:
    m = build_city_map()
    shapes = [_square("NORDSTADT", *NORD), _square("Hafen", 51.5, 7.3)]
    lay = compute_layout(m, "stadtplan", district_shapes=shapes, findings=[])
    areas = {g.district: g for g in lay.guides if g.kind == "polygon"}
    assert set(areas) == {"Nordstadt", "Südpark"}
    assert len(areas["Nordstadt"].points) == 8  # the file's square (closing point dropped)
    assert "Hafen" in caplog.text and "Südpark" in caplog.text


def test_no_matching_area_is_a_german_error() -> None:
    with pytest.raises(GeoJSONError, match=r"Keine Fläche .* „Hafen“.*„Nordstadt“"):
        compute_layout(build_city_map(), "stadtplan", district_shapes=[_square("Hafen", 51.5, 7.3)])


def test_a_map_without_coordinates_parks_everything_and_says_so(
        small_map: NetworkMap, caplog: pytest.LogCaptureFixture) -> None:
    lay = compute_layout(small_map, "stadtplan")
    assert set(lay.positions) == set(small_map.graph.nodes)
    assert lay.legend is not None and lay.legend["note"] == NO_COORDINATES
    assert "braucht Koordinaten" in caplog.text


def test_payload_carries_the_areas_and_their_legend(tmp_path: Path) -> None:
    m = build_city_map()
    geo = tmp_path / "flaechen.geojson"
    geo.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"Sozialraum": "Suedpark"},
         "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in
                                                          _square("x", *SUED).rings[0]]]}}]}),
        encoding="utf-8")
    payload: dict[str, Any] = build_payload(m, layout="stadtplan", district_shapes=geo,
                                            need_indicator="sgb-ii-quote kinder (%)")
    assert payload["meta"]["layout"] == "stadtplan"
    polygons = [g for g in payload["guides"] if g["kind"] == "polygon"]
    assert {g["district"] for g in polygons} == {"Nordstadt", "Südpark"}
    assert all(len(g["pts"]) >= 6 and "fill" in g for g in polygons)
    assert payload["legend"]["areas"]["title"].startswith("Sozialräume nach Bedarf")


def _enclave_layout() -> Layout:
    shapes = parse_district_shapes({"type": "FeatureCollection", "features": enclave_features()})
    return compute_layout(build_enclave_map(), "stadtplan", district_shapes=shapes, findings=[])


def test_an_enclave_lies_in_the_hole_of_the_district_around_it() -> None:
    lay = _enclave_layout()
    areas = {g.district: g for g in lay.guides if g.kind == "polygon"}
    ring, inner = areas["Ring"], areas["Innenstadt"]
    assert len(ring.holes) == 1 and not inner.holes
    # a point in the hole belongs to the inner district, one in the band to the Ring
    xs, ys = inner.points[::2], inner.points[1::2]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    assert lay.district_at(*centre) == "Innenstadt"
    assert lay.district_at(*lay.positions["KM"]) == "Innenstadt"
    assert lay.district_at(*lay.positions["SR"]) == "Ring"
    assert lay.district_at(min(xs) - 500, centre[1]) is None  # outside both
    # the Ring's point and its name lie in its own area, not in the hole (its centroid does)
    assert lay.district_at(ring.x, ring.y) == "Ring"
    assert math.dist((ring.x, ring.y), centre) > 100
    label = next(g for g in lay.guides if g.kind == "text" and g.text == "Ring")
    assert lay.district_at(label.x, label.y) != "Innenstadt"
    # the hole is wound against the outline: drawn open by the non-zero rule too
    payload = ring.to_dict()
    assert len(payload["holes"]) == 1 and len(payload["holes"][0]) == 8


def test_area_and_centroid_subtract_the_holes() -> None:
    outer = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    hole = [(0.0, 0.0), (0.0, 5.0), (10.0, 5.0), (10.0, 0.0)]  # the lower half cut out
    area, cx, cy = _area_centre(outer, [hole])
    assert (area, cx, cy) == pytest.approx((50.0, 5.0, 7.5))
    # a ring: the centroid is the middle of the hole, the label point lies in the band
    frame = [(2.0, 2.0), (2.0, 8.0), (8.0, 8.0), (8.0, 2.0)]
    assert _area_centre(outer, [frame])[1:] == pytest.approx((5.0, 5.0))
    x, y = _inner_point(outer, [frame])
    assert not (2 <= x <= 8 and 2 <= y <= 8) and 0 < x < 10 and 0 < y < 10
    assert _inner_point(outer) == pytest.approx((5.0, 5.0))  # a plain square: its centre
