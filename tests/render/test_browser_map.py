"""The map in real headless Chromium: renders offline, runs no injected code, interacts.

One browser for the session (fixture ``browser`` in conftest); each test opens its own page
from a file:// URL, records page errors, console errors, dialogs and every request, and
aborts any request that is not the page itself.
"""

from __future__ import annotations

import base64
from typing import Any

import networkx as nx
import pytest
from map_fixtures import HOSTILE_NAMES, SECRET_MAIL, MapPage, build_big_map, hostile_findings

from netzkarte import NetworkMap
from netzkarte.analysis.findings import Finding

pytestmark = pytest.mark.browser


def _transition_finding() -> Finding:
    return Finding.create("transition_gap", "high", "Kita Sonnenschein ohne Grundschule",
                          nodes=["KITA1", "GS1"], edges=[("KITA1", "GS1")],
                          recommendation="Kooperationsvereinbarung schließen.")


def _dom_position(shown: MapPage, vid: str) -> tuple[float, float]:
    box = shown.page.locator("#nk-network").bounding_box()
    pos = shown.js("id => netzkarte.network.canvasToDOM(netzkarte.network.getPosition(id))", vid)
    return box["x"] + pos["x"], box["y"] + pos["y"]


@pytest.mark.parametrize("layout", ["netz", "kette", "kreis"])
def test_each_layout_renders_offline_without_errors(open_map: Any, small_map: NetworkMap,
                                                    layout: str) -> None:
    shown = open_map(small_map, layout=layout, findings=[_transition_finding()])
    assert shown.js("document.body.dataset.netzkarteReady") == "true"
    assert shown.js("netzkarte.visibleNodeIds().length") == len(small_map)
    assert shown.js("document.querySelector('#nk-network canvas').width") > 0
    assert shown.text("#nk-title") == "Netzwerkkarte Testheim"
    legend = shown.text("#nk-legend")
    for word in ("Legende", "Knotentyp (Form)", "Gremium", "Handlungsfeld (Farbe)",
                 "Kinder- und Jugendhilfe", "berichtet an", "Machtpromotor"):
        assert word in legend
    shown.assert_clean()


def test_hostile_names_run_nothing_and_show_as_text(open_map: Any,
                                                    hostile_map: NetworkMap) -> None:
    shown = open_map(hostile_map, findings=hostile_findings(), title=HOSTILE_NAMES[6])
    assert shown.text("#nk-title") == HOSTILE_NAMES[6]
    assert shown.js("document.title") == HOSTILE_NAMES[6]
    for uid, name in (("SG", HOSTILE_NAMES[0]), ("JA", HOSTILE_NAMES[1]),
                      ("K1", HOSTILE_NAMES[2]), ("X1", HOSTILE_NAMES[6]),
                      ("X2", HOSTILE_NAMES[7]), ("X3", HOSTILE_NAMES[8])):
        vid = shown.vid(uid)
        assert shown.js("id => netzkarte.nodes.get(id).label", vid) == name
        shown.js("id => netzkarte.select(id)", vid)
        assert name in shown.js("document.getElementById('nk-details').textContent")
    # the district filter lists the hostile district as text
    shown.page.locator("details[data-filter=district] summary").click()
    assert HOSTILE_NAMES[3] in shown.text("details[data-filter=district]")
    # search for every hostile name; the result list shows them as text
    for name in HOSTILE_NAMES:
        shown.page.fill("#nk-search", name[:12])
    shown.page.fill("#nk-search", "alert(3")
    assert shown.text("#nk-results li") == HOSTILE_NAMES[2]
    shown.page.fill("#nk-search", "href")
    assert shown.text("#nk-results li") == HOSTILE_NAMES[7]
    shown.page.locator("#nk-results li").first.click()
    # findings panel: title and recommendation as text, switch works
    assert HOSTILE_NAMES[1] + " Befund" in shown.text("#nk-findings")
    shown.page.locator("#nk-findings input[type=checkbox]").first.check()
    # hover a node so its tooltip is built and shown
    shown.page.mouse.move(*_dom_position(shown, shown.vid("X1")))
    shown.page.wait_for_timeout(400)
    assert shown.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert shown.js("document.querySelectorAll('[onerror], [onload], [onclick]').length") == 0
    assert shown.js("document.querySelectorAll('a[href^=javascript]').length") == 0
    shown.assert_clean()


def test_tooltip_is_plain_text(open_map: Any, hostile_map: NetworkMap) -> None:
    shown = open_map(hostile_map)
    shown.page.mouse.move(*_dom_position(shown, shown.vid("X2")))
    tip = shown.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert HOSTILE_NAMES[7] in tip.inner_text()
    assert shown.js("document.querySelector('div.vis-tooltip a, div.vis-tooltip img')") is None
    shown.assert_clean()


def test_contact_data_is_not_in_the_page_unless_asked(open_map: Any,
                                                      hostile_map: NetworkMap) -> None:
    shown = open_map(hostile_map)
    shown.js("id => netzkarte.select(id)", shown.vid("P1"))
    assert SECRET_MAIL not in shown.js("document.documentElement.outerHTML")
    assert "Kontakt" not in shown.text("#nk-details")
    with_contacts = open_map(hostile_map, "mit.html", with_contacts=True)
    with_contacts.js("id => netzkarte.select(id)", with_contacts.vid("P1"))
    assert SECRET_MAIL in with_contacts.text("#nk-details")
    shown.assert_clean()
    with_contacts.assert_clean()


def test_click_shows_details_and_highlights_the_neighbourhood(open_map: Any,
                                                              small_map: NetworkMap) -> None:
    shown = open_map(small_map, layout="kette")
    kita = shown.vid("KITA1")
    shown.page.mouse.click(*_dom_position(shown, kita))
    details = shown.text("#nk-details")
    assert details.startswith("Kita Sonnenschein")
    for expected in ("Typ", "Akteur", "Kategorie", "Kita", "Sozialraum", "Nord",
                     "Lebensphasen", "0–3 Jahre, 3–6 Jahre (Kita)",
                     "Mitgliedschaften (1)", "Sozialraumkonferenz Nord",
                     "→ Kooperation, Stärke 3 Koordination, formal", "Grundschule am Park"):
        assert expected in details
    # focus hides (not greys) what is out of focus: one step by default, two on request
    neighbours = {shown.vid(u) for u in ("KITA1", "SRK", "TR", "GS1", "CAFE")}
    hidden = set(shown.js("netzkarte.hiddenNodeIds()"))
    assert hidden == {shown.vid(u) for u in small_map.graph.nodes} - neighbours
    assert shown.js("netzkarte.dimmedNodeIds()") == []
    shown.page.select_option("#nk-steps", "2")
    two_steps = set(shown.js("netzkarte.hiddenNodeIds()"))
    assert two_steps < hidden
    assert not {shown.vid(u) for u in nx.all_neighbors(small_map.graph, "SRK")} & two_steps
    assert {lab["id"] for lab in shown.js("netzkarte.labels()")} <= set(
        shown.js("netzkarte.visibleNodeIds()"))
    shown.page.select_option("#nk-steps", "1")
    # a link in the details panel moves the selection
    shown.page.get_by_role("button", name="Grundschule am Park").click()
    assert shown.text("#nk-details").startswith("Grundschule am Park")
    # clicking the empty canvas clears it
    box = shown.page.locator("#nk-network").bounding_box()
    shown.page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)
    assert shown.js("netzkarte.hiddenNodeIds()") == []
    shown.assert_clean()


def test_search_marks_matches_and_focuses(open_map: Any, small_map: NetworkMap) -> None:
    shown = open_map(small_map)
    shown.page.fill("#nk-search", "buergermeisterin")  # umlaut folding
    assert shown.js("netzkarte.searchMatches()") == []
    shown.page.fill("#nk-search", "bürger")
    assert shown.js("netzkarte.searchMatches()") == [shown.vid("BM")]
    shown.page.fill("#nk-search", "NORD")
    matches = set(shown.js("netzkarte.searchMatches()"))
    assert matches == {shown.vid("SRK"), shown.vid("CAFE")}
    assert len(shown.js("netzkarte.dimmedNodeIds()")) == len(small_map) - 2
    assert shown.page.locator("#nk-results li").count() == 2
    shown.page.press("#nk-search", "Escape")
    assert shown.js("netzkarte.dimmedNodeIds()") == []
    shown.page.fill("#nk-search", "Jobcenter")
    shown.page.press("#nk-search", "Enter")
    assert shown.text("#nk-details").startswith("Jobcenter")
    shown.assert_clean()


def _toggle(shown: MapPage, dimension: str, value: str) -> None:
    shown.page.locator(f"details[data-filter={dimension}]").evaluate("d => { d.open = true; }")
    shown.page.locator(f"input[data-filter={dimension}][value='{value}']").click()


def test_filters_change_what_is_visible(open_map: Any, small_map: NetworkMap) -> None:
    shown = open_map(small_map)

    def hidden() -> set[str]:
        return set(shown.js("netzkarte.hiddenNodeIds()"))

    _toggle(shown, "type", "offer")
    cafe = shown.vid("CAFE")
    assert hidden() == {cafe}
    visible_edges = shown.js("netzkarte.visibleEdgeIds()")
    assert all(cafe not in shown.js("id => [netzkarte.edges.get(id).from, "
                                    "netzkarte.edges.get(id).to]", e) for e in visible_edges)
    assert len(visible_edges) == small_map.counts()["edges"] - 3
    _toggle(shown, "type", "offer")
    assert hidden() == set()
    _toggle(shown, "sector", "education")
    assert hidden() == {shown.vid("GS1")}
    _toggle(shown, "sector", "education")
    _toggle(shown, "district", "Nord")
    assert hidden() == {shown.vid(u) for u in ("KITA1", "GS1", "SRK", "CAFE")}
    _toggle(shown, "district", "Nord")
    _toggle(shown, "phase", "primary")  # Grundschule only; a multi-phase Jugendamt stays
    assert shown.vid("GS1") in hidden() and shown.vid("JA") not in hidden()
    _toggle(shown, "tier", "a")
    assert shown.vid("SG") in hidden() and shown.vid("SRK") not in hidden()
    shown.page.click("#nk-filter-reset")
    assert hidden() == set()
    shown.assert_clean()


def test_findings_switches_highlight_their_nodes_and_edges(open_map: Any,
                                                           small_map: NetworkMap) -> None:
    other = Finding.create("isolated", "low", "Jobcenter kaum eingebunden", nodes=["JC"])
    shown = open_map(small_map, findings=[_transition_finding(), other])
    assert "Übergangslücke · hoch" in shown.text("#nk-findings")
    assert "Empfehlung: Kooperationsvereinbarung schließen." in shown.text("#nk-findings")
    boxes = shown.page.locator("#nk-findings input[type=checkbox]")
    boxes.nth(0).check()
    assert set(shown.js("netzkarte.highlightedNodeIds()")) == {shown.vid("KITA1"),
                                                               shown.vid("GS1")}
    [edge] = shown.js("netzkarte.highlightedEdgeIds()")
    assert shown.js("id => netzkarte.edges.get(id).color.color", edge) == "#D40000"
    boxes.nth(1).check()
    assert shown.vid("JC") in shown.js("netzkarte.highlightedNodeIds()")
    shown.page.get_by_role("button", name="Alle Markierungen aus").click()
    assert shown.js("netzkarte.highlightedNodeIds()") == []
    assert shown.js("netzkarte.highlightedEdgeIds()") == []
    shown.assert_clean()


def test_findings_panel_marks_severity_with_the_style_table_colours(
        open_map: Any, small_map: NetworkMap) -> None:
    findings = [Finding.create("isolated", s, f"Befund {s}", nodes=["JC"])
                for s in ("high", "medium", "low", "info")]
    shown = open_map(small_map, findings=findings)
    borders = shown.js("""Array.from(document.querySelectorAll('#nk-findings .nk-finding'))
        .map(e => getComputedStyle(e).borderLeftColor)""")
    assert borders == ["rgb(212, 0, 0)", "rgb(230, 159, 0)", "rgb(86, 180, 233)",
                       "rgb(153, 153, 153)"]
    shown.assert_clean()


def test_png_export_produces_a_png(open_map: Any, small_map: NetworkMap) -> None:
    shown = open_map(small_map)
    with shown.page.expect_download() as download:
        shown.page.click("#nk-png")
    assert download.value.suggested_filename == "netzkarte.png"
    url = shown.js("netzkarte.lastPng()")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    shown.requests = [r for r in shown.requests if not r.startswith("data:")]
    shown.assert_clean()


def test_anonymous_map_hides_person_names_in_search_and_details(open_map: Any,
                                                                small_map: NetworkMap) -> None:
    shown = open_map(small_map, anonymous=True)
    shown.page.fill("#nk-search", "Kurz")
    assert shown.js("netzkarte.searchMatches()") == []
    shown.page.fill("#nk-search", "Person (Jugendamt)")
    [person] = shown.js("netzkarte.searchMatches()")
    shown.page.press("#nk-search", "Enter")
    assert shown.text("#nk-details").startswith("Person (Jugendamt) [F·K]")
    assert "Frau Kurz" not in shown.js("document.documentElement.outerHTML")
    assert shown.js("id => netzkarte.nodes.get(id).label", person) == "Person (Jugendamt) [F·K]"
    shown.assert_clean()


def test_print_view_hides_panels_and_keeps_the_legend(open_map: Any,
                                                      small_map: NetworkMap) -> None:
    shown = open_map(small_map)
    shown.js("netzkarte.preparePrint()")  # what the browser's beforeprint does
    shown.page.emulate_media(media="print")
    display = "s => getComputedStyle(document.querySelector(s)).display"
    assert shown.js(display, ".nk-main") == "none"  # panels, canvas and details
    assert shown.js(display, ".nk-header") == "none"
    assert not shown.page.locator(".nk-left").is_visible()
    assert not shown.page.locator(".nk-tools").is_visible()
    # one drawing shows: laid out for A4 or A3, as the page's width chooses
    assert shown.page.locator("#nk-print svg.nk-print-map").count() == 2
    assert shown.js("[...document.querySelectorAll('#nk-print svg.nk-print-map')]"
                    ".filter(e => getComputedStyle(e).display !== 'none').length") == 1
    assert shown.page.locator("#nk-print .nk-print-legend").is_visible()
    assert "Legende" in shown.text("#nk-print .nk-print-legend")
    shown.assert_clean()


def test_a_large_open_view_moves_with_batched_nodes_and_rests_with_vis(open_map: Any) -> None:
    """More than 1,500 nodes on the screen: while the wheel zooms, the page draws the nodes
    itself (grouped by colour); at rest vis-network draws them again."""
    shown = open_map(build_big_map(2000), viewport=(1200, 800))
    shown.js("netzkarte.openAll()")
    assert len(shown.js("netzkarte.visibleNodeIds()")) > 1500
    assert shown.js("netzkarte.batchedFrames()") == 0
    box = shown.page.locator("#nk-network").bounding_box()
    shown.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):
        shown.page.mouse.wheel(0, -120)
        shown.page.wait_for_timeout(30)
    assert shown.js("netzkarte.batchedFrames()") > 0
    shown.page.wait_for_timeout(400)
    at_rest = shown.js("netzkarte.batchedFrames()")
    shown.js("netzkarte.network.redraw()")
    assert shown.js("netzkarte.batchedFrames()") == at_rest  # at rest: vis draws
    shown.assert_clean()


def test_5000_nodes_open_aggregated_and_bundles_open_close_and_reset(open_map: Any) -> None:
    m = build_big_map(5000)
    shown = open_map(m)
    assert shown.js("netzkarte.meta.big") is True
    groups = shown.js("netzkarte.clusterIds()")
    visible = set(shown.js("netzkarte.visibleNodeIds()"))
    assert groups and len(visible) < 200
    group = groups[0]
    shown.js("g => netzkarte.openGroup(g)", group)
    opened = shown.js("netzkarte.visibleNodeIds()")
    assert group not in opened and len(opened) > len(visible)
    members = [i for i in opened if shown.js("id => netzkarte.groupOf(id)", i) == group]
    spots = shown.js("ids => ids.map(id => netzkarte.network.getPosition(id))", members)
    assert len(members) > 10 and len({(p["x"], p["y"]) for p in spots}) == len(members)
    shown.js("g => netzkarte.closeGroup(g)", group)
    assert set(shown.js("netzkarte.visibleNodeIds()")) == visible
    # a node inside a closed bundle: found by the search, selecting it opens its bundle
    a0 = shown.vid("A0")
    shown.page.fill("#nk-search", shown.js("id => netzkarte.labelOf(id)", a0))
    assert a0 in shown.js("netzkarte.searchMatches()")
    shown.page.press("#nk-search", "Enter")
    assert a0 in shown.js("netzkarte.visibleNodeIds()")
    shown.page.click("#nk-reset")  # reset closes the bundles again
    assert set(shown.js("netzkarte.visibleNodeIds()")) == visible
    assert shown.js("netzkarte.openGroups()") == []
    shown.assert_clean()


def test_clustering_by_district_bundles_and_opens(open_map: Any) -> None:
    m = build_big_map(2500)
    shown = open_map(m, cluster="district", layout="kette")
    clusters = shown.js("netzkarte.clusterIds()")
    districts = {d.get("district") for _, d in m.graph.nodes(data=True)} - {None}
    assert len(clusters) == len(districts)
    assert "Bündel" in shown.text("#nk-legend")
    # selecting a node inside a bundle opens that bundle
    shown.js("id => netzkarte.select(id)", shown.vid("A0"))
    assert len(shown.js("netzkarte.clusterIds()")) == len(districts) - 1
    shown.assert_clean()


def _two_towns(n: int) -> NetworkMap:
    """A large map of two Kommunen, „Ort 9“ (even Bezirke) and „Ort 10“ (odd Bezirke)."""
    m = build_big_map(n)
    for _, d in m.graph.nodes(data=True):
        if d.get("district"):
            d["municipality"] = "Ort 10" if int(str(d["district"]).split()[1]) % 2 else "Ort 9"
    return m


def test_bundles_list_in_natural_order_and_count_what_the_filters_show(open_map: Any) -> None:
    m = _two_towns(1600)
    districts = sorted({str(d["district"]) for _, d in m.graph.nodes(data=True)
                        if d.get("district")}, key=lambda d: int(d.split()[1]))
    assert len(districts) == 13
    shown = open_map(m)
    # the Sozialraum filter lists 9 before 10
    shown.page.locator("details[data-filter=district] summary").click()
    names = [t.strip() for t in
             shown.page.locator("details[data-filter=district] label").all_inner_texts()]
    assert names == [*districts, "ohne Angabe"]

    def members(town: str, district: str | None = None) -> list[dict[str, Any]]:
        return [d for _, d in m.graph.nodes(data=True) if d.get("municipality") == town
                and (district is None or d.get("district") == district)]

    def bundle(town: str) -> str:
        found = [lab for lab in shown.js("netzkarte.labels()")
                 if lab["text"].startswith(f"Kommune {town} (")]
        assert len(found) == 1, found
        return str(found[0]["id"])

    # the Kommune's details list its Sozialräume in natural order, each with its count
    # (selected through the page: the synthetic towns' bundles lie on top of each other)
    nine = bundle("Ort 9")
    shown.js("id => netzkarte.select(id)", nine)
    inner = shown.page.locator("#nk-details .nk-inner-bundles li")
    expected = [f"Sozialraum {d} ({len(members('Ort 9', d))})" for d in districts[::2]]
    assert inner.all_inner_texts() == expected  # Bezirk 0, 2 … 10, 12 (as text: 0, 10, 12, 2)
    # a filter: the bundles count what it lets through, "k von n", on the map and in the list
    shown.page.locator("details[data-filter=type] input[value=offer]").uncheck()
    kept = {town: sum(d["type"].value != "offer" for d in members(town))
            for town in ("Ort 9", "Ort 10")}
    texts = {lab["id"]: lab["text"] for lab in shown.js("netzkarte.labels()")}
    for town, k in kept.items():
        assert texts[bundle(town)] == f"Kommune {town} ({k} von {len(members(town))})"
    assert inner.all_inner_texts() == [
        f"Sozialraum {d} ({sum(x['type'].value != 'offer' for x in members('Ort 9', d))} von "
        f"{len(members('Ort 9', d))})" for d in districts[::2]]
    assert f"{kept['Ort 9']} von {len(members('Ort 9'))} Knoten" in shown.text("#nk-details")
    shown.page.click("#nk-filter-reset")
    assert shown.js("id => netzkarte.labels().find(l => l.id === id).text", nine) == (
        f"Kommune Ort 9 ({len(members('Ort 9'))})")
    # a Sozialraum in the list opens its Kommune and shows its own details
    shown.page.locator("#nk-details .nk-inner-bundles button", has_text="Bezirk 10").click()
    assert shown.text("#nk-details h2") == "Sozialraum Bezirk 10"
    assert nine in shown.js("netzkarte.openGroups()")
    shown.assert_clean()
