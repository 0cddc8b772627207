"""The Datenlage where the network meeting sees it: report, map and Maßnahmenliste.

A map with an offer netzkarte cannot place (its name tries to inject markup), a planned
offer and a person without Handlungsfeld: the report has a section „Datenlage“ and marks the
uncertain findings „unsicher“, the map has a Datenlage panel whose entries focus their node,
the Maßnahmenliste has a column „Sicherheit“ and a sheet „Datenlage“ — and ``--anonym``
hides the person in all of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import openpyxl
import pandas as pd
import pytest

from netzkarte import NetworkMap, cli
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.io.exchange import write_json
from netzkarte.render.action_list import ACTION_COLUMNS, DATENLAGE_COLUMNS, write_action_list
from netzkarte.render.html_map import (
    DATENLAGE_KEYS,
    DATENLAGE_NODE_KEYS,
    FINDING_KEYS,
    build_payload,
    render_map,
    write_map,
)
from netzkarte.render.report import render_report, write_report

XSS = "<img src=x onerror=\"window.__pwned = 7; alert(7)\">"
PERSON, PERSON_ID = "Anna Kurz", "A-P-KURZ"
PERSON_LABEL = "Fachkraft (Jugendamt)"


def _blind_map() -> NetworkMap:
    """Nord needs offers; the only candidate is an offer nobody can place."""
    m = NetworkMap("Testheim")
    m.set_districts(pd.DataFrame({"children": [800, 800], "SGB-II-Quote Kinder": [40.0, 5.0]},
                                 index=pd.Index(["Nord", "Süd"], name="district")))
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt",
               sector="Kinder- und Jugendhilfe")
    m.add_node(PERSON_ID, "actor", name=PERSON, form="Person", category="Fachkraft")
    m.add_edge(PERSON_ID, "JA", "belongs_to")
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord",
               sector="Kinder- und Jugendhilfe")
    m.add_edge("K", "JA", "cooperation", strength=2)
    m.add_node("X", "offer", name=XSS, category="Spielkreisle", district="Nord")
    m.add_edge("K", "X", "provides")
    m.add_node("P", "offer", name="Elterncafé Süd", category="Elterncafé", district="Süd",
               status="geplant")
    return m


def _clear_map() -> NetworkMap:
    """Everything classified, nothing planned: an empty Datenlage."""
    m = NetworkMap("Klarstadt")
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt",
               sector="Kinder- und Jugendhilfe")
    m.add_node("K", "actor", name="Kita Klar", category="Kita", district="Mitte",
               sector="Kinder- und Jugendhilfe", life_phases=["3–6 Jahre (Kita)"])
    m.add_edge("K", "JA", "cooperation", strength=2)
    return m


@pytest.fixture(scope="module")
def blind() -> tuple[NetworkMap, AnalysisResult]:
    m = _blind_map()
    return m, analyze(m, progress=False)


# --- a small HTML reader (standard library only) -----------------------------------------


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[_Node]:
        yield self
        for c in self.children:
            if isinstance(c, _Node):
                yield from c.iter()

    def find(self, **attrs: str) -> _Node:
        for node in self.iter():
            if all(node.attrs.get(k) == v for k, v in attrs.items()):
                return node
        raise AssertionError(f"no element with {attrs}")

    def first(self, tag: str) -> _Node:
        return next(n for n in self.iter() if n.tag == tag)

    def with_class(self, cls: str) -> list[_Node]:
        return [n for n in self.iter() if cls in (n.attrs.get("class") or "").split()]


class _Tree(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link", "hr", "col", "area",
                                "base", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in self.VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        at: _Node | None = self.at
        while at is not None and at.tag != tag:
            at = at.parent
        if at is not None and at.parent is not None:
            self.at = at.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def _parse(page: str) -> _Node:
    tree = _Tree()
    tree.feed(re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', page))
    return tree.root


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- report --------------------------------------------------------------------------------


def test_report_has_a_datenlage_section_between_key_figures_and_findings(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    page = render_report(m, result=result, include_map=False)
    assert page.index('id="kennzahlen"') < page.index('id="datenlage"') < \
        page.index('id="befunde"')
    root = _parse(page)
    section = root.find(id="datenlage")
    text = _squash(section.text())
    assert "2. Datenlage" in text
    for label in ("Kategorie unbekannt", "ohne Lebensphase", "ohne Handlungsfeld",
                  "Angebot erst geplant"):
        assert label in text
    # the nodes to classify, by name, the one deciding uncertain findings first
    rows = [[_squash(td.text()) for td in tr.iter() if td.tag == "td"]
            for tr in section.find(id="tabelle-einordnen").iter() if tr.tag == "tr"][1:]
    assert rows[0][0] == XSS and rows[0][1] == "X"
    assert rows[0][4] == "Kategorie unbekannt; ohne Lebensphase"
    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    assert uncertain and rows[0][5] == str(len(uncertain))
    assert {r[0] for r in rows} == {XSS, PERSON, "Elterncafé Süd"}
    # the advice and how many findings are uncertain
    assert "Tragen Sie eine Kategorie aus der Liste ein" in text
    assert f"{len(uncertain)} Befunde sind deshalb unsicher" in text
    assert XSS not in page  # escaped wherever it occurs
    assert "&lt;img src=x onerror=" in page


def test_every_uncertain_finding_is_marked_in_the_report(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    root = _parse(render_report(m, result=result, include_map=False, top_findings=100))
    uncertain = {f.id for f in result.findings if f.confidence == "unsicher"}
    articles = {a.attrs["id"].removeprefix("befund-"): a for a in root.iter()
                if a.tag == "article" and a.attrs.get("id", "").startswith("befund-")}
    assert set(articles) == {f.id for f in result.findings}  # the full list
    for fid, article in articles.items():
        badges = [_squash(b.text()) for b in article.with_class("badge")]
        assert ("unsicher" in badges) == (fid in uncertain), fid
        assert article.attrs["data-confidence"] == ("unsicher" if fid in uncertain
                                                    else "sicher")
    # the Datenlage lists them, linked to the finding
    listed = root.find(id="liste-unsicher")
    links = [a.attrs["href"] for a in listed.iter() if a.tag == "a"]
    assert sorted(links) == sorted(f"#befund-{i}" for i in uncertain)
    # the title page and the group heading count them
    assert f"davon {len(uncertain)} unsicher" in _squash(root.find(id="titelseite").text())
    heading = _squash(root.find(id="befunde-coverage_gap").first("h3").text())
    assert f"{len(uncertain)} unsicher" in heading


def test_uncertain_findings_beyond_the_top_list_are_still_listed(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    root = _parse(render_report(m, result=result, include_map=False, top_findings=0))
    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    items = [li for li in root.find(id="liste-unsicher").iter() if li.tag == "li"]
    assert len(items) == len(uncertain)
    assert all("unsicher" in _squash(li.text()) for li in items)


def test_an_empty_datenlage_says_so_in_one_sentence() -> None:
    m = _clear_map()
    result = analyze(m, progress=False)
    assert not [n for n in result.data_quality["nodes"]]
    section = _parse(render_report(m, result=result, include_map=False)).find(id="datenlage")
    paragraphs = [_squash(p.text()) for p in section.iter() if p.tag == "p"]
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("Alle Einträge ließen sich beurteilen")
    assert not section.with_class("unsicher")


def test_a_long_datenlage_is_capped_in_the_report() -> None:
    m = _clear_map()
    for i in range(40):
        m.add_node(f"W{i}", "offer", name=f"Treff {i:02d}", category="Wirbelkram",
                   district="Mitte")
    page = render_report(m, result=analyze(m), include_map=False)
    table = _parse(page).find(id="tabelle-einordnen")
    assert len([tr for tr in table.iter() if tr.tag == "tr"]) == 1 + 25
    assert "… und 15 weitere" in page


def test_the_datenlage_comes_from_the_result_not_the_map() -> None:
    m = _blind_map()
    bare = AnalysisResult("Testheim", {}, [])  # built by hand: the renderer computes nothing
    section = _parse(render_report(m, result=bare, include_map=False)).find(id="datenlage")
    assert XSS not in section.text()
    section = _parse(render_report(m, result=analyze(m), include_map=False)).find(id="datenlage")
    assert XSS in section.text()


def test_anonymous_report_names_no_person_in_the_datenlage(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    page = render_report(m, result=result, include_map=True, anonymous=True)
    assert PERSON not in page and not re.search(rf"(?<![\w-]){PERSON_ID}(?![\w-])", page)
    section = _parse(page).find(id="datenlage")
    rows = [[_squash(td.text()) for td in tr.iter() if td.tag == "td"]
            for tr in section.find(id="tabelle-einordnen").iter() if tr.tag == "tr"]
    assert [PERSON_LABEL, ""] in [r[:2] for r in rows]  # named by role, no id
    assert PERSON_LABEL in _squash(section.text())  # the advice sentence too
    plain = render_report(m, result=result, include_map=False)
    assert PERSON in _parse(plain).find(id="datenlage").text()


def test_cli_bericht_and_karte_anonym_hide_the_person(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    source = write_json(_blind_map(), tmp_path / "karte.json")
    for command in ("bericht", "karte"):
        target = tmp_path / f"{command}.html"
        assert cli.main([command, str(source), "-o", str(target), "--anonym"]) == 0
        page = target.read_text(encoding="utf-8")
        assert PERSON not in page and PERSON_ID not in page, command
        assert "Datenlage" in page
    capsys.readouterr()


# --- map page ------------------------------------------------------------------------------


_DATA = re.compile(r'<script type="application/json" id="netzkarte-data">(.*?)</script>', re.S)


def _payload(page: str) -> dict[str, Any]:
    match = _DATA.search(page)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_map_payload_carries_the_datenlage_from_an_allow_list(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    payload = build_payload(m, findings=result)
    dl = payload["datenlage"]
    assert set(dl) <= DATENLAGE_KEYS
    assert all(set(n) <= DATENLAGE_NODE_KEYS for n in dl["nodes"])
    assert all(set(f) <= FINDING_KEYS for f in payload["findings"])
    labels = {n["id"]: n["label"] for n in payload["nodes"]}
    assert labels[dl["nodes"][0]["node"]] == XSS  # deciding uncertain findings first
    assert {labels[n["node"]] for n in dl["nodes"]} == {XSS, PERSON, "Elterncafé Süd"}
    assert {c["label"]: c["n"] for c in dl["counts"]}["Angebot erst geplant"] == 1
    uncertain = {f.id for f in result.findings if f.confidence == "unsicher"}
    assert dl["uncertain"] == len(uncertain)
    assert {f["id"] for f in payload["findings"] if f.get("uncertain")} == uncertain
    page = render_map(m, findings=result)
    assert XSS not in page  # the JSON escapes <, > and &


def test_map_without_findings_has_no_datenlage_and_a_list_only_counts() -> None:
    m = _blind_map()
    assert "datenlage" not in build_payload(m)
    listed = build_payload(m, findings=[])["datenlage"]
    assert listed["uncertain"] == 0 and listed["nodes"] == []
    analysed = build_payload(m, findings=analyze(m))["datenlage"]
    assert len(analysed["nodes"]) == 3


def test_anonymous_map_names_no_person_in_the_datenlage(
        blind: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = blind
    page = render_map(m, findings=result, anonymous=True)
    assert PERSON not in page and PERSON_ID not in page
    dl = _payload(page)["datenlage"]
    assert any(PERSON_LABEL in a for a in dl["advice"])


# --- Maßnahmenliste ------------------------------------------------------------------------


def test_action_list_has_sicherheit_and_a_datenlage_sheet(
        blind: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    result = blind[1]
    book = openpyxl.load_workbook(write_action_list(result, tmp_path / "liste.xlsx"))
    assert book.sheetnames == ["Maßnahmen", "Qualitätsrahmen", "Datenlage"]
    rows = list(book["Maßnahmen"].iter_rows(values_only=True))
    column = [name for name, _ in ACTION_COLUMNS].index("Sicherheit")
    assert rows[0][column] == "Sicherheit"
    assert [r[column] for r in rows[1:]] == [f.confidence for f in result.findings]
    assert "unsicher" in [r[column] for r in rows[1:]]
    sheet = list(book["Datenlage"].iter_rows(values_only=True))
    assert sheet[0] == tuple(name for name, _ in DATENLAGE_COLUMNS)
    by_id = {r[0]: r for r in sheet[1:4]}
    assert by_id["X"][1:5] == (XSS, "Angebot", "Spielkreisle",
                               "Kategorie unbekannt; ohne Lebensphase")
    assert by_id["P"][4] == "Angebot erst geplant"
    assert by_id[PERSON_ID][1] == PERSON
    cells = [str(r[0]) for r in sheet[4:] if r[0]]
    assert cells[0] == "Was ergänzt werden sollte"
    assert any(c.startswith("1 Angebot ist erst geplant") for c in cells)
    assert any("Befunde sind deshalb unsicher" in c for c in cells)


def test_anonymous_action_list_hides_the_person_in_the_datenlage(
        blind: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = blind
    path = write_action_list(result, tmp_path / "anonym.xlsx", anonymous=True, network=m)
    book = openpyxl.load_workbook(path)
    everything = "\n".join(str(v) for ws in book.worksheets
                           for row in ws.iter_rows(values_only=True) for v in row if v)
    assert PERSON not in everything and PERSON_ID not in everything
    names = [r[1] for r in book["Datenlage"].iter_rows(min_row=2, max_row=4, values_only=True)]
    assert PERSON_LABEL in names


def test_an_empty_datenlage_sheet_says_so(tmp_path: Path) -> None:
    m = _clear_map()
    book = openpyxl.load_workbook(write_action_list(analyze(m, progress=False),
                                                    tmp_path / "liste.xlsx", network=m))
    sheet = [r for r in book["Datenlage"].iter_rows(values_only=True) if any(r)]
    assert sheet[1][0] == "Was ergänzt werden sollte"
    assert sheet[2][0] == "Alle Einträge ließen sich beurteilen; kein Befund ist unsicher."


# --- in Chromium ---------------------------------------------------------------------------


class _Shown:
    """A page in Chromium with the errors and dialogs it raised and the requests it tried."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.blocked: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}")
                if msg.type == "error" else None)
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path) -> None:
        url = path.resolve().as_uri()

        def route(r: Any) -> None:
            if r.request.url == url or r.request.url.startswith(("data:", "about:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(url)

    def assert_clean(self) -> None:
        assert self.errors == [] and self.blocked == []
        assert self.page.evaluate("window.__pwned") is None


@pytest.fixture
def chromium(browser: Any) -> Iterator[_Shown]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    yield _Shown(page)
    page.close()


@pytest.mark.browser
def test_report_in_chromium_shows_datenlage_and_badges(
        chromium: _Shown, blind: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = blind
    page = chromium.page
    chromium.open(write_report(m, tmp_path / "bericht.html", result=result, include_map=False))
    section = page.locator("#datenlage")
    assert section.is_visible()
    text = section.inner_text()
    assert XSS in text and PERSON in text and "Elterncafé Süd" in text
    assert "Angebot erst geplant" in text
    badges = page.locator("#befunde article .badge.unsicher")
    assert badges.count() == min(5, sum(f.confidence == "unsicher" for f in result.findings))
    assert badges.first.is_visible() and badges.first.inner_text() == "unsicher"
    # a listed uncertain finding jumps to its article
    page.locator("#liste-unsicher a").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#befund-") and page.locator(target).is_visible()
    assert page.evaluate("document.querySelectorAll('main img').length") == 0
    chromium.assert_clean()


@pytest.mark.browser
def test_map_in_chromium_shows_datenlage_panel_and_focuses_a_node(
        chromium: _Shown, blind: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = blind
    page = chromium.page
    chromium.open(write_map(m, tmp_path / "karte.html", findings=result))
    page.wait_for_selector("body[data-netzkarte-ready=true]", state="attached", timeout=60_000)
    panel = page.locator("#nk-datenlage")
    assert panel.is_visible()
    n_uncertain = sum(f.confidence == "unsicher" for f in result.findings)
    assert page.locator("#nk-datenlage summary").inner_text() == \
        f"Datenlage – 3 Einträge ergänzen, {n_uncertain} unsicher"
    page.locator("#nk-datenlage summary").click()
    body = page.locator("#nk-datenlage-body")
    assert body.is_visible()
    text = body.inner_text()
    assert "Angebot erst geplant: 1" in text and "Was ergänzt werden sollte" in text
    first = page.locator(".nk-datenlage-nodes li").first
    assert first.locator("button").inner_text() == XSS  # text, not markup
    assert page.evaluate("document.querySelectorAll('#nk-datenlage img').length") == 0
    # clicking the entry focuses the node: selected, details shown
    first.locator("button").click()
    vid = page.evaluate("u => netzkarte.idByUid(u)", "X")
    assert page.evaluate("netzkarte.network.getSelectedNodes()") == [vid]
    assert XSS in page.locator("#nk-details").inner_text()
    # the findings panel marks uncertain findings with a text label
    badges = page.locator("#nk-findings .nk-unsicher")
    assert badges.count() == n_uncertain
    assert badges.first.is_visible() and badges.first.inner_text() == "unsicher"
    chromium.assert_clean()


@pytest.mark.browser
def test_anonymous_map_in_chromium_shows_the_person_by_role(
        chromium: _Shown, blind: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    m, result = blind
    page = chromium.page
    chromium.open(write_map(m, tmp_path / "karte.html", findings=result, anonymous=True))
    page.wait_for_selector("body[data-netzkarte-ready=true]", state="attached", timeout=60_000)
    page.locator("#nk-datenlage summary").click()
    text = page.locator("#nk-datenlage-body").inner_text()
    assert PERSON_LABEL in text and PERSON not in text
    assert PERSON not in page.locator("body").inner_text()
    chromium.assert_clean()


@pytest.mark.browser
def test_an_empty_datenlage_panel_says_everything_could_be_judged(
        chromium: _Shown, tmp_path: Path) -> None:
    m = _clear_map()
    page = chromium.page
    chromium.open(write_map(m, tmp_path / "karte.html", findings=analyze(m, progress=False)))
    page.wait_for_selector("body[data-netzkarte-ready=true]", state="attached", timeout=60_000)
    page.locator("#nk-datenlage summary").click()
    assert page.locator("#nk-datenlage-body").inner_text() == \
        "Alle Einträge ließen sich beurteilen."
    chromium.assert_clean()
