"""The meeting report as a file: content, escaping, privacy, offline, atomic, CLI."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import HOSTILE_NAMES, SECRET_MAIL

from netzkarte import NetworkMap, cli
from netzkarte.analysis import core
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.datasets import kindertal
from netzkarte.io.exchange import write_json
from netzkarte.render import figures, report
from netzkarte.render.report import render_report, write_report
from netzkarte.vocab import ActorForm, NodeType, Transition


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def _outside_map(page: str) -> str:
    """The page without the embedded map's srcdoc."""
    return re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', page)


def test_small_report_has_every_section_in_german(small_map: NetworkMap) -> None:
    page = render_report(small_map, result=analyze(small_map, progress=False), include_map=False)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "<title>Netzwerkbericht Testheim</title>" in page
    for anchor in ("kennzahlen", "befunde", "qualitaetsrahmen", "netzwerk", "uebergaenge",
                   "sozialraeume", "glossar", "sozialraum-1"):
        assert f'id="{anchor}"' in page
    assert "<h3>Sozialraum Nord</h3>" in page
    assert "<tr><td>Akteur</td><td class=\"num\">4</td></tr>" in page
    assert "<tr><td>Mitglied</td><td class=\"num\">7</td></tr>" in page
    assert "<dt>E-I-Index</dt>" in page
    assert page.count("<svg") == 7  # every figure, inline
    assert "<iframe" not in page


def test_every_quality_check_is_a_row_with_colour_and_text(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    page = render_report(small_map, result=result, include_map=False)
    for check in result.quality_checks:
        row = re.search(rf'<tr data-check="{check.id}"><td class="status-(\w+)">(.*?)</td>',
                        page)
        assert row is not None, check.id
        assert row.group(1) == check.status
        assert row.group(2).split(" ", 1)[1] == {"pass": "erfüllt", "warn": "teilweise",
                                                 "fail": "nicht erfüllt",
                                                 "unknown": "unbekannt"}[check.status]


def test_a_given_result_is_used_without_analysing_again(small_map: NetworkMap,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    result = analyze(small_map, progress=False)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("analyze ran again")

    monkeypatch.setattr(core, "analyze", fail)
    assert "Netzwerkbericht" in render_report(small_map, result=result, include_map=False,
                                              title="Netzwerkbericht")


def test_findings_are_grouped_by_kind_with_badges(kt: tuple[NetworkMap, AnalysisResult]
                                                  ) -> None:
    m, result = kt
    page = render_report(m, result=result, include_map=False, top_findings=2)
    kinds = [k for k in ("parallel_structure", "transition_gap", "coverage_gap", "bottleneck",
                         "promoter", "quality_standard", "isolated") if result.by_kind(k)]
    positions = [page.index(f'id="befunde-{k}"') for k in kinds]
    assert positions == sorted(positions)
    section = page[page.index('id="befunde"'):page.index('id="qualitaetsrahmen"')]
    assert section.count('<article class="finding') == sum(
        min(2, len(result.by_kind(k))) for k in kinds)
    top = result.findings[0]
    assert html.escape(top.title, quote=False) in section
    assert "Empfehlung:</strong>" in section
    assert '<span class="badge sev-high">hoch</span>' in section
    parallel = len(result.by_kind("parallel_structure"))
    assert f"… und {parallel - 2} weitere Befunde dieser Art" in section


def test_one_section_per_district_with_offers_and_gaps(kt: tuple[NetworkMap, AnalysisResult]
                                                       ) -> None:
    m, result = kt
    page = render_report(m, result=result, include_map=False)
    districts = list(m.districts.index)
    assert len(districts) == 7
    for number, name in enumerate(districts, start=1):
        assert f'<section class="district" id="sozialraum-{number}">' in page
        assert f"<h3>Sozialraum {name}</h3>" in page
    gap = next(f for f in result.by_kind("transition_gap") if f.district)
    block = page[page.index(f"<h3>Sozialraum {gap.district}</h3>"):]
    block = block[:block.index("</section>")]
    transition = Transition.parse(gap.transition)
    assert transition is not None and f"{transition.label}: " in block
    for node in gap.evidence["unlinked"]:
        assert html.escape(m.name(node), quote=False) in block
    assert "SGB-II-Quote Kinder (%) (Bedarfsindikator)" in block


def test_hostile_names_are_escaped_everywhere(hostile_map: NetworkMap) -> None:
    page = render_report(hostile_map, result=analyze(hostile_map), title=HOSTILE_NAMES[6])
    outside = _outside_map(page)
    for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "</script><script>",
                '<a href="javascript'):
        assert raw not in outside
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in outside
    assert "{{ 7*7 }}" in outside  # shown, not evaluated
    srcdoc = re.search(r'srcdoc="([^"]*)"', page)
    assert srcdoc is not None
    assert "<" not in srcdoc.group(1) and '"' not in srcdoc.group(1)


def test_contact_data_only_when_asked(hostile_map: NetworkMap) -> None:
    result = analyze(hostile_map)
    assert SECRET_MAIL not in render_report(hostile_map, result=result)
    with_contacts = render_report(hostile_map, result=result, with_contacts=True,
                                  include_map=False)
    assert 'id="kontakte"' in with_contacts and SECRET_MAIL in with_contacts
    anonymous = render_report(hostile_map, result=result, with_contacts=True, anonymous=True)
    assert SECRET_MAIL not in anonymous and "Erika Geheim" not in anonymous
    assert "jugendamt@example.org" in anonymous  # offices are no persons


def test_anonymous_report_names_no_person(kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    persons = [m.name(n) for n, d in m.graph.nodes(data=True)
               if d["type"] is NodeType.ACTOR and d.get("form") is ActorForm.PERSON]
    assert len(persons) >= 5
    plain = render_report(m, result=result)
    assert any(name in plain for name in persons)
    page = render_report(m, result=result, anonymous=True)
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    for name in persons:
        assert name not in page and name not in srcdoc
    assert "Personennamen sind durch Kategorie und Organisation ersetzt" in page


def test_report_is_offline(kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    page = render_report(m, result=result)
    assert "http" not in _outside_map(page)
    for pattern in (r'src="(?!data:)', r"href=\"(?!#|data:)", r"url\((?!#|data:)", r"@import"):
        assert not re.search(pattern, _outside_map(page)), pattern
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", inner)
    assert "data-netzkarte-ready" in inner


def test_print_shows_the_static_overview_instead_of_the_map(small_map: NetworkMap) -> None:
    page = render_report(small_map, result=analyze(small_map, progress=False))
    assert '<div class="screen-only">' in page and "<iframe" in page
    assert '<figure class="print-only" id="abbildung-uebersicht">' in page
    assert "@media print" in page and ".screen-only { display: none !important; }" in page
    without = render_report(small_map, result=analyze(small_map, progress=False), include_map=False)
    assert '<figure id="abbildung-uebersicht">' in without


def test_write_report_is_atomic(small_map: NetworkMap, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bericht.html"
    written = write_report(small_map, target, result=analyze(small_map), include_map=False)
    assert written == target and "Netzwerkbericht Testheim" in target.read_text("utf-8")
    target.write_text("alter Bericht", encoding="utf-8")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(figures, "coverage_heatmap", broken)
    with pytest.raises(RuntimeError):
        write_report(small_map, target, result=analyze(small_map, progress=False))
    assert target.read_text("utf-8") == "alter Bericht"
    assert [p.name for p in tmp_path.iterdir()] == ["bericht.html"]


def test_glossary_covers_the_measures_the_report_uses() -> None:
    terms = [t for t, _ in report.GLOSSARY]
    for term in ("Dichte", "Komponente", "Teilnetz (Community)", "E-I-Index",
                 "Vermittlungsrolle (Betweenness)", "Steuerungsgremium",
                 "Gemeinsame Mitglieder (Jaccard-Index)", "Parallelstruktur", "Übergangslücke",
                 "Versorgungslücke"):
        assert term in terms


# --- CLI --------------------------------------------------------------------------------------


def test_cli_bericht_writes_the_report(small_map: NetworkMap, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    source = write_json(small_map, tmp_path / "karte.json")
    target = tmp_path / "out" / "bericht.html"
    assert cli.main(["bericht", str(source), "-o", str(target)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"Bericht geschrieben: {target.resolve()}" in out
    assert "Netzwerkbericht Testheim" in target.read_text("utf-8")


def test_cli_bericht_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["bericht", str(tmp_path / "fehlt.xlsx"), "-o",
                     str(tmp_path / "b.html")]) == cli.EXIT_INPUT
    assert "gibt es nicht" in capsys.readouterr().err
    bad = tmp_path / "kaputt.json"
    bad.write_text('{"schema": "netzkarte/1", "nodes": [{"id": "K", "type": "actor"}], '
                   '"edges": [{"source": "K", "target": "X", "kind": "member"}]}',
                   encoding="utf-8")
    assert cli.main(["bericht", str(bad), "-o", str(tmp_path / "b.html")]) == cli.EXIT_INVALID
    assert not (tmp_path / "b.html").exists()
