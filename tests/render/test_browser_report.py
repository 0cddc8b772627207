"""The meeting report in real headless Chromium: offline, safe, complete, prints to PDF.

Uses the session ``browser`` fixture of conftest. Every request other than the report file
itself, the embedded map (``about:srcdoc``) and ``data:`` URIs is aborted and recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import HOSTILE_NAMES

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.datasets import kindertal
from netzkarte.render.report import write_report

pytestmark = pytest.mark.browser


@dataclass
class ReportPage:
    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.blocked == []
        assert self.js("window.__pwned") is None


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(m: NetworkMap, **options: Any) -> ReportPage:
        if "result" not in options:
            options["result"] = analyze(m, progress=False)
        path = write_report(m, tmp_path / "bericht.html", **options)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        shown = ReportPage(page, path.resolve().as_uri())

        def on_dialog(dialog: Any) -> None:
            shown.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_route(route: Any) -> None:
            url = route.request.url
            if url == shown.url or url == "about:srcdoc" or url.startswith("data:"):
                route.continue_()
            else:
                shown.blocked.append(url)
                route.abort()

        page.on("pageerror", lambda exc: shown.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: shown.errors.append(f"console: {msg.text}")
                if msg.type == "error" else None)
        page.on("dialog", on_dialog)
        page.on("request", lambda req: None if req.url == shown.url or req.url.startswith(
            ("data:", "about:")) else shown.blocked.append(req.url))
        page.route("**/*", on_route)
        page.goto(shown.url)
        return shown

    yield opener
    for page in pages:
        page.close()


def _map_frame(shown: ReportPage) -> Any:
    """The embedded map, scrolled into view and drawn.

    Chromium does not animate sandboxed (cross-origin) frames off screen, so the map
    settles once the reader scrolls to it — as the test does here.
    """
    iframe = shown.page.locator("iframe.nk-map")
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_selector("body[data-netzkarte-ready=true]", state="attached",
                            timeout=60_000)
    assert frame.url == "about:srcdoc"
    assert len(shown.page.frames) == 2
    return frame


def test_kindertal_report_renders_offline_and_complete(
        open_report: Any, kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    shown = open_report(m, result=result)
    frame = _map_frame(shown)
    assert frame.evaluate("netzkarte.visibleNodeIds().length") == len(m)
    assert shown.page.title() == "Netzwerkbericht Kindertal"
    # one section per district, named
    headings = shown.js("[...document.querySelectorAll('section.district h3')]"
                        ".map(h => h.textContent)")
    assert headings == [f"Sozialraum {d}" for d in m.districts.index]
    # the quality table lists every check, status as colour and text
    rows = shown.js("""[...document.querySelectorAll('#tabelle-qualitaet tbody tr')].map(r => [
        r.dataset.check, r.cells[0].textContent.trim(), getComputedStyle(r.cells[0])
        .backgroundColor])""")
    assert [r[0] for r in rows] == [q.id for q in result.quality_checks]
    labels = {"pass": "✓ erfüllt", "warn": "! teilweise", "fail": "✗ nicht erfüllt",
              "unknown": "? unbekannt"}
    assert [r[1] for r in rows] == [labels[q.status] for q in result.quality_checks]
    colours = {q.status: r[2] for q, r in zip(result.quality_checks, rows, strict=True)}
    assert len(set(colours.values())) == len(colours)
    # seven inline figures with real size
    sizes = shown.js("[...document.querySelectorAll('figure:not(.print-only) svg.nk-svg')]"
                     ".map(s => s.getBoundingClientRect().width)")
    assert len(sizes) == 6 and all(w > 500 for w in sizes)
    assert shown.js("document.querySelectorAll('figure.print-only svg.nk-svg').length") == 1
    shown.assert_clean()


def test_report_prints_to_a4_pdf_with_the_static_overview(
        open_report: Any, kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    shown = open_report(m, result=result)
    shown.page.emulate_media(media="print")
    assert not shown.page.locator("iframe.nk-map").is_visible()
    assert shown.page.locator("#abbildung-uebersicht").is_visible()
    assert shown.js("getComputedStyle(document.querySelector('#befunde')).breakBefore") \
        == "page"
    pdf = shown.page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 3
    assert pdf.startswith(b"%PDF")
    shown.assert_clean()


def test_hostile_names_show_as_text_and_run_nothing(open_report: Any,
                                                    hostile_map: NetworkMap) -> None:
    shown = open_report(hostile_map, title=HOSTILE_NAMES[6])
    frame = _map_frame(shown)
    assert shown.page.locator("h1").inner_text() == HOSTILE_NAMES[6]
    assert HOSTILE_NAMES[3] in shown.page.locator("main").inner_text()
    # names in the figures are SVG text, not markup
    svg_text = shown.js("[...document.querySelectorAll('svg.nk-svg')]"
                        ".map(s => s.textContent).join(' ')")
    for name in (HOSTILE_NAMES[0], HOSTILE_NAMES[9]):
        assert name[:25] in svg_text  # long names are shortened in figures
    headings = shown.js("[...document.querySelectorAll('section.district h3')]"
                        ".map(h => h.textContent)")
    assert "Sozialraum {{ 7*7 }}" in headings
    assert shown.js("document.querySelectorAll('main script, main img, main a[href^=java]')"
                    ".length") == 0
    assert frame.evaluate("window.__pwned") is None
    shown.assert_clean()


def test_report_without_map_shows_the_overview_on_screen(open_report: Any,
                                                         small_map: NetworkMap) -> None:
    shown = open_report(small_map, include_map=False, anonymous=True)
    assert shown.page.frames == [shown.page.main_frame]
    assert shown.page.locator("#abbildung-uebersicht svg").is_visible()
    assert "Frau Kurz" not in shown.page.locator("body").inner_text()
    shown.assert_clean()
