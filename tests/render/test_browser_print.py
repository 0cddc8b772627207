"""Printing, as people do it (Ctrl+P, „Als PDF speichern“): map, comparison and report.

Chromium prints with ``page.pdf()`` (the page's ``beforeprint`` runs as for Ctrl+P); poppler
reads the PDF back: ``pdftotext`` for the words on each page, ``pdftoppm`` for the pictures
(saved next to the temporary files), ``pdfimages`` to see that the map is vector, not pixels.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pdf_tools import page_count, page_lines, pdf_text, render_pages, require_poppler

from netzkarte import NetworkMap
from netzkarte.analysis.compare import compare
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.datasets import kindertal
from netzkarte.render.comparison import write_comparison
from netzkarte.render.report import write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal()
    return m, analyze(m, progress=False)


@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_poppler()


def _fold(text: str) -> str:
    return " ".join(text.split())


def _images(pdf: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    return max(0, len(listing) - 2)  # two header lines


# --- map ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_map_prints_the_current_view_as_vector_with_names_and_legend_on_one_page(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path,
        paper: str) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768))
    finding = next(f for f in result.findings if f.kind == "parallel_structure")
    shown.js("id => netzkarte.finding(id)", finding.id)
    pdf = tmp_path / f"karte-{paper}.pdf"
    shown.page.pdf(path=str(pdf), format=paper, landscape=True, print_background=True)
    assert page_count(pdf) == 1
    pictures = render_pages(pdf)
    assert len(pictures) == 1
    from PIL import Image

    with Image.open(pictures[0]) as picture:
        assert picture.width > picture.height  # landscape
        ink = sum(picture.convert("L").histogram()[:200])
        assert ink > picture.width * picture.height * 0.02  # something is drawn
    assert _images(pdf) == 0  # lines, shapes and text: no canvas pixels
    printed = shown.js("netzkarte.lastPrint()")[paper]  # the layout for this paper
    names = [shown.js("id => netzkarte.labelOf(id)", i) for i in printed["labels"]]
    assert names
    text = pdf_text(pdf)
    for name in names:  # every printed name is text in the PDF (searchable, sharp)
        assert _fold(name.replace("…", "")) in text, name
    # the finding's nodes are named, the legend beside the map on the same page
    highlighted = shown.js("netzkarte.highlightedNodeIds()")
    assert set(highlighted) & set(printed["labels"])
    for heading in ("Legende", "Knotentyp (Form)", "Handlungsfeld (Farbe)",
                    "Beziehung (Linie)", "rot umrandet"):
        assert heading in text
    assert finding.title[:40] in text  # the caption says what is highlighted
    shown.assert_clean()


def _name_heights(pdf: Path, names: list[str]) -> list[float]:
    """Heights (pt) of the printed lines that are exactly a node's name."""
    wanted = {_fold(n) for n in names}
    return [line.bottom - line.top for page in page_lines(pdf) for line in page
            if _fold(line.text) in wanted]


def test_a3_lays_the_map_out_for_its_area_not_a_scaled_a4(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768), layout="kette")
    pdfs, printed = {}, {}
    for paper in ("A4", "A3"):
        pdfs[paper] = tmp_path / f"kette-{paper}.pdf"
        shown.page.pdf(path=str(pdfs[paper]), format=paper, landscape=True)
        printed[paper] = shown.js("netzkarte.lastPrint()")[paper]
        assert page_count(pdfs[paper]) == 1
        render_pages(pdfs[paper])  # the pictures, to look at
    names = {p: [str(shown.js("id => netzkarte.labelOf(id)", i)) for i in printed[p]["labels"]]
             for p in printed}
    # A3 names more of the map than A4, each as text in its PDF
    assert len(names["A3"]) > 1.2 * len(names["A4"]), (len(names["A3"]), len(names["A4"]))
    text = pdf_text(pdfs["A3"])
    missing = [n for n in names["A3"]  # (a long name is printed shortened, as on screen)
               if _fold(n if len(n) <= 48 else n[:46] + "…") not in text]
    assert missing == []
    # at the same type size: a scaled A4 would print them 1.41 times as large
    heights = {p: sorted(_name_heights(pdfs[p], names[p])) for p in pdfs}
    assert len(heights["A3"]) > 20 and len(heights["A4"]) > 20
    median = {p: h[len(h) // 2] for p, h in heights.items()}
    assert 0.9 < median["A3"] / median["A4"] < 1.1, median
    # the view has A3's proportions and shows at least what the screen shows
    view = printed["A3"]["view"]
    assert view["w"] / view["h"] == pytest.approx(342 / 258, rel=0.01)
    assert view["w"] >= printed["A4"]["view"]["w"] - 1
    # the chain's heads are set for the paper: never below 7 pt, whole
    assert "Schwangerschaft und Geburt" in text.replace("- ", "").replace("-", "")
    shown.assert_clean()


def test_printed_map_follows_the_focus_and_the_zoom(
        open_map: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    shown = open_map(m, findings=result, viewport=(1366, 768))
    sg = shown.vid("G-SG")
    shown.js("id => netzkarte.select(id)", sg)
    visible = set(shown.js("netzkarte.visibleNodeIds()"))
    pdf = tmp_path / "fokus.pdf"
    shown.page.pdf(path=str(pdf), format="A4", landscape=True)
    printed = shown.js("netzkarte.lastPrint()")["A4"]
    assert sg in printed["labels"] and set(printed["labels"]) <= visible
    text = pdf_text(pdf)
    assert "Umfeld von „Steuerungsgruppe" in text
    outside = next(n for n in shown.js("netzkarte.hiddenNodeIds()")
                   if shown.js("id => netzkarte.labelOf(id)", n) not in text)
    assert outside  # a node out of focus is not printed
    # the printed drawing covers what the screen shows: the view's corners are inside
    view = printed["view"]
    corners = shown.js("""() => { const c = document.getElementById('nk-network');
        return [netzkarte.network.DOMtoCanvas({x: 0, y: 0}),
                netzkarte.network.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight})]; }""")
    for corner in corners:
        assert view["x0"] - 1 <= corner["x"] <= view["x0"] + view["w"] + 1
        assert view["y0"] - 1 <= corner["y"] <= view["y0"] + view["h"] + 1
    shown.assert_clean()


def test_screen_is_unchanged_after_printing(open_map: Any, small_map: NetworkMap,
                                            tmp_path: Path) -> None:
    shown = open_map(small_map)
    before = shown.js("netzkarte.labels().length")
    shown.page.pdf(path=str(tmp_path / "karte.pdf"), format="A4", landscape=True)
    assert shown.page.locator("#nk-network canvas").is_visible()
    assert not shown.page.locator("#nk-print").is_visible()
    assert shown.js("netzkarte.labels().length") == before
    shown.assert_clean()


# --- comparison --------------------------------------------------------------------------------


def test_comparison_prints_every_collapsed_group_open(browser: Any, tmp_path: Path) -> None:
    diff = compare(kindertal(2017), kindertal(2019), analyses=False)
    target = write_comparison(diff, tmp_path / "vergleich.html")
    page = browser.new_page()
    try:
        page.goto(target.as_uri())
        closed = page.locator("details.nk-group:not([open]) li .nk-name")
        assert closed.count() > 20
        hidden = [closed.nth(i).text_content() for i in range(0, closed.count(), 7)]
        assert not closed.first.is_visible()  # collapsed on the screen
        pdf = tmp_path / "vergleich.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = pdf_text(pdf)
        for name in hidden:
            assert _fold(name or "") in text, name
        assert len(render_pages(pdf)) == page_count(pdf)
    finally:
        page.close()


# --- report ------------------------------------------------------------------------------------

A4_TEXT_COLUMN_PX = round((210 - 28) / 25.4 * 96)  # the report's page margins are 14 mm


def test_report_prints_readable_figures_keeps_headings_with_their_text_and_lists_every_finding(
        browser: Any, kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    target = write_report(m, tmp_path / "bericht.html", result=result)
    page = browser.new_page(viewport={"width": A4_TEXT_COLUMN_PX, "height": 1000})
    try:
        page.goto(target.as_uri())
        # laid out as printed (the text column of A4): every figure text at 7 pt or more,
        # and inside its picture (nothing cut off)
        page.emulate_media(media="print")
        measured = page.evaluate("""() => [...document.querySelectorAll('figure svg.nk-svg')]
            .filter(svg => svg.getBoundingClientRect().width > 0).map(svg => {
              const frame = svg.getBoundingClientRect();
              return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
                .map(t => { const ctm = t.getScreenCTM(), box = t.getBoundingClientRect();
                  const px = parseFloat(getComputedStyle(t).fontSize)
                    * Math.hypot(ctm.a, ctm.b);
                  return {text: t.textContent, pt: px * 0.75,
                          inside: box.left >= frame.left - 1 && box.top >= frame.top - 1
                            && box.right <= frame.right + 1
                            && box.bottom <= frame.bottom + 1}; });
            })""")
        texts = [t for figure in measured for t in figure]
        assert len(measured) >= 7 and len(texts) > 200
        small = [t for t in texts if t["pt"] < 7.0]
        assert small == [], small[:5]
        cut = [t["text"] for t in texts if not t["inside"]]
        assert cut == [], cut[:5]
        headings = {_fold(h) for h in page.evaluate(
            "[...document.querySelectorAll('main h2, main h3, main h4')].map(h => h.innerText)")}
        pdf = tmp_path / "bericht.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    finally:
        page.close()
    pages = page_lines(pdf)
    assert len(pages) == page_count(pdf) > 10
    assert len(render_pages(pdf)) == len(pages)
    # no page ends with a heading (the title page, whose contents list is no heading, aside)
    for lines in pages[1:]:
        last = lines[-1].text if lines else ""
        assert not any(h.startswith(_fold(last)) for h in headings if len(last) > 3), (
            lines[-1].page, last)
    # the appendix lists every finding, and nothing sends the reader to the command line
    text = " ".join(line.text for lines in pages for line in lines)
    assert "netzkarte analyse" not in text
    start = text.rindex(f"Anhang: Alle Befunde ({len(result.findings)})")
    appendix = text[start:]
    for finding in result.findings:
        assert _fold(finding.title) in appendix, finding.title
    assert re.search(r"… und \d+ weitere Befunde dieser Art \(alle im Anhang: Alle Befunde\)",
                     text)


def _bottom_headings(pdf: Path, headings: set[str]) -> list[str]:
    found = []
    for lines in page_lines(pdf)[1:]:
        last = lines[-1].text if lines else ""
        if len(last) > 3 and any(h.startswith(_fold(last)) for h in headings):
            found.append(last)
    return found


def test_a_heading_near_the_page_bottom_moves_to_the_next_page(
        browser: Any, small_map: NetworkMap, tmp_path: Path) -> None:
    """Spacers push the first heading of three sections towards the bottom of a page, in
    steps smaller than the window where only the heading would still fit. Without the
    report's rule some heading ends a page (the control); with it none does."""
    target = write_report(small_map, tmp_path / "bericht.html", result=analyze(small_map),
                          include_map=False)
    selectors = ["#befunde h3", "#sozialraeume h3", "#anhang-befunde h3"]
    found: dict[bool, list[str]] = {True: [], False: []}
    page = browser.new_page(viewport={"width": A4_TEXT_COLUMN_PX, "height": 1000})
    try:
        for rule in (True, False):
            for room in range(720, 900, 30):
                page.goto(target.as_uri())
                if not rule:
                    page.add_style_tag(content="@media print { h2, h3, h4 { "
                                               "break-after: auto !important; } }")
                page.evaluate("""([selectors, room]) => selectors.forEach(sel => {
                    const h = document.querySelector(sel), spacer = document.createElement('div');
                    spacer.style.height = room + 'px';
                    h.parentNode.insertBefore(spacer, h); })""", [selectors, room])
                headings = {_fold(h) for h in page.evaluate(
                    "s => s.map(sel => document.querySelector(sel).innerText)", selectors)}
                pdf = tmp_path / f"bericht-{rule}-{room}.pdf"
                page.pdf(path=str(pdf), format="A4")
                found[rule] += _bottom_headings(pdf, headings)
    finally:
        page.close()
    assert found[False]  # the spacers do reach the critical place …
    assert found[True] == []  # … and the rule moves the heading to its text
