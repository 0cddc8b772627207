"""The report speaks the words of the other outputs: finding numbers as in the
Maßnahmenliste, German measure names (technical terms only where the glossary defines
them), the Steuerungsgremien as the analyses count them, counts agreeing with their nouns."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.datasets import kindertal
from netzkarte.render.action_list import write_action_list
from netzkarte.render.report import render_report
from netzkarte.results import AnalysisResult

JARGON = re.compile(r"Betweenness|Communit")


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


class _Visible(HTMLParser):
    """What a reader sees of the page: text (figures' SVG text included), tooltips and
    labels; the glossary's headwords apart from the rest; the embedded map left out."""

    HIDDEN = frozenset({"style", "script"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.headwords: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "br", "link", "img", "input", "hr"):
            self.stack.append(tag)
        self.text += [value for key, value in attrs
                      if key in ("title", "aria-label", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.HIDDEN.intersection(self.stack):
            return
        (self.headwords if "dt" in self.stack else self.text).append(data)


def _visible(page: str) -> _Visible:
    parser = _Visible()
    parser.feed(re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', page))
    return parser


def _numbered(page: str, section: str, tag: str) -> dict[int, str]:
    """„Befund N“ → the text of its element (``tag``) in the element with id ``section``
    (up to the next main section)."""
    start = page.index(f'id="{section}"')
    end = page.find('<section class="major"', start)
    block = page[start:end if end > 0 else len(page)]
    if section == "liste-unsicher":
        block = block[:block.index("</ul>")]
    out: dict[int, str] = {}
    for element in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", block, re.S):
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", element)).split())
        found = re.match(r"Befund (\d+) ", shown)
        assert found, shown[:80]
        assert int(found.group(1)) not in out, found.group(1)
        out[int(found.group(1))] = shown
    return out


def _action_rows(result: AnalysisResult, tmp_path: Path) -> dict[int, tuple[str, str, str]]:
    """Nr. → (Art, Befund, Sozialraum) of the Maßnahmenliste the coordinator also has."""
    book = openpyxl.load_workbook(write_action_list(result, tmp_path / "massnahmen.xlsx"))
    sheet = book["Maßnahmen"]
    header = [c.value for c in sheet[1]]
    nr, kind, title, district = (header.index(h) for h in ("Nr.", "Art", "Befund",
                                                           "Sozialraum"))
    return {int(str(row[nr])): (str(row[kind]), str(row[title]), str(row[district] or ""))
            for row in sheet.iter_rows(min_row=2, values_only=True) if row[nr] is not None}


def test_every_finding_has_the_number_of_the_massnahmenliste(
        kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    page = render_report(m, result=result, include_map=False)
    rows = _action_rows(result, tmp_path)
    assert sorted(rows) == list(range(1, len(result.findings) + 1))
    # the appendix lists every finding once, under the Maßnahmenliste's number and title
    appendix = _numbered(page, "anhang-befunde", "li")
    assert sorted(appendix) == sorted(rows)
    for number, shown in appendix.items():
        assert rows[number][1] in shown, (number, shown)
    # the most important ones, with the same number as in the appendix
    top = _numbered(page, "befunde", "h4")
    assert 10 < len(top) < len(rows)
    for number, shown in top.items():
        assert shown.endswith(rows[number][1]), (number, shown)
        assert appendix[number].startswith(shown)


def test_the_district_sections_number_their_gaps_as_the_massnahmenliste(
        kt: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = kt
    page = render_report(m, result=result, include_map=False)
    rows = _action_rows(result, tmp_path)
    seen = 0
    for district in m.districts.index:
        block = page[page.index(f"<h3>Sozialraum {html.escape(str(district))}</h3>"):]
        block = block[:block.index("</section>")]
        for number in map(int, re.findall(r'<span class="nr">Befund (\d+)</span>', block)):
            assert rows[number][2] == district, (number, district, rows[number])
            seen += 1
    # every transition gap of a district is listed there with its number
    gaps = [f for f in result.by_kind("transition_gap") if f.district]
    assert seen >= len(gaps) > 0


def test_the_uncertain_findings_of_the_datenlage_carry_their_number(
        tmp_path: Path) -> None:
    m = NetworkMap("Unklarheim")
    m.add_node("K", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
    m.add_node("S", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_node("X", "actor", name="Haus am See", district="Nord")  # no category
    result = analyze(m, progress=False)
    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    assert uncertain
    page = render_report(m, result=result, include_map=False, top_findings=0)
    listed = _numbered(page, "liste-unsicher", "li")
    rows = _action_rows(result, tmp_path)
    assert {rows[n][1] for n in listed} == {f.title for f in uncertain}
    # not shown in section 3 (top 0): the link leads to the appendix
    assert re.search(r'<a href="#anhang-befund-[^"]+">', page)


def test_measures_have_german_names_and_the_technical_term_only_in_the_glossary(
        kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    page = render_report(m, result=result)
    seen = _visible(page)
    text = " ".join(seen.text)
    assert JARGON.findall(text) == []
    assert "Teilnetze" in text and "Ungleichverteilung der Vermittlungsrolle (Gini)" in text
    assert "Zentrale Akteure nach Vermittlungsrolle" in text  # caption
    assert "mit der größten Vermittlungsrolle" in text  # the figure's own title (SVG text)
    # the glossary defines the German word, the technical term in parentheses
    headwords = [" ".join(h.split()) for h in seen.headwords]
    assert "Vermittlungsrolle (Betweenness)" in headwords
    assert "Teilnetz (Community)" in headwords
    assert [h for h in headwords if JARGON.search(h)] == [
        "Teilnetz (Community)", "Vermittlungsrolle (Betweenness)"]
    # the embedded map says it the same way
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert JARGON.findall(srcdoc) == []


def _steering_town() -> NetworkMap:
    m = NetworkMap("Steuerheim")
    m.add_node("LK", "committee", name="Steuerkreis KAoA", committee_type="Lenkungskreis",
               tier="b", level="Kreis")
    m.add_node("AK", "committee", name="Arbeitskreis Übergänge", committee_type="Arbeitskreis",
               tier="b")
    for i, name in enumerate(("Jugendamt", "Schulamt", "Jobcenter")):
        m.add_node(f"O{i}", "office", name=name, category=name)
        m.add_edge(f"O{i}", "LK", "member")
    m.add_node("K", "actor", name="Kita Regenbogen", category="Kita")
    m.add_edge("K", "AK", "member")
    return m


def test_the_steering_key_figure_counts_and_explains_lenkungskreise_at_any_level() -> None:
    m = _steering_town()
    page = render_report(m, result=analyze(m, progress=False), include_map=False,
                         figures=False)
    cards = {" ".join(label.split()): (value, " ".join(hint.split())) for label, value, hint in
             re.findall(r'<div class="label">(.*?)</div><div class="value">(.*?)</div>\s*'
                        r'<div class="hint">(.*?)</div>', html.unescape(page), re.S)}
    value, hint = cards["Steuerungsgremien / Mitglieder"]
    assert value == "1 / 3"  # the Lenkungskreis at level b, not the Arbeitskreis
    assert "Ebene a oder vom Typ Steuerungsgruppe bzw. Lenkungskreis" in hint
    glossary = html.unescape(page[page.index('id="glossar"'):])
    assert "<dt>Steuerungsgremium</dt>" in glossary
    assert "a: gesamtkommunale Leitung (Steuerungsgruppe)" not in glossary


def test_one_more_finding_is_counted_in_the_singular(
        kt: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kt
    sizes = {k: len(result.by_kind(k)) for k in {f.kind for f in result.findings}}
    largest = max(sizes.values())
    page = render_report(m, result=result, include_map=False, figures=False,
                         top_findings=largest - 1)
    text = " ".join(" ".join(_visible(page).text).split())
    assert "… und 1 weiterer Befund dieser Art" in text
    assert not re.search(r"\b1 weitere\b", text)
    assert not re.search(r"\b1 Befunde\b", text)
