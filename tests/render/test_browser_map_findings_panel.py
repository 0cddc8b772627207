"""The findings panel of the map in headless Chromium, as the meeting reads it: every finding
carries the number it has in the Maßnahmenliste, „Betrifft“ lists what the finding names,
and a long name's bullet stays on its first line."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from map_fixtures import MapPage
from PIL import Image

from netzkarte import NetworkMap
from netzkarte.analysis import analyze
from netzkarte.datasets import kindertal
from netzkarte.render.action_list import write_action_list
from netzkarte.results import AnalysisResult, Finding

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kindertal_2019() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def _details_lists(shown: MapPage) -> dict[str, list[str]]:
    """Heading → entries of every list in the detail panel („Betrifft (2)“: […]), the names
    without the role badges the map appends („Gisela Roth [F]“)."""
    found: dict[str, list[str]] = shown.js("""() => {
      const out = {};
      document.querySelectorAll('#nk-details h3, #nk-details summary').forEach(h => {
        const list = h.tagName === 'SUMMARY' ? h.parentNode.querySelector('ul')
                                             : h.nextElementSibling;
        out[h.textContent] = list ? Array.from(list.querySelectorAll('li'),
                                               li => li.textContent) : [];
      });
      return out;
    }""")
    return {head: [re.sub(r" \[[^\]]+\]$", "", e) for e in entries]
            for head, entries in found.items()}


def test_each_finding_has_its_number_from_the_action_list(
        open_map: Any, kindertal_2019: tuple[NetworkMap, AnalysisResult],
        tmp_path: Path) -> None:
    m, result = kindertal_2019
    rows = list(openpyxl.load_workbook(write_action_list(result, tmp_path / "m.xlsx"))[
        "Maßnahmen"].iter_rows(min_row=2, values_only=True))
    shown = open_map(m, findings=result)
    panel = shown.js("""() => Array.from(document.querySelectorAll('#nk-findings .nk-finding'),
        li => [li.querySelector('.nk-finding-kind').textContent,
               li.querySelector('.nk-finding-title').textContent])""")
    assert len(panel) == len(rows) == len(result.findings)
    for (kind, title), row in zip(panel, rows, strict=True):
        assert kind.startswith(f"Befund {row[0]} · {row[1]} · {row[2]}"), (kind, row[:3])
        assert title == row[4]
    # the details of a finding and the Rundgang say the same number
    seventeenth = result.findings[16]
    shown.js("id => netzkarte.finding(id)", seventeenth.id)
    assert shown.text("#nk-details .nk-finding-kind").startswith("Befund 17 · ")
    assert shown.text("#nk-details h2") == rows[16][4]
    shown.assert_clean()


def test_a_district_finding_lists_no_entries_it_does_not_name(
        open_map: Any, kindertal_2019: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kindertal_2019
    gap = next(f for f in result.by_kind("coverage_gap") if f.district == "Nordstadt")
    assert gap.nodes == ()  # the JSON names no entry: the finding is about the Sozialraum
    shown = open_map(m, findings=result)
    shown.js("id => netzkarte.finding(id)", gap.id)
    lists = _details_lists(shown)
    assert not any(head.startswith("Betrifft") for head in lists), lists
    highlighted = len(shown.js("() => netzkarte.highlightedNodeIds()"))
    [(head, entries)] = lists.items()
    assert head == ("Auf der Karte hervorgehoben – Einträge im Sozialraum Nordstadt "
                    f"({len(entries)})")
    in_district = {m.name(n) for n, d in m.graph.nodes(data=True)
                   if d.get("district") == "Nordstadt"}
    assert set(entries) == in_district and highlighted >= 1
    assert "Sozialraum Nordstadt" in shown.text("#nk-details")
    # folded: the panel shows the finding first, the list on request
    assert not shown.js("() => document.querySelector('#nk-details details').open")
    shown.assert_clean()


def test_betrifft_lists_the_nodes_of_the_finding(
        open_map: Any, kindertal_2019: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kindertal_2019
    shown = open_map(m, findings=result)
    roth = next(f for f in result.by_kind("isolated") if f.title.startswith("Gisela Roth"))
    shown.js("id => netzkarte.finding(id)", roth.id)
    lists = _details_lists(shown)
    assert lists == {f"Betrifft ({len(roth.nodes)})": [m.name(n) for n in roth.nodes]}
    parallel = result.findings[0]
    assert parallel.kind == "parallel_structure" and len(parallel.nodes) == 2
    shown.js("id => netzkarte.finding(id)", parallel.id)
    lists = _details_lists(shown)
    assert lists["Betrifft (2)"] == [m.name(n) for n in parallel.nodes]
    shared = parallel.evidence["shared_members"]
    [extra] = [head for head in lists if head.startswith("Außerdem")]
    assert extra == f"Außerdem auf der Karte hervorgehoben ({len(shared)})"
    assert set(lists[extra]) == {m.name(n) for n in shared}
    shown.assert_clean()


def _marker_rows(shown: MapPage, item: Any) -> list[float]:
    """Vertical positions (page pixels) of the dark pixels of a list item's bullet."""
    box = item.bounding_box()
    png = shown.page.screenshot(clip={"x": box["x"] - 16, "y": box["y"], "width": 14,
                                      "height": box["height"]})
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = image.height / box["height"]
    return [box["y"] + y / scale for y in range(image.height)
            if any(image.getpixel((x, y)) < 110 for x in range(image.width))]


def test_a_wrapped_name_keeps_its_bullet_on_the_first_line(open_map: Any) -> None:
    m = NetworkMap("Langnamstadt")
    long_names = ["Türkisch-Deutscher Elternverein für Bildung und Begegnung Kindertal e. V.",
                  "Familienzentrum Regenbogen (Städtische Kindertageseinrichtung Nordstadt)"]
    for i, name in enumerate(long_names):
        m.add_node(f"L{i}", "actor", name=name, category="Freier Träger")
    m.add_edge("L0", "L1", "cooperation")
    finding = Finding.create("isolated", "low", "Zwei lange Namen", nodes=["L0", "L1"])
    shown = open_map(m, findings=[finding])
    shown.js("id => netzkarte.finding(id)", finding.id)
    items = shown.page.locator("#nk-details li")
    assert items.count() == 2
    for k in range(2):
        item = items.nth(k)
        lines = item.locator(".nk-link").evaluate("""b => {
            const r = document.createRange(); r.selectNodeContents(b);
            const tops = [...new Set(Array.from(r.getClientRects(), x => Math.round(x.top)))];
            return {tops: tops.sort((a, c) => a - c),
                    height: Array.from(r.getClientRects())[0].height};
        }""")
        assert len(lines["tops"]) >= 2, "the name should wrap in the 300 px panel"
        first_top, second_top = lines["tops"][:2]
        rows = _marker_rows(shown, item)
        assert rows, "no bullet drawn"
        # every dark pixel of the bullet lies on the first line of the name
        assert first_top - 1 <= min(rows) and max(rows) < second_top, (rows, lines)
    # the check sees the defect: bottom-aligned buttons put the bullet on the last line
    shown.page.add_style_tag(content="li > .nk-link { vertical-align: baseline !important; }")
    item = items.nth(0)
    last_top = item.locator(".nk-link").evaluate("""b => {
        const r = document.createRange(); r.selectNodeContents(b);
        return Math.max(...Array.from(r.getClientRects(), x => x.top)); }""")
    assert min(_marker_rows(shown, item)) >= last_top - 1
    shown.errors.clear()
    shown.assert_clean()
