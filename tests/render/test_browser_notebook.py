"""Jupyter: an analysis result shows itself on the map with its findings (nbclient, Chromium).

A notebook runs in a real kernel (nbclient, the venv's ``python3``); its HTML outputs are
then opened in Chromium the way JupyterLab shows them: the ``<iframe srcdoc>`` must draw the
map and list every finding in its panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat as _nbformat
import pytest
from nbclient import NotebookClient

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult, Finding

nbformat: Any = _nbformat  # untyped library

pytestmark = pytest.mark.browser

CELLS = [
    "import netzkarte as nk",
    "karte = nk.datasets.kindertal()\nbefunde = nk.analyze(karte, progress=False)\n"
    "print('Befunde:', len(befunde.findings))",
    "befunde",
    "nk.show(karte, befunde, layout='kette', height=500)",
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    work = tmp_path_factory.mktemp("notebook")
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(work)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []
    return [dict(c["outputs"][0]) if c.get("outputs") else {} for c in nb.cells]


def _open(browser: Any, html: str, tmp_path: Path) -> tuple[Any, Any, list[str]]:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text)
            if msg.type in ("error", "warning") else None)
    page.on("request", lambda r: problems.append(r.url)
            if not r.url.startswith(("about:", "data:")) else None)
    page.set_content("<div>Zelle</div>" + html)
    frame = page.frame_locator("iframe")
    frame.locator("body[data-netzkarte-ready=true]").wait_for(state="attached", timeout=60_000)
    page.screenshot(path=str(tmp_path / "notebook.png"), full_page=True)
    return page, page.frames[1], problems


def test_the_result_shows_the_map_with_every_finding_in_its_panel(
        browser: Any, outputs: list[dict[str, Any]], tmp_path: Path) -> None:
    count = int(outputs[1]["text"].split(":")[1])
    html = outputs[2]["data"]["text/html"]
    assert 'class="netzkarte-befunde"' in html and "<iframe srcdoc=" in html
    assert "Befunde als Tabelle" in html
    page, inner, problems = _open(browser, html, tmp_path)
    try:
        assert inner.locator("#nk-findings-section").is_visible()
        titles = inner.locator("#nk-findings .nk-finding-title")
        assert titles.count() == count > 10
        assert inner.evaluate("netzkarte.meta.layout") == "netz"
        titles.first.click()
        assert inner.evaluate("netzkarte.highlightedNodeIds()")  # the finding on the map
        assert inner.locator("#nk-details").inner_text().startswith(
            inner.locator("#nk-findings .nk-finding-kind").first.inner_text().split(" ·")[0])
        assert problems == []
    finally:
        page.close()


def test_show_chooses_layout_and_height(browser: Any, outputs: list[dict[str, Any]],
                                        tmp_path: Path) -> None:
    html = outputs[3]["data"]["text/html"]
    assert "height:500px" in html
    page, inner, problems = _open(browser, html, tmp_path)
    try:
        assert inner.evaluate("netzkarte.meta.layout") == "kette"
        assert inner.locator("#nk-findings .nk-finding").count() > 10
        assert problems == []
    finally:
        page.close()


def test_a_result_built_by_hand_or_anonymised_shows_no_map(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    assert result.network is small_map and "<iframe srcdoc=" in result._repr_html_()
    bare = AnalysisResult("Testheim", {}, [Finding.create("isolated", "low", "Allein")])
    assert "<iframe" not in bare._repr_html_() and "Allein" in bare._repr_html_()
    from netzkarte.render.privacy import anonymous_result

    assert "<iframe" not in anonymous_result(result, small_map)._repr_html_()
    assert "network" not in result.to_dict()
