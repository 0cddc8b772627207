"""Names on a narrow map: every drawn name readable, none covering another.

The example town Kindertal (322 nodes) in each layout, on a phone (360 px), in a narrow frame
such as a notebook output (760 px window: the map between the two side panels is about
360 px wide) and on a 1366 px laptop with both side panels open. The boxes come from the
page's own label layer (``netzkarte.labels()``: screen pixels of the drawn text).
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

VIEWPORTS = [(360, 640), (760, 600), (1366, 768)]
IDS = ["phone-360", "narrow-frame-760", "laptop-1366"]


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def _overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
"""Until the page has drawn the next frame (a new view is drawn there)."""


def _assert_readable(shown: MapPage) -> list[dict[str, Any]]:
    """No two drawn names overlap, each lies whole on the map; returns them."""
    shown.page.evaluate(NEXT_FRAME)
    labels: list[dict[str, Any]] = shown.js("netzkarte.labels()")
    assert not _overlaps(labels)
    box = shown.page.locator("#nk-network").bounding_box()
    outside = [lab["text"] for lab in labels if lab["x"] < -0.5 or lab["y"] < -0.5
               or lab["x"] + lab["w"] > box["width"] + 0.5
               or lab["y"] + lab["h"] > box["height"] + 0.5]
    assert not outside
    return labels


@pytest.mark.parametrize("layout", ["netz", "kette", "kreis"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_always_shown_names_never_overlap_in_a_narrow_map(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], layout: str,
        viewport: tuple[int, int], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, layout=layout, findings=result, viewport=viewport)
    shown.page.screenshot(path=str(tmp_path / f"{layout}-{viewport[0]}.png"))
    box = shown.page.locator("#nk-network").bounding_box()
    assert box["width"] >= 340 and box["height"] >= 280  # the map itself has room
    labels = _assert_readable(shown)
    assert len([lab for lab in labels if lab["px"] >= 12]) >= 5
    named = {lab["id"] for lab in labels}
    assert shown.js("netzkarte.priority()[0]") in named  # the most important is named
    if viewport[0] >= 1366:  # with room, all twelve most important are named
        assert set(shown.js("netzkarte.priority().slice(0, 12)")) <= named
    shown.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS[:2], ids=IDS[:2])
def test_search_finding_and_focus_name_what_they_show_in_a_narrow_map(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], viewport: tuple[int, int]
        ) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=viewport)
    # search: the matches are named (the most important of them at least), none overlaps
    shown.page.fill("#nk-search", "Kita")
    matches = shown.js("netzkarte.searchMatches()")
    assert len(matches) > 5
    named = {lab["id"] for lab in _assert_readable(shown)}
    best = min(matches, key=shown.js("netzkarte.priority()").index)
    assert best in named and len(named & set(matches)) >= 3
    shown.page.keyboard.press("Escape")
    # a finding: its highlighted nodes carry names
    shown.js("id => netzkarte.finding(id)", result.findings[0].id)
    highlighted = set(shown.js("netzkarte.highlightedNodeIds()"))
    assert highlighted & {lab["id"] for lab in _assert_readable(shown)}
    # the focus: the selected node is named
    sg = shown.vid("G-SG")
    shown.js("id => netzkarte.select(id)", sg)
    assert sg in {lab["id"] for lab in _assert_readable(shown)}
    shown.assert_clean()
