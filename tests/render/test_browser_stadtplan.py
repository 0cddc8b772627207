"""The Stadtplan in Chromium: areas drawn, nodes where their coordinates say, nothing fetched."""

from __future__ import annotations

import math
from typing import Any

import pytest
from maps import NORD, SUED, build_city_map, build_enclave_map, enclave_features

from netzkarte.analysis.coverage import haversine_km
from netzkarte.io.geojson import DistrictShape, parse_district_shapes
from netzkarte.render.layouts import PX_PER_KM

pytestmark = pytest.mark.browser


def _square(name: str, lat: float, lon: float, half: float = 0.012) -> DistrictShape:
    ring = ((lon - half, lat - half), (lon + half, lat - half), (lon + half, lat + half),
            (lon - half, lat + half), (lon - half, lat - half))
    return DistrictShape(name, (ring,))


PIXELS = """points => {
    // one read of the whole canvas (several reads make Chromium warn on the console)
    const canvas = document.querySelector('#nk-network canvas');
    const ratio = canvas.width / canvas.clientWidth;
    const all = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return points.map(([x, y, dom]) => {
      const p = dom ? {x, y} : netzkarte.network.canvasToDOM({x, y});
      const i = 4 * (Math.round(p.y * ratio) * canvas.width + Math.round(p.x * ratio));
      return [all[i], all[i + 1], all[i + 2], all[i + 3]]; }); }"""


def test_stadtplan_draws_the_areas_places_nodes_by_coordinates_and_fetches_nothing(
        open_map: Any) -> None:
    m = build_city_map()
    shapes = [_square("Nordstadt", *NORD), _square("Südpark", *SUED)]
    shown = open_map(m, layout="stadtplan", district_shapes=shapes, findings=[],
                     viewport=(1400, 900))
    data = shown.js("JSON.parse(document.getElementById('netzkarte-data').textContent)")
    assert data["meta"]["layout"] == "stadtplan"
    areas = {g["district"]: g for g in data["guides"] if g["kind"] == "polygon"}
    assert set(areas) == {"Nordstadt", "Südpark"}
    # the neediest Sozialraum is drawn in its fill: sample inside its square, away from
    # the nodes in the middle and from the reach circles around the Südpark services
    nord = areas["Nordstadt"]
    xs, ys = nord["pts"][::2], nord["pts"][1::2]
    inset = [(min(xs) + f * (max(xs) - min(xs)), min(ys) + g * (max(ys) - min(ys)))
             for f, g in ((0.1, 0.1), (0.9, 0.1), (0.1, 0.9))]
    fill = tuple(int(nord["fill"][i:i + 2], 16) for i in (1, 3, 5))
    width = shown.js("document.getElementById('nk-network').clientWidth")
    *colours, corner = shown.js(PIXELS, [[x, y, False] for x, y in inset]
                                + [[width - 3, 3, True]])
    assert sum(all(abs(a - b) <= 3 for a, b in zip(c[:3], fill, strict=True))
               for c in colours) >= 2, (colours, fill)
    assert corner[3] == 0 or corner[:3] == [255, 255, 255]  # a plain background, no tiles
    # a node's position follows its coordinates (the scale and the direction)
    k1, s1 = shown.vid("K1"), shown.vid("S1")
    a, b = shown.js("ids => ids.map(id => netzkarte.network.getPosition(id))", [k1, s1])
    assert b["x"] > a["x"] and b["y"] > a["y"]  # south-east: right and below
    pixels = math.hypot(b["x"] - a["x"], b["y"] - a["y"])
    assert pixels / PX_PER_KM == pytest.approx(haversine_km(*NORD, *SUED), rel=0.01)
    # the legend says which indicator shades the areas, and the print draws them too
    assert "SGB-II-Quote Kinder (%)" in shown.text("#nk-legend")
    shown.js("netzkarte.preparePrint()")
    assert shown.js("f => document.querySelectorAll(`#nk-print polygon[fill='${f}']`).length",
                    nord["fill"]) >= 1
    shown.assert_clean()  # no request besides the page, no error


def test_an_enclave_shows_its_own_fill_not_the_district_around_it(open_map: Any) -> None:
    shapes = parse_district_shapes({"type": "FeatureCollection", "features": enclave_features()})
    shown = open_map(build_enclave_map(), layout="stadtplan", district_shapes=shapes,
                     findings=[], viewport=(900, 700))
    data = shown.js("JSON.parse(document.getElementById('netzkarte-data').textContent)")
    areas = {g["district"]: g for g in data["guides"] if g["kind"] == "polygon"}
    inner, ring = areas["Innenstadt"], areas["Ring"]
    assert inner["fill"] != ring["fill"] and len(ring["holes"]) == 1
    # inside the Innenstadt, south-west of its centre (its Kita stands north-east of it),
    # and in the Ring's band: each shows its own fill, the Ring drawn on top leaves its hole
    xs, ys = inner["pts"][::2], inner["pts"][1::2]
    enclave = (min(xs) + 0.3 * (max(xs) - min(xs)), min(ys) + 0.75 * (max(ys) - min(ys)))
    band = (ring["x"], ring["y"] - 40)
    assert ring["y"] > max(ys)  # the Ring's inner point lies in its band below the hole
    here, there = shown.js(PIXELS, [[*enclave, False], [*band, False]])

    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    assert all(abs(a - b) <= 3 for a, b in zip(here[:3], rgb(inner["fill"]), strict=True)), \
        (here, inner["fill"], ring["fill"])
    assert all(abs(a - b) <= 3 for a, b in zip(there[:3], rgb(ring["fill"]), strict=True)), \
        (there, ring["fill"])
    # the print draws the Ring as one path whose hole the even-odd rule leaves open
    shown.js("netzkarte.preparePrint()")
    assert shown.js("f => [...document.querySelectorAll("
                    "`#nk-print .nk-paper-A4 path[fill='${f}']`)]"
                    ".map(e => e.getAttribute('fill-rule'))", ring["fill"]) == ["evenodd"]
    shown.assert_clean()
