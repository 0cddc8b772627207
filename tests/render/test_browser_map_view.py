"""What people see on the projected map: names, focus, findings, the Rundgang, large maps.

Label sizes and positions come from the page's own label layer (``netzkarte.labels()``:
screen pixels); every test also saves a screenshot next to its temporary files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from map_fixtures import MapPage

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.datasets import kindertal

pytestmark = pytest.mark.browser

VIEWPORTS = [(1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal()
    return m, analyze(m, progress=False)


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def _canvas_size(shown: MapPage) -> tuple[float, float]:
    box = shown.page.locator("#nk-network").bounding_box()
    return box["width"], box["height"]


def _on_screen(shown: MapPage) -> int:
    """How many shown nodes have their centre on the canvas."""
    return int(shown.js("""() => {
        const c = document.getElementById('nk-network');
        return netzkarte.visibleNodeIds().filter(id => {
            const p = netzkarte.network.canvasToDOM(netzkarte.network.getPosition(id));
            return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight;
        }).length; }"""))


@pytest.mark.parametrize("layout", ["netz", "kette", "kreis"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366", "1920"])
def test_first_view_names_the_important_nodes_readably(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], layout: str,
        viewport: tuple[int, int], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, layout=layout, findings=result, viewport=viewport)
    shown.page.screenshot(path=str(tmp_path / f"{layout}-{viewport[0]}.png"))
    labels = shown.js("netzkarte.labels()")
    named = {lab["id"] for lab in labels}
    top = shown.js("netzkarte.priority().slice(0, 12)")
    assert set(top) <= named  # the twelve most important are always named …
    assert all(lab["px"] >= 12 for lab in labels)  # … at 12 px or more on the screen
    assert len(labels) >= 30  # and more names where there is room
    for i, a in enumerate(labels):  # collision-free
        assert not any(_overlap(a, b) for b in labels[i + 1:]), a["text"]
    width, _ = _canvas_size(shown)
    inside = [lab for lab in labels if not lab["always"]]
    assert all(lab["x"] >= 0 and lab["x"] + lab["w"] <= width + 1 for lab in inside)
    # zooming in names a larger share of what is on the screen, at the same size
    share = len(labels) / _on_screen(shown)
    shown.js("netzkarte.network.moveTo({scale: netzkarte.scale() * 3})")
    shown.page.wait_for_timeout(100)
    zoomed = shown.js("netzkarte.labels()")
    assert all(lab["px"] >= 12 for lab in zoomed)
    assert {lab["px"] for lab in zoomed} <= {lab["px"] for lab in labels} | {15}
    assert len(zoomed) / _on_screen(shown) > min(share, 0.95)
    shown.assert_clean()


def test_unconnected_nodes_sit_in_a_labelled_strip_and_the_view_fits_the_network(
        open_map: Any, small_map: NetworkMap, tmp_path: Path) -> None:
    for i in range(3):
        small_map.add_node(f"ALONE{i}", "actor", name=f"Ohne Partner {i}", category="Kita")
    shown = open_map(small_map, viewport=(1366, 768))
    shown.page.screenshot(path=str(tmp_path / "strip.png"))
    alone = [shown.vid(f"ALONE{i}") for i in range(3)]
    others = [shown.vid(u) for u in small_map.graph.nodes if not u.startswith("ALONE")]
    pos = shown.js("ids => ids.map(id => netzkarte.network.getPosition(id))", alone + others)
    lowest = max(p["y"] for p in pos[3:])
    assert all(p["y"] > lowest for p in pos[:3])
    # every node is on the screen
    width, height = _canvas_size(shown)
    dom = shown.js("ids => ids.map(id => netzkarte.network.canvasToDOM("
                   "netzkarte.network.getPosition(id)))", alone + others)
    assert all(0 <= p["x"] <= width and 0 <= p["y"] <= height for p in dom)
    shown.assert_clean()


def test_focus_hides_the_rest_and_names_stay_on_top(open_map: Any,
                                                    kt: tuple[NetworkMap, AnalysisResult],
                                                    tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768))
    sg = shown.vid("G-SG")
    shown.js("id => netzkarte.select(id)", sg)
    shown.page.screenshot(path=str(tmp_path / "focus.png"))
    visible = set(shown.js("netzkarte.visibleNodeIds()"))
    assert sg in visible and len(visible) < len(m) / 2
    assert shown.js("netzkarte.dimmedNodeIds()") == []
    labels = shown.js("netzkarte.labels()")
    assert {lab["id"] for lab in labels} <= visible
    assert sg in {lab["id"] for lab in labels}
    shown.page.select_option("#nk-steps", "2")
    assert len(shown.js("netzkarte.visibleNodeIds()")) > len(visible)
    assert "st=2" in shown.js("location.hash")
    shown.assert_clean()
