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
from netzkarte.vocab import LIFE_PHASE_ORDER, Sector

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


@pytest.mark.parametrize("layout", ["netz", "kette", "kreis", "stadtplan"])
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


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366", "1920"])
def test_kette_heads_and_row_labels_are_readable_side_by_side(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], viewport: tuple[int, int],
        tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, layout="kette", findings=result, viewport=viewport)
    shown.page.screenshot(path=str(tmp_path / f"kette-{viewport[0]}.png"))
    texts = shown.js("netzkarte.guideTexts()")  # screen boxes of the drawn heads and rows
    heads = [t for t in texts if t["align"] == "center"]
    rows = [t for t in texts if t["align"] == "right"]
    assert [h["text"] for h in sorted(heads, key=lambda h: h["x"])] == [
        "ohne Lebensphase", *(p.label for p in LIFE_PHASE_ORDER)]
    assert {r["text"] for r in rows} == {s.label for s in Sector}  # Kindertal has them all
    width, height = _canvas_size(shown)
    for t in texts:  # whole, readable and on the screen
        assert not t["cut"] and t["px"] >= 11, t
        assert t["x"] >= 0 and t["x"] + t["w"] <= width and t["y"] >= 0, t
        assert t["y"] + t["h"] <= height, t
    for i, a in enumerate(texts):  # no two overlap
        assert not any(_overlap(a, b) for b in texts[i + 1:]), (a, viewport)
    # the heads stand above the first row, and no name of a node covers a head or a row
    first_row = min(r["y"] for r in rows)
    assert all(h["y"] + h["h"] <= first_row + 1 for h in heads)
    labels = shown.js("netzkarte.labels()")
    assert not [(lab["text"], t["text"]) for lab in labels for t in texts if _overlap(lab, t)]
    # a wrapped head shows its full text on hover
    wrapped = next(h for h in heads if len(h["lines"]) > 1)
    box = shown.page.locator("#nk-network").bounding_box()
    shown.page.mouse.move(box["x"] + wrapped["x"] + wrapped["w"] / 2,
                          box["y"] + wrapped["y"] + wrapped["h"] / 2)
    assert shown.js("document.getElementById('nk-network').title") == wrapped["text"]
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


def test_every_kindertal_finding_highlights_something_and_zooms(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768))
    titles = shown.page.locator("#nk-findings .nk-finding-title")
    assert titles.count() == len(result.findings)
    for i, finding in enumerate(result.findings):
        shown.js("netzkarte.network.moveTo({position: {x: 5000, y: 5000}, scale: 0.05})")
        titles.nth(i).click()
        highlighted = shown.js("netzkarte.highlightedNodeIds()")
        assert highlighted, finding.title
        # zoomed onto it: the highlighted nodes are on the screen, named, and the panel
        # shows the text and the recommendation
        assert _on_screen_of(shown, highlighted) == len(highlighted), finding.title
        assert shown.js("netzkarte.activeFinding()") == finding.id
        details = shown.text("#nk-details")
        assert finding.title in details
        if finding.recommendation:
            assert "Empfehlung: " + finding.recommendation in details
        named = {lab["id"] for lab in shown.js("netzkarte.labels()")}
        assert set(highlighted[:10]) & named
        kind = finding.kind
        if kind == "coverage_gap":
            district = {shown.vid(n) for n, d in m.graph.nodes(data=True)
                        if d.get("district") == finding.district}
            assert district <= set(highlighted)
        elif kind == "parallel_structure" and "shared_members" in finding.evidence:
            expected = {shown.vid(n) for n in
                        [*finding.nodes, *finding.evidence["shared_members"]]}
            assert expected <= set(highlighted)
        elif kind == "transition_gap" and finding.evidence.get("suggestions"):
            assert shown.js("netzkarte.suggestedLinks()")  # drawn dashed
            shown.page.screenshot(path=str(tmp_path / "transition.png"))
    shown.assert_clean()


def _on_screen_of(shown: MapPage, ids: list[str]) -> int:
    return int(shown.js("""ids => { const c = document.getElementById('nk-network');
        return ids.filter(id => { const p = netzkarte.network.canvasToDOM(
            netzkarte.network.getPosition(id));
            return p.x >= -2 && p.y >= -2 && p.x <= c.clientWidth + 2
                && p.y <= c.clientHeight + 2; }).length; }""", ids))


def test_rundgang_steps_through_high_and_medium_findings_and_lives_in_the_address(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768))
    expected = [f.id for f in result.findings if f.severity in ("high", "medium")]
    shown.page.click("#nk-tour")
    assert shown.js("netzkarte.tour()")["ids"] == expected
    assert shown.js("document.body.classList.contains('nk-tour')")
    assert not shown.page.locator(".nk-left").is_visible()
    assert not shown.page.locator("#nk-legend").is_visible()
    title_px = shown.js("parseFloat(getComputedStyle(document.querySelector("
                        "'.nk-tour-title')).fontSize)")
    assert title_px >= 24
    shown.page.screenshot(path=str(tmp_path / "tour-1.png"))
    assert all(lab["px"] >= 18 for lab in shown.js("netzkarte.labels()"))
    shown.page.keyboard.press("ArrowRight")
    shown.page.keyboard.press("PageDown")  # a presenter's clicker
    assert shown.js("netzkarte.tour()")["step"] == 2
    assert shown.js("netzkarte.activeFinding()") == expected[2]
    third = next(f for f in result.findings if f.id == expected[2])
    assert third.title in shown.text("#nk-tour-box")
    assert "Befund 3 von" in shown.text("#nk-tour-box")
    shown.page.keyboard.press("ArrowLeft")
    assert shown.js("netzkarte.tour()")["step"] == 1
    link = shown.js("location.hash")
    assert "t=1" in link
    shown.page.screenshot(path=str(tmp_path / "tour-2.png"))
    # the link reopens the same step
    again = open_map(m, "again.html", findings=result, viewport=(1366, 768), hash=link)
    assert again.js("netzkarte.tour()")["step"] == 1
    assert again.js("netzkarte.activeFinding()") == expected[1]
    shown.page.keyboard.press("Escape")
    assert shown.js("netzkarte.tour()") is None
    assert shown.page.locator(".nk-left").is_visible()
    shown.assert_clean()
    again.assert_clean()


def test_filters_focus_and_findings_are_kept_in_the_address(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    shown = open_map(m, findings=result)
    shown.page.locator("details[data-filter=type]").evaluate("d => { d.open = true; }")
    shown.page.locator("input[data-filter=type][value='offer']").click()
    shown.page.locator("#nk-findings input[type=checkbox]").nth(1).check()
    shown.js("id => netzkarte.select(id)", shown.vid("G-SG"))
    shown.page.select_option("#nk-steps", "2")
    link = shown.js("location.hash")
    hidden = set(shown.js("netzkarte.hiddenNodeIds()"))
    again = open_map(m, "again.html", findings=result, hash=link)
    assert set(again.js("netzkarte.hiddenNodeIds()")) == hidden
    assert again.page.locator("input[data-filter=type][value='offer']").is_checked() is False
    assert again.page.locator("#nk-findings input[type=checkbox]").nth(1).is_checked()
    assert again.text("#nk-details").startswith("Steuerungsgruppe")
    shown.assert_clean()
    again.assert_clean()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def _serious_violations(shown: MapPage) -> list[str]:
    """axe-core (vendored for the tests only) on the page: serious and critical findings."""
    shown.page.evaluate(AXE.read_text(encoding="utf-8"))
    found = shown.page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return list(found)


def test_table_lists_nodes_and_relations_sorted_filtered_and_linked(
        open_map: Any, small_map: NetworkMap) -> None:
    shown = open_map(small_map)
    shown.page.get_by_role("button", name="Tabelle").click()
    rows = shown.page.locator("#nk-table tbody tr")
    assert rows.count() == len(small_map)
    shown.page.get_by_role("button", name="Verbindungen").click()
    shown.page.get_by_role("button", name="Verbindungen ▲").click()
    degrees = [int(t) for t in shown.page.locator("#nk-table tbody td:last-child")
               .all_inner_texts()]
    assert degrees == sorted(degrees, reverse=True)
    assert shown.js("document.querySelector('#nk-table th[data-col=degree]')"
                    ".getAttribute('aria-sort')") == "descending"
    shown.page.fill("#nk-table-text", "Grundschule")
    assert rows.count() == 1
    rows.first.get_by_role("button").click()
    assert shown.text("#nk-details").startswith("Grundschule am Park")
    _toggle_offer = "input[data-filter=type][value='offer']"
    shown.page.fill("#nk-table-text", "")
    shown.page.locator("details[data-filter=type]").evaluate("d => { d.open = true; }")
    shown.page.locator(_toggle_offer).click()  # the filters apply to the table too
    assert rows.count() == len(small_map) - 1
    shown.page.get_by_role("radio", name="Beziehungen").check()
    assert "Beziehungen:" in shown.text("#nk-table caption")
    shown.assert_clean()


def test_keyboard_reaches_search_results_and_findings(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    shown = open_map(m, findings=result)
    shown.page.focus("#nk-search")
    shown.page.keyboard.type("Kita")
    shown.page.keyboard.press("ArrowDown")
    shown.page.keyboard.press("ArrowDown")
    second = shown.js("document.activeElement.textContent")
    assert shown.js("document.activeElement.dataset.node")
    outline = shown.js("getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.replace("px", "")) >= 2  # a strong visible focus
    shown.page.keyboard.press("Enter")
    assert shown.text("#nk-details").startswith(second)
    shown.page.locator(".nk-finding-title").first.focus()
    shown.page.keyboard.press("ArrowDown")
    assert shown.js("netzkarte.activeFinding()") == result.findings[1].id
    assert shown.js("document.activeElement.textContent") == result.findings[1].title
    shown.assert_clean()


def test_no_serious_accessibility_violations(open_map: Any,
                                            kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    shown = open_map(m, findings=result)
    assert _serious_violations(shown) == []
    shown.page.get_by_role("button", name="Tabelle").click()
    shown.page.locator(".nk-finding-title").first.click()
    assert _serious_violations(shown) == []
    shown.assert_clean()


def test_in_a_notebook_the_wheel_scrolls_the_page_until_the_map_is_clicked(
        browser: Any, small_map: NetworkMap) -> None:
    from netzkarte.render.html_map import notebook_html

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.set_content("<div style='height:300px'>Zelle</div>" + notebook_html(small_map)
                         + "<div style='height:2000px'>weiter unten</div>")
        frame = page.frame_locator("iframe")
        frame.locator("body[data-netzkarte-ready=true]").wait_for(state="attached")
        inner = page.frames[1]
        scale = inner.evaluate("netzkarte.scale()")
        box = page.locator("iframe").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(300)
        assert page.evaluate("window.scrollY") > 0  # the notebook scrolled
        assert inner.evaluate("netzkarte.scale()") == scale  # the map did not zoom
        box = page.locator("iframe").bounding_box()
        canvas = inner.locator("#nk-network").bounding_box()
        page.mouse.click(box["x"] + canvas["x"] + canvas["width"] / 2,
                         box["y"] + canvas["y"] + canvas["height"] / 2)
        before = page.evaluate("window.scrollY")
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(300)
        assert inner.evaluate("netzkarte.scale()") != scale  # now the map zooms
        assert page.evaluate("window.scrollY") == before
    finally:
        page.close()
