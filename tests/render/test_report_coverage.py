"""The report's offer tables and coverage figure show what the coverage analysis counts:
offers in the district and town-wide ones apart, „✗ keins“ only for a real gap."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.datasets import kindertal
from netzkarte.render import figures as fg
from netzkarte.render.report import render_report
from netzkarte.results import AnalysisResult
from netzkarte.vocab import LIFE_PHASE_ORDER


def _offer_rows(page: str, district: str) -> dict[str, str]:
    """Life phase → the text a reader sees in the district's offer table (tags removed)."""
    block = page[page.index(f"<h3>Sozialraum {html.escape(district)}</h3>"):]
    table = block[block.index('<table class="offers">'):]
    table = table[:table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        cells = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1]
    return rows


def _town() -> NetworkMap:
    m = NetworkMap("Lindenfeld")
    m.set_districts(pd.DataFrame({"children": [900, 800], "SGB-II-Quote": [31.5, 9.8]},
                                 index=pd.Index(["Nord", "Süd"], name="district")))
    m.add_node("FH", "offer", name="Familienhebammen-Einsatz", category="Familienhebamme",
               life_phases=["Schwangerschaft", "0-3"], outreach=True)
    m.add_node("SB", "offer", name="Schwangerenberatung", category="Schwangerschaftsberatung",
               life_phases=["Schwangerschaft"])
    m.add_node("CAFE", "offer", name="Elterncafé Süd", category="Elterncafé", district="Süd",
               life_phases=["0-3"])
    m.add_node("PAT", "offer", name="Familienpatenschaften", category="Patenschaften",
               life_phases=["Kita"], status="geplant")
    return m


def test_town_wide_offers_are_shown_and_only_a_real_gap_says_keins() -> None:
    m = _town()
    result = analyze(m, progress=False)
    page = render_report(m, result=result, include_map=False)
    nord, sued = _offer_rows(page, "Nord"), _offer_rows(page, "Süd")
    assert nord["Schwangerschaft und Geburt"] == "0 vor Ort, 2 stadtweit"
    assert nord["0–3 Jahre"] == "0 vor Ort, 1 stadtweit"
    assert sued["0–3 Jahre"] == "1 vor Ort, 1 stadtweit"
    # 3-6: nothing local, nothing town-wide (one planned): a gap, and a finding says so
    gap = next(number for number, f in enumerate(result.findings, 1)
               if f.title == "Kein Angebot für 3–6 Jahre (Kita) in Nord")
    # with the finding's number, as in the Maßnahmenliste
    assert nord["3–6 Jahre (Kita)"] == f"0 ✗ keins hoch Befund {gap} (1 geplant)"
    assert not any("keins" in text for phase, text in nord.items()
                   if phase in ("Schwangerschaft und Geburt", "0–3 Jahre"))
    assert "„stadtweit“ die ohne eigenen Sozialraum" in html.unescape(page)
    # every „keins“ in the tables is a finding, and every such finding is in the tables
    assert _keins(page, m) == _gap_findings(result) == {
        (d, p.label) for d in ("Nord", "Süd") for p in LIFE_PHASE_ORDER[2:]}


def _keins(page: str, m: NetworkMap) -> set[tuple[str, str]]:
    return {(str(district), phase) for district in m.districts.index
            for phase, text in _offer_rows(page, str(district)).items() if "keins" in text}


def _gap_findings(result: AnalysisResult) -> set[tuple[str | None, str]]:
    return {(f.district, p.label) for f in result.by_kind("coverage_gap")
            for p in LIFE_PHASE_ORDER
            if f.evidence.get("phase") == p.value and f.evidence.get("check") is None}


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def test_kindertal_tables_agree_with_the_coverage_findings(
        kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    page = render_report(m, result=result, include_map=False)
    # Kreuzfeld reaches three town-wide offers for pregnancy: covered, not „keins“
    assert _offer_rows(page, "Kreuzfeld")["Schwangerschaft und Geburt"] == \
        "0 vor Ort, 3 stadtweit"
    assert _keins(page, m) == _gap_findings(result)


def test_the_figure_dots_town_wide_only_cells_and_hatches_real_gaps() -> None:
    fig = fg.coverage_heatmap(analyze(_town(), progress=False))
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["Nord", "Süd"]  # the neediest first
    labels = [t.get_text() for t in ax.texts]
    assert labels[:6] == ["0 +2", "0 +1", "0", "0", "0", "0"]
    assert labels[6:8] == ["0 +2", "1 +1"]
    hatches = [p.get_hatch() for p in ax.patches]
    assert hatches.count("..") == 3  # Nord pregnancy and 0-3, Süd pregnancy
    assert hatches.count("///") == 8  # 3-6 … 16-27 in both districts
    assert "schraffiert: kein Angebot" in ax.get_xlabel()
