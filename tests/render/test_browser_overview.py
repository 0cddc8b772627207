"""The Kreis overview in real headless Chromium: offline, no errors, a Kommune's link
opens that Kommune's map and report, and the anonymous page names no Kommune."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netzkarte.analysis.overview import Overview, overview
from netzkarte.datasets.synthetic import synthetic
from netzkarte.render.overview import write_overview

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kreis() -> Overview:
    return overview(synthetic(1500, seed=7, municipalities=3, plant="all").map,
                    progress=False)


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[tuple[Any, list[str]]]:
    """A page that may load files of ``tmp_path`` only; errors and other requests are
    recorded."""
    shown = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    root = tmp_path.resolve().as_uri()

    def on_route(route: Any) -> None:
        url = route.request.url
        if url.startswith(root) or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            problems.append(f"request: {url}")
            route.abort()

    shown.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    shown.on("console", lambda msg: problems.append(f"console: {msg.text}")
             if msg.type == "error" else None)
    shown.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                       dialog.dismiss()))
    shown.route("**/*", on_route)
    yield shown, problems
    shown.close()


def test_a_kommune_link_opens_its_map_and_report(
        kreis: Overview, page: tuple[Any, list[str]], tmp_path: Path) -> None:
    shown, problems = page
    files = write_overview(kreis, tmp_path / "uebersicht.html")
    shown.goto(files.page.resolve().as_uri())
    assert shown.title() == "Übersicht Musterkreis"
    rows = shown.locator("#tabelle-kommunen tbody tr")
    assert rows.count() == 3
    target = kreis.kommunen[1]
    assert rows.nth(1).locator("th").inner_text() == target.name
    statuses = rows.nth(1).locator("td.cell").all_inner_texts()
    assert all(text.split(" ", 1)[0] in "✓!✗?" for text in statuses)  # symbol + word
    link = shown.locator(f'a[data-kommune="{target.name}"]', has_text="Karte")
    link.click()
    shown.wait_for_selector("body[data-netzkarte-ready=true]", state="attached",
                            timeout=60_000)
    assert shown.url.endswith("uebersicht_dateien/musterstadt-2_karte.html")
    assert target.name in shown.title()
    assert shown.evaluate("netzkarte.visibleNodeIds().length") == len(target.map)
    shown.go_back()
    shown.locator(f'a[data-kommune="{target.name}"]', has_text="Bericht").click()
    shown.wait_for_load_state()
    assert shown.title() == f"Netzwerkbericht {target.name}"
    assert shown.locator("#qualitaetsrahmen tbody tr").count() == len(
        target.result.quality_checks)
    assert problems == []


def test_the_anonymous_overview_names_no_kommune(
        kreis: Overview, page: tuple[Any, list[str]], tmp_path: Path) -> None:
    shown, problems = page
    files = write_overview(kreis, tmp_path / "anonym.html", anonymous=True)
    shown.goto(files.page.resolve().as_uri())
    text = shown.locator("body").inner_text()
    assert "Musterstadt" not in text and "Musterkreis" not in text
    assert shown.locator("#tabelle-kommunen tbody th").all_inner_texts() == [
        "Kommune A", "Kommune B", "Kommune C"]
    assert shown.locator("a").filter(has_text="Karte").count() == 0
    assert problems == []
