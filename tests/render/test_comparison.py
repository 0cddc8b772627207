"""The comparison page: German, offline, escaped, grouped; and in real Chromium."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import HOSTILE_NAMES, SECRET_MAIL, build_hostile_map
from maps import build_small_map

from netzkarte import NetworkMap
from netzkarte.analysis.compare import Comparison, compare
from netzkarte.analysis.findings import AnalysisResult, Finding
from netzkarte.render.comparison import (
    comparison_context,
    format_comparison,
    render_comparison,
    write_comparison,
)


def _results(old_findings: list[Finding], new_findings: list[Finding],
             old_summary: dict[str, Any] | None = None,
             new_summary: dict[str, Any] | None = None) -> tuple[AnalysisResult, AnalysisResult]:
    return (AnalysisResult("Testheim", old_summary or {}, old_findings),
            AnalysisResult("Testheim", new_summary or {}, new_findings))


GAP = Finding.create("transition_gap", "high", "Kita → Grundschule in Nord: keine Verbindung",
                     recommendation="Kita Sonnenschein und Grundschule am Park zusammenbringen.",
                     nodes=["KITA1"], transition="kita->primary", district="Nord")
OVERLOAD = Finding.create("bottleneck", "medium", "Frau Kurz sitzt in 6 Gremien",
                          recommendation="Sitze verteilen.", nodes=["KOORD"])


def _pair() -> Comparison:
    old = build_small_map()
    new = build_small_map()
    new.add_node("FZ", "actor", name="Familienzentrum Nord", category="Familienzentrum",
                 district="Nord")
    new.add_edge("FZ", "GS1", "cooperation", strength=2)
    new.add_edge("FZ", "CAFE", "provides")
    new.remove_node("JC")
    for _, _, _, d in new.iter_edges("cooperation"):
        if d.get("strength") == 3:
            d["strength"] = type(d["strength"])(4)
    old_result, new_result = _results(
        [GAP], [OVERLOAD], {"density": 0.2, "components": 1}, {"density": 0.25, "components": 2})
    return compare(old, new, old_result=old_result, new_result=new_result)


@pytest.fixture
def page() -> str:
    return render_comparison(_pair())


def test_headline_cards_and_summary() -> None:
    context = comparison_context(_pair())
    cards = {c["label"]: c["value"] for c in context["cards"]}
    assert cards == {"Knoten neu": "1", "Knoten entfallen": "1", "Beziehungen neu": "2",
                     "Beziehungen entfallen": "1", "Stärke verändert": "1",
                     "Befunde gelöst": "1", "Befunde neu": "1",
                     "Befunde weiterhin offen": "0"}
    assert format_comparison(_pair()).splitlines() == [
        "Vergleich Testheim",
        "Knoten: 1 neu, 1 entfallen, 0 geändert",
        "Beziehungen: 2 neu, 1 entfallen, 1 mit veränderter Stärke",
        "Befunde: 1 gelöst, 1 neu, 0 weiterhin offen",
        "  gelöst (hoch): Kita → Grundschule in Nord: keine Verbindung"]


def test_key_figures_have_arrow_colour_and_words() -> None:
    rows = {r["label"]: r for r in comparison_context(_pair())["figure_rows"]}
    density = rows["Dichte"]
    assert (density["old"], density["new"], density["change"]) == ("0,2", "0,25", "+0,05")
    assert (density["arrow"], density["tone"], density["rating"]) == ("▲", "good", "günstig")
    parts = rows["Komponenten (voneinander getrennte Teile)"]
    assert (parts["arrow"], parts["tone"], parts["rating"]) == ("▲", "bad", "ungünstig")
    offices = rows["Knoten: Amt"]
    assert (offices["change"], offices["arrow"], offices["rating"]) == ("\u22121", "▼", "")
    assert rows["Knoten: Gremium"]["change"] == "unverändert"


def test_nodes_and_ties_grouped_with_names(page: str) -> None:
    assert "<summary>Akteure (1)</summary>" in page
    assert "Familienzentrum Nord</span> <span class=\"nk-muted\">– Familienzentrum · Nord" \
        in page
    assert "<summary>Ämter (1)</summary>" in page and "Jobcenter" in page
    # ties added, grouped by kind, symmetric with a dash, directed with an arrow
    assert "<summary>Kooperation (1)</summary>" in page
    assert "Familienzentrum Nord</span> – <span class=\"nk-name\">Grundschule am Park" in page
    assert "<summary>Trägerschaft (1)</summary>" in page
    assert "Familienzentrum Nord</span> → <span class=\"nk-name\">Elterncafé Nord" in page
    # tie lost: the Jobcenter's membership of the steering group
    assert "Jobcenter</span> → <span class=\"nk-name\">Steuerungsgruppe" in page
    # strength: Koordination → Integration, up, in words as well
    assert "<td>Koordination</td><td>Integration</td>" in page
    assert "enger" in page


def test_findings_resolved_green_and_new_red(page: str) -> None:
    resolved = page.split("<h3>Gelöst (1)</h3>")[1].split("<h3>Neu")[0]
    new = page.split("<h3>Neu (1)</h3>")[1].split("<h3>Weiterhin offen")[0]
    assert 'class="nk-finding nk-good"' in resolved and "gelöst" in resolved
    assert "Kita → Grundschule in Nord: keine Verbindung" in resolved
    assert "Kita Sonnenschein und Grundschule am Park zusammenbringen." in resolved
    assert 'class="nk-finding nk-bad"' in new and "Frau Kurz sitzt in 6 Gremien" in new
    assert "Sitze verteilen." in new


def test_page_is_german_offline_and_complete(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "http://" not in page and "https://" not in page
    assert page.rstrip().endswith("</html>")


def test_without_analyses_only_structure(small_map: NetworkMap) -> None:
    page = render_comparison(compare(small_map, small_map.copy(), analyses=False))
    assert "Ohne Analysen verglichen" in page and "Befunde gelöst" not in page
    assert "Keine neuen Knoten." in page and "Keine Beziehung ist entfallen." in page


def _hostile_pair() -> Comparison:
    old = build_hostile_map()
    new = build_hostile_map()
    new.add_node("H1", "actor", name=HOSTILE_NAMES[0], category=HOSTILE_NAMES[1],
                 district=HOSTILE_NAMES[6])
    new.add_edge("H1", "K1", "cooperation", strength=2)
    new.graph.nodes["P1"]["contact"] = "neu." + SECRET_MAIL
    new.graph.nodes["P1"]["note"] = "privat: neu " + SECRET_MAIL
    bad = Finding.create("isolated", "high", HOSTILE_NAMES[7], nodes=["X3"],
                         recommendation=HOSTILE_NAMES[9], text=HOSTILE_NAMES[2])
    old_result, new_result = _results([], [bad])
    return compare(old, new, old_result=old_result, new_result=new_result)


def test_hostile_names_are_escaped_and_personal_data_left_out() -> None:
    diff = _hostile_pair()
    page = render_comparison(diff)
    for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "<a href="):
        assert raw not in page
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert SECRET_MAIL not in page and SECRET_MAIL not in diff.to_json()
    assert "Kontakt" in page  # the change is reported, its content is not
    assert SECRET_MAIL not in diff._repr_html_()


@pytest.mark.browser
def test_hostile_page_runs_nothing_in_chromium(browser: Any, tmp_path: Path) -> None:
    target = write_comparison(_hostile_pair(), tmp_path / "vergleich.html")
    page = browser.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(target.as_uri())
        page.wait_for_selector("body[data-netzkarte-ready='true']")
        assert page.evaluate("window.__pwned === undefined")
        assert dialogs == [] and errors == []
        assert requests == [target.as_uri()]  # nothing fetched besides the page itself
        text = page.inner_text("body")
        assert HOSTILE_NAMES[0] in text  # shown as text
        assert page.evaluate("document.scripts.length") == 0
    finally:
        page.close()


@pytest.mark.browser
def test_figure_colours_and_words_in_chromium(browser: Any, tmp_path: Path) -> None:
    target = write_comparison(_pair(), tmp_path / "vergleich.html")
    page = browser.new_page()
    try:
        page.goto(target.as_uri())
        cell = page.locator("tr", has=page.locator("th", has_text="Dichte")).locator(
            "td.nk-change")
        assert cell.inner_text().strip() == "▲ +0,05 (günstig)"
        assert cell.evaluate("e => getComputedStyle(e).color") == "rgb(26, 127, 55)"
        bad = page.locator("tr", has=page.locator(
            "th", has_text="Komponenten (voneinander getrennte Teile)")).locator("td.nk-change")
        assert bad.inner_text().strip() == "▲ +1 (ungünstig)"
        assert bad.evaluate("e => getComputedStyle(e).color") == "rgb(198, 40, 40)"
        resolved = page.locator(".nk-finding.nk-good").first
        assert resolved.evaluate("e => getComputedStyle(e).borderLeftColor") == \
            "rgb(26, 127, 55)"
    finally:
        page.close()


def test_write_is_atomic_and_returns_the_path(tmp_path: Path) -> None:
    target = write_comparison(_pair(), tmp_path / "sub" / "vergleich.html")
    assert target == tmp_path / "sub" / "vergleich.html"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["vergleich.html"]


def test_jupyter_display_is_a_fragment() -> None:
    diff = _pair()
    fragment = diff._repr_html_()
    assert '<div class="nk-cmp">' in fragment and "<html" not in fragment
    assert "Kita → Grundschule in Nord: keine Verbindung" in fragment
    assert repr(diff).startswith("<Comparison Testheim")


def test_pictures_of_both_snapshots_are_embedded_as_images() -> None:
    diff = _pair()
    pictures = comparison_context(diff)["pictures"]
    assert [p["title"] for p in pictures] == ["Übergänge – Stand alt", "Übergänge – Stand neu"]
    assert all(p["src"].startswith("data:image/png;base64,") for p in pictures)
    page = render_comparison(diff)
    assert page.count('<img src="data:image/png;base64,') == 2
    assert "<h2 id=\"nk-h-pictures\">Abbildungen</h2>" in page
    assert "Abbildungen" not in render_comparison(diff, figures=False)


def test_pictures_stay_data_not_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("netzkarte.render.figures")
    fake.transition_chart = lambda result: result.municipality  # type: ignore[attr-defined]
    fake.figure_to_png_data_uri = (  # type: ignore[attr-defined]
        lambda fig, dpi: '"><script>window.__pwned=1</script>')
    monkeypatch.setitem(sys.modules, "netzkarte.render.figures", fake)
    page = render_comparison(_pair())
    assert "<script>window.__pwned" not in page
    assert 'src="&#34;&gt;&lt;script&gt;' in page


def test_page_renders_without_the_figures_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "netzkarte.render.figures", None)  # import fails
    page = render_comparison(_pair())
    assert "Abbildungen" not in page and "Kennzahlen" in page
