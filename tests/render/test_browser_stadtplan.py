"""The Stadtplan in Chromium: areas drawn, nodes where their coordinates say, nothing fetched."""

from __future__ import annotations

import math
from typing import Any

import pytest
from maps import NORD, SUED, build_city_map

from netzkarte.analysis.coverage import haversine_km
from netzkarte.io.geojson import DistrictShape
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
